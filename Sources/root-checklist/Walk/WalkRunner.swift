import AWSChecks
import ChecklistModel
import ChecklistStore
import ChecklistText
import ChecklistUI
import CursesTerminal
import ProcessSupport
import SystemImports
import TeamState
import WalkRuntime

/// Sets up the walkthrough (its checklists, the live performer, the account to open) and runs the
/// runtime on the ncurses terminal.
final class WalkRunner {
    private let runtime: WalkRuntime<WalkEffects>
    private let effects: WalkEffects

    init(store: StateStore, checklistOption: String?, account: String?, ascii: Bool, color: Bool, operatorName: String,
         resolveOperator: (() -> (name: String, notice: String?))? = nil, aws: AWSSettings = AWSSettings(), commits: CommitQueue? = nil,
         shared: SharedDirectory? = nil, message: Flash? = nil) throws {
        var checklists = ChecklistCatalog.bundled
        if let checklistOption {
            let chosen = try ChecklistCatalog.resolve(checklistOption)
            checklists.removeAll { $0.id == chosen.id }
            checklists.insert(chosen, at: 0)
        }
        effects = WalkEffects(store: store, checklists: checklists, operatorName: operatorName, aws: aws, commits: commits, shared: shared)
        effects.resolveOperator = resolveOperator
        var state = AppState(accounts: [], checklists: checklists, width: 80, height: 24,
                             options: ViewOptions(ascii: ascii, color: color), operatorName: operatorName,
                             checksAvailable: true, region: aws.region)
        if commits != nil { state.sharing = Sharing(counted: false) }
        // The items a fix through AWS exists for, and the values each takes.
        for checklist in checklists {
            for item in checklist.items where Fixes.unavailable(item) == nil { state.fixable[item.id] = Fixes.keys(for: item) }
        }
        state.flash = message
        var first: [Msg] = []
        if let account {
            // Open (and lock) before the screen starts, so "in use" or "damaged" is a plain error line.
            guard TeamContext.accountExists(account, in: store) else {
                throw ModelError.accountNotFound(id: account, directory: store.directory.path)
            }
            let opened = effects.open(account)
            if case .openFailed(let failure) = opened { throw Failure(failure.text) }
            first.append(opened)
            // The list is only needed once the operator goes back to it: read it after the first frame.
            effects.listAfterFirstFrame = true
        } else {
            first.append(effects.listAccounts())
        }
        effects.directoryChanged()
        runtime = WalkRuntime(state: state, performer: effects, inbox: try Inbox(), first: first)
        commits?.attach(runtime.inbox)
    }

    /// Returns the summary to print after the terminal is restored.
    func run() throws -> String? {
        SignalFlag.install()
        SignalFlag.ignoreBrokenPipes()
        let terminal = try CursesTerminal(color: runtime.state.options.color)
        defer { terminal.close() }
        runtime.run(on: terminal)
        terminal.close()
        effects.releaseLock()
        return summaryText()
    }

    /// The account open when the walkthrough ended, and its checklist.
    var openAccount: (String, Checklist)? { runtime.state.session.map { ($0.state.account.id, $0.checklist) } }

    private func summaryText() -> String? {
        guard let session = runtime.state.session else { return nil }
        return SummaryText.account(session.progress, width: 80, style: StatusStyle(ascii: runtime.state.options.ascii))
    }
}

extension CursesTerminal: TerminalPort {}
