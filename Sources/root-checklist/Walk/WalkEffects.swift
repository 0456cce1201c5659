import SystemImports
import AWSChecks
import ChecklistModel
import ChecklistUI

/// Performs the reducer's effects against the state store (and AWS), answering with messages.
final class WalkEffects {
    let store: StateStore
    let checklists: [Checklist]
    private var lock: AccountLock?
    private var check: CheckJob?
    /// In a shared directory: commits each save off the key path.
    let commits: CommitQueue?
    /// The open account as last saved, so a commit can name what changed.
    private var lastSaved: AccountState?

    let aws: AWSSettings
    /// Who holds the account's lock and why, as another writer is told.
    let lockHolder: String

    init(store: StateStore, checklists: [Checklist], operatorName: String, aws: AWSSettings = AWSSettings(),
         commits: CommitQueue? = nil) {
        self.store = store
        self.checklists = checklists
        self.aws = aws
        self.commits = commits
        lockHolder = "\(operatorName), root-checklist walk"
    }

    func releaseLock() {
        lock?.release()
        lock = nil
    }

    /// `session` is the account as the walkthrough holds it, which is newer than its file when a save
    /// failed; `by` is the operator the reducer records changes under, who authors their commits.
    func perform(_ effect: Effect, session: Session?, by: String) -> Msg? {
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
                    return .openFailed("checklist \(account.checklist.id) is not loaded")
                }
                return .accountOpened(account, checklist)
            } catch {
                return .openFailed("\(error)")
            }
        case .save(let account):
            guard let lock, lock.accountID == account.account.id else {
                return .saveFailed("the account is not locked by this session")
            }
            do {
                try store.save(account, lock: lock)
                commits?.enqueue(account, previous: lastSaved, by: by)
                lastSaved = account
                return .saved
            } catch {
                return .saveFailed("\(error)")
            }
        case .runCheck(let accountID, let itemID):
            guard let session, session.state.account.id == accountID else {
                return .checkFailed("account \(accountID) is not open")
            }
            return startCheck(session, itemID: itemID)
        case .cancelCheck:
            cancelCheck()
            return .checkFailed("The check was cancelled; nothing was recorded.")
        case .listAccounts:
            return listAccounts()
        case .copyToClipboard:
            return nil  // the runner writes it to the terminal it owns
        case .quit:
            return nil
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
            return .openFailed("\(error)")
        }
    }

    /// Starts one item's check in the background with the CLI's own configuration ($AWS_PROFILE,
    /// $AWS_REGION); its answer comes from `checkAnswer()`.
    private func startCheck(_ session: Session, itemID: String) -> Msg? {
        guard check == nil else { return .checkFailed("a check is already running") }
        check = CheckJob(session: session, itemID: itemID, aws: aws)
        return nil
    }

    /// The running check's answer, once it has one.
    func checkAnswer() -> Msg? {
        guard let answer = check?.answer() else { return nil }
        check = nil
        return answer
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
