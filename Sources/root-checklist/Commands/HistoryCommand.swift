import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

enum HistoryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Prints who changed what and when, from the account's own append-only history.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print an account's changes (or one item's) with who made them and when.",
        discussion: "Read from the history every state file keeps and never rewrites: statuses, evidence, notes, AWS checks, undo and redo, the account's details."
    )

    @Argument(help: "The account id (dashes or spaces allowed) or its alias; with --verify, optional (every account).")
    var account: String?

    @Argument(help: "Only this item's changes.")
    var itemID: String?

    @Option(help: ArgumentHelp("Only changes on or after this day (YYYY-MM-DD, UTC).", valueName: "date"))
    var since: String?

    @Option(help: "text or json (described by Checklists/history.schema.json).")
    var format: HistoryFormat = .text

    @Flag(help: "Check that every account's file adds up (history in time order, statuses where their history leads, done items with their evidence, no date in the future): exit 0 when it does, 3 otherwise.")
    var verify = false

    func validate() throws {
        if account == nil && !verify { throw ValidationError("Name an account (id or alias), or use --verify to check every account.") }
        if verify && (itemID != nil || since != nil || format != .text) { throw ValidationError("--verify takes an account at most.") }
        if let since, !EvidenceValidator.isISODate(since) {
            throw ValidationError("--since takes a day as YYYY-MM-DD, like 2026-11-01, not \"\(PlainText.sanitizeLine(since))\".")
        }
    }

    @OptionGroup var global: ReadOptions

    func run() throws {
        if verify { return try runVerify() }
        try reportingFailures {
            let store = global.store
            let id = try AccountResolver.resolve(account ?? "", in: store)
            let state = try store.load(id)
            if let itemID, !state.items.keys.contains(itemID), !state.history.contains(where: { $0.item == itemID }) {
                let known = try ChecklistCatalog.forAccount(state, option: nil).items.map(\.id)
                guard known.contains(itemID) else { throw ModelError.unknownItem(id: itemID, known: known) }
            }
            let from = since.flatMap { ISODate.parseAnyForm($0 + "T00:00:00Z") }
            switch format {
            case .text: try Output.print(HistoryText.render(state, item: itemID, since: from))
            case .json: try Output.print(HistoryText.json(state, item: itemID, since: from))
            }
        }
    }

    /// `--verify`: what does not add up in each account's file, a line each.
    func runVerify() throws {
        let found: Bool = try reportingFailures {
            let store = global.store
            let ids = try account.map { [try AccountResolver.resolve($0, in: store)] } ?? store.accountIDs()
            var lines: [String] = []
            var unreadable = 0
            let now = Timestamp.now()
            for id in ids {
                let state: AccountState
                do {
                    state = try store.load(id)
                } catch {
                    lines.append("\(id): \(commandLineMessage(error))")
                    unreadable += 1
                    continue
                }
                let checklist = try? ChecklistCatalog.forAccount(state, option: nil)
                let problems = state.historyProblems() + state.unresolvedProblems() + state.integrityProblems(checklist: checklist, now: now)
                lines += problems.map { "\(id): \($0)" }
            }
            let accounts = "\(ids.count) account\(ids.count == 1 ? "" : "s")"
            try Output.print((lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n\n")
                             + (lines.isEmpty ? "Checked \(accounts): every file adds up.\n" : "Checked \(accounts): \(lines.count) problem\(lines.count == 1 ? "" : "s").\n"))
            if unreadable > 0 { throw ExitCode(1) }
            return !lines.isEmpty
        }
        if found { throw ExitCode(3) }
    }
}
