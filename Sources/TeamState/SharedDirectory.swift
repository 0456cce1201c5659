import ChecklistModel
import ChecklistStore
import Synchronization
import SystemImports

/// A state directory that is also a git work tree (its own `.git` at the top), which makes the state
/// shared: every change is committed, and `sync` exchanges commits with the team's remote.
public struct SharedDirectory: Sendable {
    public let store: StateStore
    let git: Git

    /// Who git says this operator is (`user.name`, `user.email`), when set.
    public struct Identity: Sendable, Equatable {
        public var name: String?
        public var email: String?
        /// The name came from the login's own git config (global or system), not this repository's:
        /// on a machine where people share a login, it names whoever set it, not who is typing.
        public var nameFromLogin = false
        public init(name: String? = nil, email: String? = nil, nameFromLogin: Bool = false) {
            self.name = name
            self.email = email
            self.nameFromLogin = nameFromLogin
        }
    }

    /// Cheap: one `lstat`, so every command and the walkthrough's start can ask.
    public static func isShared(_ directory: URL) -> Bool {
        var info = stat()
        return lstat(directory.appendingPathComponent(".git").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func open(_ store: StateStore, environment: [String: String] = ProcessInfo.processInfo.environment) throws(TeamError) -> SharedDirectory {
        guard isShared(store.directory) else { throw .notShared(directory: store.directory.path) }
        return try SharedDirectory(uncheckedStore: store, environment: environment)
    }

    init(uncheckedStore store: StateStore, environment: [String: String]) throws(TeamError) {
        guard let git = Git(directory: store.directory.path, environment: environment) else { throw .gitMissing }
        self.store = store
        self.git = git
    }


    var gitDirectory: String { store.directory.appendingPathComponent(".git").path }

    func lock(wait: TimeInterval) throws(TeamError) -> RepositoryLock {
        try RepositoryLock.acquire(gitDirectory: gitDirectory, wait: wait)
    }

    /// The repository's turn for a save and its commit (see `RepositoryTurn`).
    public func takeTurn(wait: TimeInterval) throws(TeamError) -> RepositoryTurn {
        RepositoryTurn(lock: try lock(wait: wait))
    }

    /// Waits (up to `timeout` seconds) while a commit or sync of this directory runs, including a git
    /// that outlived a killed sync and still holds its lock: git rewrites a file by removing it
    /// first, so an account can look missing for a moment. False when it did not end in time.
    @discardableResult
    public func waitForRunningSync(timeout: TimeInterval) -> Bool {
        (try? lock(wait: timeout)) != nil
    }

    /// Git's identity here; asked once per process (a command names the operator and then commits
    /// as them: two `git config` runs for one answer).
    public func identity() -> Identity {
        let key = store.directory.path
        if let known = Self.identities.withLock({ $0[key] }) { return known }
        let found = askIdentity()
        Self.identities.withLock { $0[key] = found }
        return found
    }

    private static let identities = Mutex<[String: Identity]>([:])

    /// Gives this repository its own operator name (and email), so history says who typed here
    /// whoever else shares the login.
    public func setIdentity(name: String, email: String?) throws(TeamError) {
        try git.check(["config", "--local", "user.name", name])
        if let email { try git.check(["config", "--local", "user.email", email]) }
        Self.identities.withLock { $0[store.directory.path] = nil }
    }

    /// Said once per login and directory: the operator name history records is the login's git
    /// identity, which everyone signed in as this login shares. Nil when the name is the
    /// repository's own or this was said before.
    public func loginIdentityNotice(login: String) -> String? {
        let identity = identity()
        guard let name = identity.name, identity.nameFromLogin else { return nil }
        let marker = store.directory.appendingPathComponent(".git/root-checklist-identity-said-\(getuid())").path
        guard createdNew(marker) else { return nil }
        return "history records you as \"\(name)\", the git user.name of login \(PlainText.sanitizeLine(login)): anyone else "
            + "signed in as \(PlainText.sanitizeLine(login)) records under that name too. Give this directory your own: "
            + "root-checklist team init --name \"YOUR NAME\" (or --operator, or $ROOT_CHECKLIST_OPERATOR). Said once."
    }

    private func askIdentity() -> Identity {
        // "SCOPE<TAB>KEY VALUE" a line, system first and this repository's last: the last one counts.
        guard let reply = try? git.run(["config", "--show-scope", "--get-regexp", "^user\\.(name|email)$"], timeout: 10), reply.succeeded else {
            return Identity()
        }
        var identity = Identity()
        for line in reply.output.split(separator: "\n") {
            let scoped = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard scoped.count == 2 else { continue }
            let parts = scoped[1].split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let value = PlainText.sanitizeLine(parts[1]).trimmingSpaces()
            if parts[0] == "user.name" && !value.isEmpty {
                identity.name = String(value.prefix(64))
                identity.nameFromLogin = scoped[0] == "global" || scoped[0] == "system"
            }
            if parts[0] == "user.email" && !value.isEmpty { identity.email = String(value.prefix(128)) }
        }
        return identity
    }

    /// The commit the state directory's files were last committed as, abbreviated; nil before the first.
    /// Throws when git may not run here (its settings name a program); nil before the first commit.
    public func headCommit() throws(TeamError) -> String? {
        let reply = try git.run(["rev-parse", "--short=12", "--verify", "-q", "HEAD"], timeout: 10)
        guard reply.succeeded else { return nil }
        let hash = reply.output.trimmedOutput
        return hash.allSatisfy(\.isHexDigit) && !hash.isEmpty ? hash : nil
    }

    /// The branch checked out; nil when HEAD is detached.
    func branch() -> String? {
        guard let reply = try? git.run(["symbolic-ref", "--short", "-q", "HEAD"], timeout: 10), reply.succeeded else { return nil }
        let name = reply.output.trimmedOutput
        return name.isEmpty ? nil : name
    }

    /// Local commits the remote does not have yet; nil when there is no remote branch to compare with.
    public func unpushedCount(background: Bool = false) -> Int? {
        var git = self.git
        git.background = background
        guard let branch = branch(),
              let reply = try? git.run(["rev-list", "--count", "refs/remotes/origin/\(branch)..HEAD"], timeout: 10), reply.succeeded else {
            return nil
        }
        return Int(reply.output.trimmedOutput)
    }

    /// State files (and the files `team init` writes) that differ from the last commit.
    public func uncommittedPaths() throws(TeamError) -> [String] {
        let reply = try git.run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], timeout: 60)
        guard reply.succeeded else { throw .git(command: "status", reason: reply.reason) }
        return reply.output.split(separator: "\0").compactMap { entry -> String? in
            guard entry.count > 3 else { return nil }
            let path = String(entry.dropFirst(3))
            return Self.isTracked(path) ? path : nil
        }
    }

    /// The files sharing is about: account state files and the repository's own settings.
    static func isTracked(_ path: String) -> Bool {
        if path == ".gitattributes" || path == ".gitignore" { return true }
        return path.hasSuffix(".json") && EvidenceValidator.isAccountID(String(path.dropLast(5)))
    }

    var mergeInProgress: Bool {
        var info = stat()
        return lstat(gitDirectory + "/MERGE_HEAD", &info) == 0
    }
}

/// Creates an empty file that was not there (never through a link); false when it was there or cannot be made.
private func createdNew(_ path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { return false }
    close(fd)
    return true
}
