import SystemImports
import AWSChecks
import ChecklistModel
import ChecklistStore
import ChecklistUI
import TeamState
import WalkRuntime

/// The live performer: the reducer's effects against the state store, git and AWS.
final class WalkEffects: Performer {
    let store: StateStore
    let checklists: [Checklist]
    private var lock: AccountLock?
    private var check: CheckJob?
    private let fixes = FixJob()
    /// In a shared directory: commits each save off the key path.
    let commits: CommitQueue?
    /// The open account as last queued for a commit, so the next commit can name what changed.
    private var lastSaved: AccountState?
    /// A save that only moved the resume point: committed with the next change, or once when the
    /// account is left, never a commit per move.
    private var pendingMove: (state: AccountState, by: String)?
    /// The shared directory, for a sync from the walkthrough; nil when not shared.
    let shared: SharedDirectory?

    let aws: AWSSettings
    /// Who holds the account's lock and why, as another writer is told.
    let lockHolder: String
    /// Put off until the first frame is up: the account list when an account opened first, and
    /// git's answer to who the operator is (with what to say once about where that name came from).
    var listAfterFirstFrame = false
    var resolveOperator: (() -> (name: String, notice: String?))?
    /// The state directory's change time when last looked at (see `lookForChanges`).
    private var directoryStamp: [Int] = []

    init(store: StateStore, checklists: [Checklist], operatorName: String, aws: AWSSettings = AWSSettings(),
         commits: CommitQueue? = nil, shared: SharedDirectory? = nil) {
        self.shared = shared
        self.store = store
        self.checklists = checklists
        self.aws = aws
        self.commits = commits
        lockHolder = "\(operatorName), root-checklist walk"
    }

    /// Lets other writers have the account; its last resume point is committed first.
    func releaseLock() {
        if let move = pendingMove {
            pendingMove = nil
            commits?.enqueue(move.state, previous: lastSaved, by: move.by)
            lastSaved = move.state
        }
        lock?.release()
        lock = nil
    }

    /// `state.session` is the account as the walkthrough holds it, which is newer than its file when a
    /// save failed; `state.operatorName` records the changes and authors their commits.
    func perform(_ effect: Effect, state: AppState, inbox: Inbox) -> Msg? {
        let session = state.session
        let by = state.operatorName
        switch effect {
        case .openAccount(let id):
            return open(id)
        case .createAccount(let account):
            do {
                releaseLock()
                let newLock = try store.lock(account.account.id, purpose: lockHolder)
                try store.create(account, lock: newLock)
                lock = newLock
                commits?.enqueue(account, previous: nil, by: by)
                lastSaved = account
                guard let checklist = checklists.first(where: { $0.id == account.checklist.id }) else {
                    return .openFailed(.other("checklist \(account.checklist.id) is not loaded"))
                }
                return .accountOpened(account, checklist)
            } catch {
                return .openFailed(Self.failure(error))
            }
        case .save(let account):
            guard let lock, lock.accountID == account.account.id else {
                return .saveFailed(.notLocked(accountID: account.account.id))
            }
            do {
                try store.save(account, lock: lock)
                // Only the resume point moved (no history entry): not a commit of its own.
                if let lastSaved, lastSaved.account.id == account.account.id, lastSaved.history.count == account.history.count {
                    pendingMove = (account, by)
                    return .saved
                }
                pendingMove = nil
                commits?.enqueue(account, previous: lastSaved, by: by)
                lastSaved = account
                return .saved
            } catch {
                return .saveFailed(.store("\(error)"))
            }
        case .runCheck(let accountID, let itemID):
            guard let session, session.state.account.id == accountID else {
                return .checkFailed(.accountNotOpen(accountID: accountID))
            }
            return startCheck(session, itemID: itemID, inbox: inbox)
        case .cancelCheck:
            cancelCheck()
            return .checkFailed(.cancelled)
        case .listAccounts:
            return listAccounts()
        case .sync:
            return sync(by: by)
        case .planFix(let accountID, let itemID, let values):
            guard let session, session.state.account.id == accountID else {
                return .fixRefused(accountID: accountID, itemID: itemID, reason: "the account is not open")
            }
            fixes.plan(session: session, itemID: itemID, values: values, aws: aws, by: by, inbox: inbox)
            return nil
        case .runFix(let accountID, let itemID):
            guard let session, session.state.account.id == accountID else {
                return .fixRefused(accountID: accountID, itemID: itemID, reason: "the account is not open")
            }
            fixes.run(session: session, itemID: itemID, aws: aws, by: by, store: store, inbox: inbox)
            return nil
        case .copyToClipboard:
            return nil  // the runtime writes it to the terminal it owns
        case .quit:
            return nil
        }
    }

