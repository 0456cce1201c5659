import ChecklistModel
import ChecklistStore
import SystemImports

/// The one way a command changes an account: the repository's turn (shared directory), the
/// account's lock, a fresh read, the change, an atomic save, and its commit. Nothing is saved or
/// committed when the change leaves the state as it was.
enum AccountTransaction {
    /// Runs `change` on the account as it is now and returns the state saved (or left as it was).
    @discardableResult
    /// `commit` false: saved only, for a command that commits many accounts at once (a fleet verify).
    static func update(_ accountID: String, in store: StateStore, by: String, command: String, wait: TimeInterval, commit: Bool = true,
                       _ change: (inout AccountState) throws -> Void) throws -> AccountState {
        try updating(accountID, in: store, by: by, command: command, wait: wait, commit: commit, change).state
    }

    /// The same, with what `change` found out on the way (the checklist it read the account with).
    static func updating<Found>(_ accountID: String, in store: StateStore, by: String, command: String, wait: TimeInterval,
                                commit: Bool = true, _ change: (inout AccountState) throws -> Found) throws -> (state: AccountState, found: Found) {
        guard TeamContext.accountExists(accountID, in: store) else {
            throw ModelError.accountNotFound(id: accountID, directory: store.directory.path)
        }
        let turn = commit ? TeamContext.repositoryTurn(store) : nil
        let lock = try store.lock(accountID, purpose: "\(by), root-checklist \(command)", wait: wait)
        var state = try store.load(accountID)
        let before = state
        let found = try change(&state)
        guard state != before else { return (state, found) }
        try store.save(state, lock: lock)
        if commit { TeamContext.record(state, previous: before, by: by, store: store, turn: turn) }
        return (state, found)
    }

    /// A new account: locked, written only where no file is (never replacing one), and committed.
    static func create(_ state: AccountState, in store: StateStore, by: String, command: String, wait: TimeInterval,
                       commit: Bool = true) throws {
        let id = state.account.id
        let turn = commit ? TeamContext.repositoryTurn(store) : nil
        let lock = try store.lock(id, purpose: "\(by), root-checklist \(command)", wait: wait)
        defer { lock.release() }
        try store.create(state, lock: lock)
        if commit { TeamContext.record(state, previous: nil, by: by, store: store, turn: turn) }
    }
}
