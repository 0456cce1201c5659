/// What a key does, independent of which key it is.
public enum Action: String, Sendable, CaseIterable {
    case up, down, pageUp, pageDown, open, back, next, previous, first, last, jump, nextPending
    case done, skip, notApplicable, evidence, note, undo, redo, check, overrideCheck, resolve, confirm, reopen, copy, fix, confirmFix
    case tasks, summary, help, quit, newAccount, account, refresh, search, filter, sort, sync, clearSearch
    case nextField, previousField, accept, cancel
}

/// One row of the key map: the keys, the action, and the words the footer and help use.
public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var short: String
    public var help: String
    public var screens: Set<ScreenKind>
    public var inFooter: Bool
    /// How the footer names the keys when not by the first key alone ("n/p" for next and previous).
    public var footerKeys: String? = nil
    /// Offered in the footer only when the state directory is shared (git).
    public var sharedOnly = false
}

/// The single source of key bindings: the reducer dispatches through it, the footer and `?` help
/// are generated from it, so what is shown is always what works.
public enum KeyMap {
    static let browsing: Set<ScreenKind> = [.accountList, .overview, .step, .help, .tasks, .summary, .completion, .fixPlan]
    static let itemScreens: Set<ScreenKind> = [.overview, .step]
    static let scrolling: Set<ScreenKind> = [.step, .help, .tasks, .summary, .completion, .fixPlan]
    static let formScreens: Set<ScreenKind> = [.form, .onboarding]

