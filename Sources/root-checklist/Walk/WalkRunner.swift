import AWSChecks
import ChecklistModel
import ChecklistText
import ChecklistUI
import CursesTerminal
import ProcessSupport
import SystemImports
import TeamState

/// Runs the walkthrough: the loop that feeds keys to the reducer, performs its effects and paints.
final class WalkRunner {
    private var state: AppState
    private let effects: WalkEffects
    private var pending: [Msg] = []
    private let store: StateStore
    private var listAfterFirstFrame = false
    /// The terminal while the walkthrough runs, for effects that write to it (the clipboard).
    private var terminal: CursesTerminal?

    /// Asked before the first key is handled when the operator's name is not known yet (see IdentityLookup),
    /// with what to say once about where that name came from.
    private var resolveOperator: (() -> (name: String, notice: String?))?
    private var laterNotice: String?
    /// The state directory's change time when last looked at, and when that was: the account list
    /// reads the accounts again by itself when another command changed one.
    private var directoryStamp: [Int] = []
    private var lastLook = 0.0
    private var lastMinute = 0.0

    init(store: StateStore, checklistOption: String?, account: String?, ascii: Bool, color: Bool, operatorName: String,
         resolveOperator: (() -> (name: String, notice: String?))? = nil, aws: AWSSettings = AWSSettings(), commits: CommitQueue? = nil,
         shared: SharedDirectory? = nil, message: Flash? = nil) throws {
        self.resolveOperator = resolveOperator
        var checklists = ChecklistCatalog.bundled
        if let checklistOption {
            let chosen = try ChecklistCatalog.resolve(checklistOption)
            checklists.removeAll { $0.id == chosen.id }
            checklists.insert(chosen, at: 0)
        }
        effects = WalkEffects(store: store, checklists: checklists, operatorName: operatorName, aws: aws, commits: commits, shared: shared)
        self.store = store
        state = AppState(accounts: [], checklists: checklists, width: 80, height: 24,
                         options: ViewOptions(ascii: ascii, color: color), operatorName: operatorName,
                         checksAvailable: true, region: aws.region)
        if commits != nil { state.sharing = Sharing(counted: false) }
        state.flash = message
        if let account {
            // Open (and lock) before the screen starts, so "in use" or "damaged" is a plain error line.
            guard TeamContext.accountExists(account, in: store) else {
                throw ModelError.accountNotFound(id: account, directory: store.directory.path)
            }
            let opened = effects.open(account)
            if case .openFailed(let failure) = opened { throw Failure(failure.text) }
            pending.append(opened)
            // The list is only needed once the operator goes back to it: read it after the first frame.
            listAfterFirstFrame = true
        } else {
            pending.append(effects.listAccounts())
        }
        _ = directoryChanged()
    }

    /// Returns the summary to print after the terminal is restored.
    func run() throws -> String? {
        SignalFlag.install()
        SignalFlag.ignoreBrokenPipes()
        let terminal = try CursesTerminal(color: state.options.color)
        self.terminal = terminal
        defer { terminal.close() }
        let size = terminal.size
        pending.insert(.resize(width: size.width, height: size.height), at: 0)
        var painted: AppState?
        while !state.quitting {
            drain()
            if SignalFlag.pending != nil {
                // A signal quits on every screen, the "too small" notice and forms included, and saves the cursor.
                dispatch(.signal)
                drain()
                break
            }
            if state.quitting { break }
            if painted != state {
                terminal.paint(View.render(state), cursor: View.cursorPosition(state))
                painted = state
            }
            if listAfterFirstFrame {
                listAfterFirstFrame = false
                pending.append(effects.listAccounts())
                continue
            }
            // Once the first frame is up, git's answer is taken (it came while the frame was drawn):
            // the name is right before any key, and what to say about it is on the screen at once.
            if let resolve = resolveOperator {
                resolveOperator = nil
                let (name, notice) = resolve()
                pending.append(.operatorNamed(name))
                // A message already up (what the starting sync did) stays until the first key.
                if state.flash == nil { notice.map { pending.append(.notice($0)) } } else { laterNotice = notice }
                continue
            }
            if let answer = effects.checkAnswer() {
                pending.append(answer)
                continue
            }
            if let sharing = effects.commits?.change() {
                pending.append(.sharing(sharing))
                continue
            }
            if state.screen.kind == .accountList, ProcessRunner.monotonicSeconds() - lastMinute >= 60 {
                lastMinute = ProcessRunner.monotonicSeconds()
                pending.append(.minute)
                continue
            }
            if state.screen.kind == .accountList, ProcessRunner.monotonicSeconds() - lastLook >= 1 {
                lastLook = ProcessRunner.monotonicSeconds()
                if directoryChanged() {
                    pending.append(effects.listAccounts())
                    continue
                }
            }
            guard var event = terminal.read() else {
                // No key within the read's 100 ms: move the spinner of a running check.
                if state.checking != nil { pending.append(.tick) }
                continue
            }
            while true {
                switch event {
                case .key(let key): pending.append(.key(key))
                case .paste(let text): pending.append(.paste(text))
                case .resize(let width, let height): pending.append(.resize(width: width, height: height))
                }
                guard pending.count < 4096, let next = terminal.readArrived() else { break }
                event = next
            }
            if let notice = laterNotice {
                laterNotice = nil
                pending.append(.notice(notice))
            }
        }
        effects.cancelCheck()
        terminal.close()
        effects.releaseLock()
        return summaryText()
    }

    private func drain() {
        while !pending.isEmpty {
            dispatch(pending.removeFirst())
        }
    }

    /// Runs one message through the reducer and performs the effects it asks for.
    private func dispatch(_ msg: Msg) {
        let hadSession = state.session != nil
        for effect in Reducer.update(&state, msg, now: Timestamp.now()) {
            if case .copyToClipboard(let text) = effect {
                terminal?.copyToClipboard(text)
                continue
            }
            // A sync holds the loop while git talks to the remote: its message is on the screen first.
            if effect == .sync { terminal?.paint(View.render(state), cursor: View.cursorPosition(state)) }
            if let answer = effects.perform(effect, session: state.session, by: state.operatorName) { pending.append(answer) }
        }
        // Back on the account list: let other shells write the account we left.
        if hadSession && state.session == nil { effects.releaseLock() }
    }

    /// True when the state directory changed since last asked (a file saved, added or removed:
    /// every save renames into it); one `stat`, so it can be asked every second.
    private func directoryChanged() -> Bool {
        var info = stat()
        guard stat(store.directory.path, &info) == 0 else { return false }
        let stamp = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
        defer { directoryStamp = stamp }
        return !directoryStamp.isEmpty && directoryStamp != stamp
    }

    /// The account open when the walkthrough ended, and its checklist.
    var openAccount: (String, Checklist)? { state.session.map { ($0.state.account.id, $0.checklist) } }

    private func summaryText() -> String? {
        guard let session = state.session else { return nil }
        return SummaryText.account(session.progress, width: 80, style: StatusStyle(ascii: state.options.ascii))
    }
}
