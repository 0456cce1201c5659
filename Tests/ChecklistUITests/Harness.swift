import ChecklistModel
import ChecklistUI
import DefaultChecklist
import Foundation
import TestSupport
import WalkRuntime
import Testing

/// Drives the walkthrough's production runtime (reducer, effects, answers) with a fake performer
/// that answers the way a healthy store would.
struct Harness {
    let runtime: WalkRuntime<FakePerformer>
    var performer: FakePerformer { runtime.performer }

    var state: AppState {
        get { runtime.state }
        nonmutating set { runtime.state = newValue }
    }
    var effects: [Effect] {
        get { performer.effects }
        nonmutating set { performer.effects = newValue }
    }
    var saved: [AccountState] { performer.saved }
    var stored: [String: AccountState] {
        get { performer.stored }
        nonmutating set { performer.stored = newValue }
    }
    /// Accounts as a teammate pushed them, taken in by the next sync.
    var remote: [AccountState] {
        get { performer.remote }
        nonmutating set { performer.remote = newValue }
    }
    var now: Date {
        get { performer.now }
        nonmutating set { performer.now = newValue }
    }

    static let checklist: Checklist = {
        do {
            return try ChecklistLoader.load(data: RepositoryFiles.checklist(BundledChecklists.defaultName), source: "bundled")
        } catch {
            fatalError("bundled checklist does not load: \(error)")
        }
    }()

    static var itemIDs: [String] { checklist.items.map(\.id) }

    /// An empty state directory: the onboarding form.
    init(width: Int = 80, height: Int = 24, options: ViewOptions = ViewOptions(), accounts: [AccountState] = [],
         checksAvailable: Bool = true, region: String? = nil) {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let state = AppState(accounts: accounts.map { AccountRow(AccountProgress(state: $0, checklist: Self.checklist)) },
                             checklists: [Self.checklist], width: width, height: height, options: options,
                             operatorName: "tester@host", checksAvailable: checksAvailable, region: region)
        let performer = FakePerformer(checklist: Self.checklist, now: start)
        for account in accounts { performer.stored[account.account.id] = account }
        do {
            runtime = WalkRuntime(state: state, performer: performer, inbox: try Inbox())
        } catch {
            fatalError("\(error)")
        }
        runtime.clock = { [performer] in performer.now }
    }

    /// An account opened on its first step.
    static func opened(width: Int = 80, height: Int = 24, options: ViewOptions = ViewOptions(),
                       account: AccountState? = nil, checksAvailable: Bool = true, region: String? = nil) -> Harness {
        let account = account ?? newAccount()
        var harness = Harness(width: width, height: height, options: options, accounts: [account], checksAvailable: checksAvailable,
                              region: region)
        harness.send(.key(.enter))
        return harness
    }

    static func newAccount(_ id: String = "111122223333", alias: String? = "prod") -> AccountState {
        do {
            return try AccountState.new(accountID: id, alias: alias, rootEmail: "root@example.com", checklist: checklist,
                                        by: "tester@host", at: Date(timeIntervalSince1970: 1_800_000_000))
        } catch {
            fatalError("\(error)")
        }
    }

    mutating func send(_ msg: Msg) {
        runtime.send(msg)
    }

    /// Fills the open root-mfa evidence form (kinds, count, backup location) and accepts it.
    mutating func fillMFAEvidence(backup: String = "Safe B") {
        type("passkey")
        press(.tab)
        type("2")
        press(.tab, .tab)  // two devices: no reason needed for a single one
        type(backup)
        press(.enter)
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { send(.key(.char(character))) }
    }

    var screen: Screen { state.screen }
    var account: AccountState? { state.session?.state }
    var text: String { View.render(state).text }
    /// The whole scrollable body of the current screen, not only what fits.
    var bodyText: String { Layout.bodyLines(for: state.screen, in: state).map(\.plainText).joined(separator: "\n") }

    func record(_ item: String) -> ItemRecord { account?.record(item) ?? ItemRecord() }

    /// Opens the step of `itemID` from wherever the walkthrough is.
    mutating func openStep(_ itemID: String) {
        while currentStep != itemID {
            guard let here = currentStep, let from = Self.itemIDs.firstIndex(of: here),
                  let to = Self.itemIDs.firstIndex(of: itemID) else { return }
            press(.char(to > from ? "n" : "p"))
        }
    }

    var currentStep: String? {
        if case .step(let itemID, _) = state.screen { return itemID }
        return nil
    }

    var form: Form? {
        switch state.screen {
        case .form(let form), .onboarding(let form): return form
        default: return nil
        }
    }
}

/// One character per cell for its style, so a golden file pins colours and reverse video too:
/// `.` plain, `B` bold, `R` reverse, `X` bold reverse, `d` dim, a tint as its letter (`a` accent,
/// `g` good, `w` warn, `e` bad, `m` muted), upper case when bold, `*` for a tinted reverse cell.
func styleText(_ grid: Grid) -> String {
    func code(_ style: CellStyle) -> Character {
        if let tint = style.tint {
            if style.reverse { return "*" }
            let letter: Character = switch tint {
            case .accent: "a"
            case .good: "g"
            case .warn: "w"
            case .bad: "e"
            case .muted: "m"
            }
            return style.bold ? Character(letter.uppercased()) : letter
        }
        switch (style.bold, style.reverse) {
        case (true, true): return "X"
        case (false, true): return "R"
        case (true, false): return "B"
        default: return style.dim ? "d" : "."
        }
    }
    return stride(from: 0, to: grid.cells.count, by: grid.width).map { start in
        String(grid.cells[start..<min(start + grid.width, grid.cells.count)].map { code($0.style) })
    }.joined(separator: "\n")
}

/// Compares a rendered screen with `Golden/<name>.txt` (text) and `Golden/<name>.styles.txt`
/// (one style letter per cell, see `styleText`). `RECORD_GOLDEN=1 swift test` rewrites both and
/// fails, so a recording run is never mistaken for a passing one; a mismatch lists the lines.
func expectGolden(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation, file: String = #filePath) {
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Golden")
    for (suffix, actual) in [("txt", grid.text + "\n"), ("styles.txt", styleText(grid) + "\n")] {
        let url = directory.appendingPathComponent("\(name).\(suffix)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let old = try? String(contentsOf: url, encoding: .utf8)
            try? Data(actual.utf8).write(to: url)
            if old != actual {
                Issue.record("recorded Golden/\(name).\(suffix): review it, then run again without RECORD_GOLDEN", sourceLocation: sourceLocation)
            }
            continue
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name).\(suffix): run RECORD_GOLDEN=1 swift test --filter ChecklistUITests", sourceLocation: sourceLocation)
            continue
        }
        if actual != expected {
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let lines = (0..<max(want.count, got.count)).filter { index in
                (index < want.count ? want[index] : "") != (index < got.count ? got[index] : "")
            }.prefix(8).map { index in
                "line \(index + 1):\n  golden: \(index < want.count ? want[index] : "")\n  actual: \(index < got.count ? got[index] : "")"
            }
            Issue.record("screen \(name) differs from Golden/\(name).\(suffix):\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }
}
