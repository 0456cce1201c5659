import ChecklistModel
import ChecklistUI
import DefaultChecklist
import Foundation
import Testing

/// Drives the reducer like the executable does, answering effects the way a healthy store would.
struct Harness {
    var state: AppState
    var effects: [Effect] = []
    var saved: [AccountState] = []
    var stored: [String: AccountState] = [:]
    var now = Date(timeIntervalSince1970: 1_800_000_000)

    static let checklist: Checklist = {
        do {
            return try ChecklistLoader.load(data: BundledChecklists.files[BundledChecklists.defaultName] ?? Data(), source: "bundled")
        } catch {
            fatalError("bundled checklist does not load: \(error)")
        }
    }()

    static var itemIDs: [String] { checklist.items.map(\.id) }

    /// An empty state directory: the onboarding form.
    init(width: Int = 80, height: Int = 24, options: ViewOptions = ViewOptions(), accounts: [AccountState] = [],
         checksAvailable: Bool = true) {
        state = AppState(accounts: accounts.map { AccountRow(AccountProgress(state: $0, checklist: Self.checklist)) },
                         checklists: [Self.checklist], width: width, height: height, options: options,
                         operatorName: "tester@host", checksAvailable: checksAvailable)
        for account in accounts { stored[account.account.id] = account }
    }

    /// An account opened on its first step.
    static func opened(width: Int = 80, height: Int = 24, options: ViewOptions = ViewOptions(),
                       account: AccountState? = nil, checksAvailable: Bool = true) -> Harness {
        let account = account ?? newAccount()
        var harness = Harness(width: width, height: height, options: options, accounts: [account], checksAvailable: checksAvailable)
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
        var queue = [msg]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            let produced = Reducer.update(&state, next, now: now)
            effects += produced
            for effect in produced {
                switch effect {
                case .save(let account):
                    saved.append(account)
                    stored[account.account.id] = account
                    queue.append(.saved)
                case .createAccount(let account):
                    stored[account.account.id] = account
                    queue.append(.accountOpened(account, Self.checklist))
                case .openAccount(let id):
                    if let account = stored[id] {
                        queue.append(.accountOpened(account, Self.checklist))
                    } else {
                        queue.append(.openFailed("no such account"))
                    }
                case .cancelCheck:
                    queue.append(.checkFailed("The check was cancelled; nothing was recorded."))
                case .runCheck, .quit:
                    break
                }
            }
        }
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

    func record(_ item: String) -> ItemRecord { account?.record(item) ?? ItemRecord() }

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

/// Compares a rendered screen with `Golden/<name>.txt`; `RECORD_GOLDEN=1 swift test` rewrites the files.
func expectGolden(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation, file: String = #filePath) {
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Golden")
    let url = directory.appendingPathComponent("\(name).txt")
    let actual = grid.text + "\n"
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name).txt: run RECORD_GOLDEN=1 swift test --filter ChecklistUITests", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "screen \(name) differs from its golden file", sourceLocation: sourceLocation)
}