    /// Back on the account list: other shells may write the account that was left.
    func accountLeft() { releaseLock() }

    func afterFirstFrame(_ state: AppState) -> [Msg] {
        var messages: [Msg] = []
        if listAfterFirstFrame {
            listAfterFirstFrame = false
            messages.append(listAccounts())
        }
        // Git's answer is taken now (it came while the frame was drawn): the name is right before any
        // key, and what to say about it is on the screen at once (or after the first key, when a
        // message such as the starting sync's is up).
        if let resolve = resolveOperator {
            resolveOperator = nil
            let (name, notice) = resolve()
            messages.append(.operatorNamed(name))
            notice.map { messages.append(.notice($0)) }
        }
        return messages
    }

    /// The accounts read again when another command changed the state directory.
    func lookForChanges() -> Msg? { directoryChanged() ? listAccounts() : nil }

    func finish() {
        cancelCheck()
    }

    /// True when the state directory changed since last asked (a file saved, added or removed:
    /// every save renames into it); one `stat`, so it can be asked every second.
    @discardableResult
    func directoryChanged() -> Bool {
        var info = stat()
        guard stat(store.directory.path, &info) == 0 else { return false }
        let stamp = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
        defer { directoryStamp = stamp }
        return !directoryStamp.isEmpty && directoryStamp != stamp
    }

    /// Syncs the shared directory with the open account let go (sync takes the lock of each account
    /// it changes), then holds and reads that account again as the sync left it.
    private func sync(by: String) -> Msg {
        guard let shared else { return .synced(nil, Flash("This state directory is not shared.", .error)) }
        let openID = lock?.accountID
        releaseLock()
        if let commits, !commits.finish(timeout: 20) {
            if let openID { _ = open(openID) }
            return .synced(lastSaved, Flash("Not synced: the last changes are still being committed; try again in a moment.", .error))
        }
        let flash = WalkSync.run(shared, operatorName: by, when: "from the walkthrough", onScreen: true)
        commits?.refreshUnpushed()
        guard let openID else { return .synced(nil, flash) }
        switch open(openID) {
        case .accountOpened(let account, _): return .synced(account, flash)
        case .openFailed(let failure): return .synced(nil, Flash("\(flash.text) The account could not be opened again: \(failure.text)", .error))
        default: return .synced(nil, flash)
        }
    }

    /// Locks and loads an account; the lock is held until another account is opened or the walk ends.
    func open(_ id: String) -> Msg {
        releaseLock()
        do {
            let newLock = try store.lock(id, purpose: lockHolder)
            let account = try store.load(id)
            guard let checklist = checklists.first(where: { $0.id == account.checklist.id }) else {
                throw ModelError.checklistMismatch(account: id, wants: account.checklist.id,
                                                   given: checklists.map(\.id).joined(separator: ", "))
            }
            try account.checklist.check(checklist, account: id)
            lock = newLock
            lastSaved = account
            return .accountOpened(account, checklist)
        } catch {
            return .openFailed(Self.failure(error))
        }
    }

    /// An error of opening or creating an account as the reducer takes it.
    static func failure(_ error: any Error) -> OpenFailure {
        switch error {
        case ModelError.locked(let id, let holder): return .inUse(accountID: id, holder: holder)
        case ModelError.accountExists(let id): return .exists(accountID: id)
        default: return .other("\(error)")
        }
    }

    /// Starts one item's check in the background with the CLI's own configuration ($AWS_PROFILE,
    /// $AWS_REGION); its answer is posted to the inbox.
    private func startCheck(_ session: Session, itemID: String, inbox: Inbox) -> Msg? {
        if let check, !check.isFinished { return .checkFailed(.alreadyRunning) }
        check = CheckJob(session: session, itemID: itemID, aws: aws, store: store, inbox: inbox)
        return nil
    }

    /// Ends a running check and the aws processes it started.
    func cancelCheck() {
        check?.cancel()
        check = nil
    }

    /// Reads every account for the list; damaged files are named, not hidden.
    func listAccounts() -> Msg {
        var rows: [AccountRow] = []
        var unreadable: [String] = []
        let checklists = self.checklists
        let now = Timestamp.now()
        let loaded = (try? store.loadAll { result -> AccountRow? in
            guard case .success(let state) = result,
                  let definition = checklists.first(where: { $0.id == state.checklist.id }),
                  (try? state.checklist.check(definition, account: state.account.id)) != nil else { return nil }
            return AccountRow(AccountProgress(state: state, checklist: definition, asOf: now))
        }) ?? []
        for entry in loaded {
            if let row = entry.value { rows.append(row) } else { unreadable.append(entry.id) }
        }
        return .accountsLoaded(rows: rows, unreadable: unreadable)
    }
}
