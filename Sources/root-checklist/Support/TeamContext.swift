import ChecklistModel
import ChecklistStore
import ProcessSupport
import SystemImports
import TeamState

/// What commands that save need to know about a shared (git) state directory.
enum TeamContext {
    /// `--operator`, then $ROOT_CHECKLIST_OPERATOR, then git's user.name in a shared directory, then login@host.
    static func operatorName(explicit: String?, store: StateStore, environment: Environment = .process) -> String {
        Operator.current(explicit: explicit, environment: environment) {
            guard SharedDirectory.isShared(store.directory) else { return nil }
            return (try? SharedDirectory.open(store))?.identity().name
        }
    }

    /// Once per login and directory, when the operator name is the login's git identity rather than
    /// one given (`--operator`, the environment) or the repository's own.
    static func loginIdentityNotice(explicit: String?, store: StateStore, environment: Environment = .process) -> String? {
        let named = [explicit, environment["ROOT_CHECKLIST_OPERATOR"]].contains { !($0 ?? "").trimmingSpaces().isEmpty }
        guard !named, SharedDirectory.isShared(store.directory), let shared = try? SharedDirectory.open(store) else { return nil }
        return shared.loginIdentityNotice(login: Operator.current(explicit: nil, environment: environment))
    }

    /// True when the account's file exists, after waiting out a sync that may be rewriting it.
    static func accountExists(_ id: String, in store: StateStore) -> Bool {
        if store.exists(id) { return true }
        guard SharedDirectory.isShared(store.directory), let shared = try? SharedDirectory.open(store) else { return false }
        shared.waitForRunningSync(timeout: 15)
        return store.exists(id)
    }

    /// The recorder of a shared directory, or nil when it is not shared. Git missing there is said
    /// once: the change is saved, and `sync` commits it once git is back.
    static func recorder(for store: StateStore) -> ChangeRecorder? {
        guard SharedDirectory.isShared(store.directory) else { return nil }
        do {
            return ChangeRecorder(shared: try SharedDirectory.open(store))
        } catch {
            Output.warning("the change is saved but not committed: \(error)")
            return nil
        }
    }

    /// In a shared directory, the repository's turn, taken before the account's lock as `sync`
    /// takes them (a command never holds an account while it waits for the repository). Nil when
    /// not shared, or not had in time: the change is saved all the same and its commit waits its turn.
    static func repositoryTurn(_ store: StateStore) -> RepositoryTurn? {
        guard SharedDirectory.isShared(store.directory), let shared = try? SharedDirectory.open(store) else { return nil }
        return try? shared.takeTurn(wait: 30)
    }

    /// Commits one saved change in a shared directory; a failure is a warning, never a lost change.
    static func record(_ state: AccountState, previous: AccountState?, by: String, store: StateStore, turn: RepositoryTurn? = nil) {
        guard let recorder = recorder(for: store) else { return }
        do {
            try recorder.record(state, previous: previous, by: by, turn: turn)
        } catch {
            Output.warning("the change is saved but not committed (`root-checklist sync` will commit it): \(error)")
        }
    }

    /// Commits what a bulk command (import, verify) saved, as one commit.
    static func recordAll(message: String, by: String, store: StateStore) {
        guard SharedDirectory.isShared(store.directory) else { return }
        do {
            let shared = try SharedDirectory.open(store)
            try sync(shared, operatorName: by).commitAll(message: message)
        } catch {
            Output.warning("the changes are saved but not committed (`root-checklist sync` will commit them): \(error)")
        }
    }

    /// The commit a report of a shared directory describes; nil when not shared (or, said once, when git cannot tell).
    static func revision(of store: StateStore) -> StateRevision? {
        guard SharedDirectory.isShared(store.directory) else { return nil }
        do {
            let shared = try SharedDirectory.open(store)
            guard let commit = try shared.headCommit() else { return nil }
            let pending = try shared.uncommittedPaths().filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
            return StateRevision(commit: commit, uncommitted: pending)
        } catch {
            Output.warning("the report cannot name the shared state's commit: \(error)")
            return nil
        }
    }

    /// A sync of this program: what the remote brings is held to the account's checklist.
    static func sync(_ shared: SharedDirectory, operatorName: String, allowDeletions: Bool = false) -> TeamSync {
        var sync = TeamSync(shared: shared, operatorName: operatorName, driverCommand: driverCommand)
        sync.inspectState = inspectIncoming
        sync.allowDeletions = allowDeletions
        return sync
    }

    /// What a state from the remote claims that this program would not have written.
    static let inspectIncoming: @Sendable (AccountState) -> [String] = { state in
        state.integrityProblems(checklist: try? ChecklistCatalog.forAccount(state, option: nil), now: Timestamp.now())
    }

    /// How git runs this program as the merge driver: by the path it runs from now.
    static var driverCommand: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        return TeamSetup.driverCommand(executable: path)
    }
}
