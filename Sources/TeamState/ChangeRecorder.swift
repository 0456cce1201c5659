import ChecklistModel
import SystemImports

/// Commits one saved change of one account: exactly the bytes that were saved (not whatever the
/// file holds by the time git runs), with the operator as author. The save is already durable;
/// a commit that fails leaves the file changed and uncommitted, which the next commit or `sync`
/// takes along, so nothing is lost either way.
public struct ChangeRecorder: Sendable {
    public let shared: SharedDirectory
    let identity: SharedDirectory.Identity
    /// Git at low priority: set for the walkthrough, whose keys must not wait behind commits.
    public var background = false

    public init(shared: SharedDirectory, identity: SharedDirectory.Identity? = nil) {
        self.shared = shared
        self.identity = identity ?? shared.identity()
    }

    /// Commits `state` as saved; `previous` is the state before the change (nil for a new account).
    /// `turn`: the repository's turn the caller took before the account's lock, else one is taken here.
    public func record(_ state: AccountState, previous: AccountState?, by: String, turn: RepositoryTurn? = nil) throws(TeamError) {
        let message = ChangeMessage.make(state, previous: previous)
        try commit(path: "\(state.account.id).json", bytes: StateCodec.encode(state), message: message, author: by, turn: turn)
    }

    func commit(path: String, bytes: Data, message: String, author: String, turn: RepositoryTurn? = nil) throws(TeamError) {
        let held: RepositoryLock
        if let turn { held = turn.lock } else { held = try shared.lock(wait: 30) }
        defer { withExtendedLifetime(held) {} }
        var git = shared.git
        git.keeping = [held.descriptor]
        git.background = background
        // A merge waiting for a person would be concluded by this commit: the change stays saved
        // (and uncommitted) until the merge is finished.
        if shared.mergeInProgress { throw .mergeWaiting(directory: shared.store.directory.path, files: [path]) }
        let blob = try git.check(["hash-object", "-w", "--stdin"], input: bytes)
        try retryingIndexLock { () throws(TeamError) -> Git.Reply in
            try git.run(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(path)"])
        }
        let reply = try retryingIndexLock { () throws(TeamError) -> Git.Reply in
            try git.run(["commit", "-q", "--no-verify", "-F", "-"], input: Data(message.utf8), environment: authorEnvironment(author))
        }
        _ = reply
    }

    /// Author is the operator; the committer too when git has no identity of its own here.
    func authorEnvironment(_ author: String) -> [String: String] {
        var environment = ["GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": identity.email ?? ""]
        if identity.name == nil || identity.email == nil {
            environment["GIT_COMMITTER_NAME"] = identity.name ?? author
            environment["GIT_COMMITTER_EMAIL"] = identity.email ?? ""
        }
        return environment
    }

    /// Another git process (a person's, in a shell) may hold the index for a moment: wait for it.
    /// "Nothing to commit" is success: the change was already committed (by a sync that took it along).
    @discardableResult
    func retryingIndexLock(_ attempt: () throws(TeamError) -> Git.Reply) throws(TeamError) -> Git.Reply {
        var pause: useconds_t = 20_000
        for _ in 0..<9 {
            let reply = try attempt()
            if reply.succeeded || Self.nothingToCommit(reply) { return reply }
            guard reply.errors.contains("index.lock") else { throw .git(command: "commit", reason: reply.reason) }
            usleep(pause)
            pause = min(pause * 2, 1_000_000)
        }
        throw .indexLocked(directory: shared.store.directory.path)
    }

    static func nothingToCommit(_ reply: Git.Reply) -> Bool {
        reply.status == 1 && (reply.output + reply.errors).contains("nothing to commit")
    }
}