    public static let bindings: [Binding] = [
        Binding(keys: [.up, .char("k")], action: .up, short: "move", help: "Move up, or scroll up", screens: browsing, inFooter: false),
        Binding(keys: [.down, .char("j")], action: .down, short: "move", help: "Move down, or scroll down", screens: browsing, inFooter: false),
        Binding(keys: [.pageUp], action: .pageUp, short: "page", help: "Scroll a page up", screens: browsing, inFooter: false),
        Binding(keys: [.pageDown], action: .pageDown, short: "page", help: "Scroll a page down", screens: browsing, inFooter: false),
        Binding(keys: [.char("g"), .home], action: .first, short: "first", help: "Go to the first item, or the top",
                screens: browsing, inFooter: false),
        Binding(keys: [.char("G"), .end], action: .last, short: "last", help: "Go to the last item, or the bottom",
                screens: browsing, inFooter: false),
        Binding(keys: (0...9).map { .char(Character(String($0))) }, action: .jump, short: "go to",
                help: "Go to item N: type its number (two digits for 10 and up)", screens: itemScreens, inFooter: false,
                footerKeys: "1-9"),
        Binding(keys: [.char("/")], action: .search, short: "search",
                help: "Search: type to jump to the first match (the account list narrows to the matches), Enter stays, Esc goes back",
                screens: [.accountList, .overview, .step], inFooter: false),
        Binding(keys: [.char("]")], action: .nextPending, short: "next pending", help: "Go to the next pending item",
                screens: itemScreens, inFooter: false),
        Binding(keys: [.enter, .right, .char("l")], action: .open, short: "open", help: "Open the selected account or step",
                screens: [.accountList, .overview], inFooter: true),
        Binding(keys: [.escape, .left, .char("h")], action: .back, short: "back", help: "Go back to the previous screen",
                screens: [.overview, .step, .help, .tasks, .summary, .completion, .fixPlan], inFooter: true),
        Binding(keys: [.char("n")], action: .newAccount, short: "new account", help: "Onboard another account",
                screens: [.accountList], inFooter: true),
        Binding(keys: [.char("f")], action: .filter, short: "filter",
                help: "Show all accounts, the incomplete ones, those with contradictions, or those overdue", screens: [.accountList], inFooter: true),
        Binding(keys: [.escape], action: .clearSearch, short: "clear", help: "Clear the search that narrows the list",
                screens: [.accountList], inFooter: false),
        Binding(keys: [.char("o")], action: .sort, short: "sort", help: "Sort by last change, by progress, or by account id",
                screens: [.accountList], inFooter: true),
        Binding(keys: [.char("R")], action: .refresh, short: "refresh", help: "Read the accounts again (changes made by other commands)",
                screens: [.accountList], inFooter: true),
        Binding(keys: [.char("n")], action: .next, short: "step", help: "Next step", screens: [.step], inFooter: true,
                footerKeys: "n/p"),
        Binding(keys: [.char("p")], action: .previous, short: "prev", help: "Previous step", screens: [.step], inFooter: false),
        Binding(keys: [.char("d"), .char(" ")], action: .done, short: "done", help: "Mark done (asks for required evidence first)",
                screens: itemScreens, inFooter: true),
        Binding(keys: [.char("s")], action: .skip, short: "skip", help: "Skip for now (asks for a reason)", screens: itemScreens, inFooter: true),
        Binding(keys: [.char("x")], action: .notApplicable, short: "n/a", help: "Not applicable (asks for a reason)",
                screens: itemScreens, inFooter: true),
        Binding(keys: [.char("e")], action: .evidence, short: "evidence", help: "Edit evidence", screens: itemScreens, inFooter: true),
        Binding(keys: [.char("o")], action: .note, short: "note", help: "Edit the note", screens: itemScreens, inFooter: true),
        Binding(keys: [.char("r")], action: .reopen, short: "reopen", help: "Reopen the item to pending (its evidence is kept)",
                screens: itemScreens, inFooter: false),
        Binding(keys: [.char("u")], action: .undo, short: "undo", help: "Undo the last change", screens: itemScreens.union([.completion]), inFooter: true),
        Binding(keys: [.ctrl("r")], action: .redo, short: "redo", help: "Redo the last undone change", screens: itemScreens.union([.completion]), inFooter: false),
        Binding(keys: [.char("v")], action: .check, short: "check", help: "Run this item's AWS check (Esc cancels it)", screens: itemScreens, inFooter: true),
        Binding(keys: [.char("O")], action: .overrideCheck, short: "override",
                help: "Keep a contradicted done item done against its failing AWS check, with a reason (recorded, shown everywhere)",
                screens: itemScreens, inFooter: false),
        Binding(keys: [.char("M")], action: .resolve, short: "resolve",
                help: "Resolve an item changed by both sides of a sync: take a version, or keep the current values (recorded)",
                screens: itemScreens, inFooter: false),
        Binding(keys: [.char("C")], action: .confirm, short: "confirm",
                help: "Confirm a done item again (the phone still answers, the contact is still right): its re-check clock restarts",
                screens: itemScreens, inFooter: false),
        Binding(keys: [.char("F")], action: .fix, short: "fix",
                help: "Fix the item through AWS's API where one exists: shows the plan first, changes nothing until you type the account id",
                screens: [.step], inFooter: false),
        Binding(keys: [.char("y")], action: .confirmFix, short: "make these calls",
                help: "Make the plan's calls (asks for the account id or alias first)", screens: [.fixPlan], inFooter: true),
        Binding(keys: [.char("c")], action: .copy, short: "copy",
                help: "Copy the step's command to the clipboard (OSC 52; the terminal must allow it)", screens: [.step], inFooter: true),
        Binding(keys: [.char("a")], action: .account, short: "account", help: "Edit the account: alias, root email, kind",
                screens: [.overview, .step], inFooter: false),
        Binding(keys: [.char("t")], action: .tasks, short: "root tasks", help: "Show the tasks that need the root user",
                screens: [.overview, .step, .completion], inFooter: false),
        Binding(keys: [.char("S")], action: .summary, short: "summary", help: "Show the account summary",
                screens: [.overview, .step, .completion], inFooter: false),
        Binding(keys: [.char("Y")], action: .sync, short: "sync",
                help: "Sync a shared state directory now (commit, fetch, merge, push) and read the open account again",
                screens: [.accountList, .overview, .step], inFooter: true, sharedOnly: true),
        Binding(keys: [.char("?")], action: .help, short: "help", help: "Show this help", screens: browsing, inFooter: true),
        Binding(keys: [.char("q"), .ctrl("c")], action: .quit, short: "quit", help: "Quit (everything is already saved)",
                screens: browsing, inFooter: true),
        Binding(keys: [.tab, .down], action: .nextField, short: "next field", help: "Next field", screens: formScreens, inFooter: true),
        Binding(keys: [.backTab, .up], action: .previousField, short: "prev field", help: "Previous field", screens: formScreens, inFooter: false),
        Binding(keys: [.enter], action: .accept, short: "save", help: "Accept the form", screens: formScreens, inFooter: true),
        Binding(keys: [.escape], action: .cancel, short: "cancel", help: "Cancel the form", screens: formScreens, inFooter: true),
        Binding(keys: [.ctrl("c")], action: .quit, short: "quit", help: "Quit (what was accepted is saved)", screens: formScreens, inFooter: false),
    ]

    /// The action a key triggers on a screen, if any.
    public static func action(for key: Key, on screen: ScreenKind) -> Action? {
        bindings.first { $0.screens.contains(screen) && $0.keys.contains(key) }?.action
    }

    /// Which hints the footer keeps first when the terminal is narrow.
    /// On a step at 80 columns: done, skip, next/previous, evidence, note, undo, check (back, n/a
    /// and copy are in `?` help, and shown on wider terminals; the step text names c itself).
    static let footerPriority: [Action] = [.accept, .cancel, .nextField, .done, .skip, .next, .evidence, .note,
                                           .undo, .check, .sync, .open, .newAccount, .filter, .sort, .refresh, .back, .notApplicable, .copy]

    /// Footer hints for a screen, most important first; help and quit are marked essential so
    /// they stay visible however narrow the terminal is.
    public static func footer(for screen: ScreenKind, ascii: Bool, shared: Bool = false) -> [FooterHint] {
        var hints: [FooterHint] = []
        let ranked = bindings.filter { $0.inFooter && $0.screens.contains(screen) && (shared || !$0.sharedOnly) }
            .sorted { footerPriority.firstIndex(of: $0.action) ?? 99 < footerPriority.firstIndex(of: $1.action) ?? 99 }
        for binding in ranked {
            hints.append(FooterHint(keys: binding.footerKeys ?? binding.keys[0].label(ascii: ascii), label: binding.short,
                                    essential: binding.action == .help || binding.action == .quit))
        }
        if browsing.contains(screen) {
            hints.append(FooterHint(keys: "\(Key.up.label(ascii: ascii))\(Key.down.label(ascii: ascii))",
                                    label: scrolling.contains(screen) ? "scroll" : "move", essential: false))
        }
        return hints
    }

    /// The help screen's lines, grouped by screen.
    public static func helpLines(ascii: Bool) -> [String] {
        var lines: [String] = []
        for screen in ScreenKind.allCases where screen != .help {
            let rows = bindings.filter { $0.screens.contains(screen) }
            guard !rows.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append(screen.rawValue)
            for binding in rows {
                let keys = binding.action == .jump ? "1-9, 10-99"
                    : binding.keys.map { $0.label(ascii: ascii) }.joined(separator: ", ")
                lines.append("  " + keys + String(repeating: " ", count: max(0, 20 - keys.count)) + "  " + binding.help)
            }
            if screen == .form || screen == .onboarding {
                lines.append("  ←/→, Home/End, Backspace, Delete, Ctrl-U   edit the text")
            }
        }
        return lines
    }
}

/// One key hint in the footer; essential ones (help, quit) stay however narrow the terminal is.
public struct FooterHint: Sendable, Equatable {
    public var keys: String
    public var label: String
    public var essential: Bool
}
