import ChecklistModel
import ChecklistStore
import ProcessSupport
import SystemImports

/// `sync`: commit what is saved but not committed, fetch, merge with the state-aware driver, push;
/// a push that loses the race to another operator fetches and merges again.
public struct TeamSync {
    public let shared: SharedDirectory
    let recorder: ChangeRecorder
    let operatorName: String
    /// The command git runs as the merge driver (this program, `merge-driver %O %A %B`).
    let driverCommand: String
    public var maxAttempts = 5
    /// The executable's inspection of a state the remote brings (see `IncomingChanges`).
    public var inspectState: @Sendable (AccountState) -> [String] = { _ in [] }
    /// Take a remote's deletion of an account (`sync --allow-deletions`); refused otherwise.
    public var allowDeletions = false
    /// What to do with a merge found waiting (`sync --continue`, `sync --abort`).
    public var waitingMerge = WaitingMergeChoice.finishIfClean

    public struct Report: Sendable, Equatable {
        /// Commits taken from the remote.
        public var received = 0
        /// Commits the remote did not have, now pushed.
        public var sent = 0
        /// Saved changes that were not committed yet, committed before syncing.
        public var committedPending = 0
        public var clashes: [SyncClash] = []
        /// Accounts the merge changed here.
        public var changedAccounts: [String] = []
        public var remote = ""
        /// Repairs made on the way (a stale git lock removed), for the person to know.
        public var notices: [String] = []
        /// `sync --abort` undid a waiting merge (and did nothing else).
        public var abortedMerge = false
    }

    public init(shared: SharedDirectory, operatorName: String, driverCommand: String) {
        self.shared = shared
        recorder = ChangeRecorder(shared: shared)
        self.operatorName = operatorName
        self.driverCommand = driverCommand
    }

    /// Lock descriptors the git commands inherit while this sync holds them.
    private var keeping: [Int32] = []
    var git: Git {
        var git = shared.git
        git.keeping = keeping
        return git
    }
    var directory: String { shared.store.directory.path }

    public func run() throws(TeamError) -> Report {
        let held = try shared.lock(wait: 30)
        defer { withExtendedLifetime(held) {} }
        var locked = self
        locked.keeping = [held.descriptor]
        return try locked.runLocked()
    }

    private func runLocked() throws(TeamError) -> Report {
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        var report = Report()
        try clearStaleIndexLock(&report)
        removeAbandonedMergeCopies()
        if try settleWaitingMerge(waitingMerge) {
            report.abortedMerge = true
            return report
        }
        try TeamSetup.registerDriver(git, command: driverCommand)
        report.committedPending = try commitPending(message: "root-checklist: changes saved but not yet committed")
        guard let branch = shared.branch() else {
            throw .git(command: "symbolic-ref", reason: "HEAD is not on a branch in \(directory): check one out (git switch main)")
        }
        guard let remote = try? git.check(["remote", "get-url", "origin"], timeout: 10), !remote.isEmpty else {
            throw .noRemote(directory: directory)
        }
        report.remote = shownRemote(remote)
        var pause: useconds_t = 100_000
        for attempt in 1...maxAttempts {
            let fetch = try git.run(["fetch", "-q", "origin"], timeout: 300)
            guard fetch.succeeded else { throw .git(command: "fetch", reason: fetch.reason) }
            let remoteRef = "refs/remotes/origin/\(branch)"
            let remoteExists = (try? git.run(["rev-parse", "--verify", "-q", remoteRef], timeout: 10))?.succeeded == true
            if remoteExists {
                try merge(remoteRef, into: &report)
            } else if let theirs = try remoteBranches().first {
                // The team's accounts are on another branch: pushing ours beside it would split them.
                throw .branchMismatch(directory: directory, local: branch, remote: theirs)
            }
            let range = remoteExists ? "\(remoteRef)..HEAD" : "HEAD"
            let ahead = Int((try? git.check(["rev-list", "--count", range])) ?? "") ?? 0
            guard ahead > 0 else { return report }
            let push = try git.run(["push", "-q", "--porcelain", "--set-upstream", "origin", "HEAD:refs/heads/\(branch)"], timeout: 300)
            if push.succeeded {
                report.sent += ahead
                return report
            }
            let text = push.output + push.errors
            guard text.contains("[rejected]") || text.contains("fetch first") || text.contains("non-fast-forward")
                    || text.contains("cannot lock ref") || text.contains("failed to update ref") else {
                throw .git(command: "push", reason: push.reason)
            }
            if attempt == maxAttempts { break }
            // Someone pushed first: take theirs and try again, after a pause that spreads racing operators out.
            usleep(pause + useconds_t.random(in: 0...pause))
            pause *= 2
        }
        throw .pushRaced(attempts: maxAttempts)
    }

    /// Merges the fetched branch, account files through the driver; accounts it will rewrite are
    /// locked first, so an open walkthrough never saves over what the merge brought in.
    func merge(_ remoteRef: String, into report: inout Report) throws(TeamError) {
        let incoming = Int((try? git.check(["rev-list", "--count", "HEAD..\(remoteRef)"])) ?? "") ?? 0
        guard incoming > 0 else { return }
        let baseReply = try? git.run(["merge-base", "HEAD", remoteRef], timeout: 30)
        let related = baseReply?.succeeded == true
        // Nothing of the remote's reaches the working copy before every change it makes is looked at.
        let incomingChanges = IncomingChanges(git: git, directory: directory, inspectState: inspectState, allowDeletions: allowDeletions)
        let changes = try incomingChanges.changes(base: related ? baseReply?.output.trimmedOutput : nil, remoteRef: remoteRef)
        try incomingChanges.inspect(changes)
        let accounts = try incomingChanges.accountsWritten(by: changes, related: related)
        var locks: [AccountLock] = []
        for id in accounts {
            do {
                locks.append(try shared.store.lock(id, purpose: "\(operatorName), root-checklist sync", wait: 2))
            } catch ModelError.locked(_, let holder) {
                throw .accountOpen(accountID: id, holder: holder)
            } catch let error as ModelError {
                throw .model(error)
            } catch {
                throw .model(.io(path: id, operation: "lock", errno: EIO))
            }
        }
        defer { locks.forEach { $0.release() } }
        // A merge that outlives a killed sync keeps these accounts locked until it has written them.
        var git = self.git
        git.keeping += locks.map(\.descriptor)
        var arguments = ["merge", "-q", "--no-edit", "--no-verify", remoteRef]
        if !related { arguments.insert("--allow-unrelated-histories", at: 1) }
        let reply = try git.run(arguments, environment: recorder.authorEnvironment(operatorName), timeout: 600)
        let lines = (reply.output + reply.errors).split(whereSeparator: \.isNewline).map(String.init)
        let handed = SyncClash.read(lines)
        report.clashes += handed.clashes
        report.notices += handed.unread
        guard reply.succeeded else {
            let unmerged = try unmergedPaths()
            guard !unmerged.isEmpty else { throw .git(command: "merge", reason: reply.reason) }
            let reasons = lines.filter { $0.hasPrefix(MergeDriver.refusalPrefix) }
                .map { PlainText.sanitizeLine(String($0.dropFirst(MergeDriver.refusalPrefix.count))) }
            // Undone at once, every saved change kept: nothing is left waiting for a person.
            locks.forEach { $0.release() }
            locks = []
            try abortKeepingSaves()
            throw .unmergeable(directory: directory, files: unmerged, reasons: reasons)
        }
        report.received += incoming
        report.changedAccounts += accounts
        // Git writes files with the umask's mode, and a remote could hold a link where a file belongs.
        for id in accounts {
            let path = shared.store.url(for: id).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
            chmod(path, 0o600)
        }
    }

    /// Git killed while it held the index leaves its lock file behind, and every later git command
    /// refuses to run. No process of ours is in git now (we hold the repository lock, which every
    /// git we start inherits), and a running git keeps the lock file open: one no process has open
    /// is a leftover. Where that cannot be told, a lock a minute old is; a newer one may be a person's git.
    func clearStaleIndexLock(_ report: inout Report) throws(TeamError) {
        let path = shared.gitDirectory + "/index.lock"
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let abandoned = OpenFiles.isOpen(path) == false
        guard (abandoned || time(nil) - info.st_mtim.tv_sec > Self.staleLockAge), (info.st_mode & S_IFMT) == S_IFREG else {
            throw .indexLocked(directory: directory)
        }
        guard unlink(path) == 0 else { throw .indexLocked(directory: directory) }
        report.notices.append("removed .git/index.lock, left over from a git command that was killed (it was \(Int(time(nil) - info.st_mtim.tv_sec)) seconds old)")
    }

    static let staleLockAge = 60

    /// Git's copies for the merge driver that a killed git left in the directory: regular files no
    /// process has open (none of ours runs now: we hold the repository lock).
    func removeAbandonedMergeCopies() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let copies = Set(names.filter { $0.hasPrefix(".merge_file_") }.map { directory + "/" + $0 }.filter { path in
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        })
        let held = OpenFiles.held(among: copies)
        guard held.complete else { return }
        for path in copies.subtracting(held.open) { unlink(path) }
    }

    /// The branches the remote has, as the last fetch saw them (its HEAD aside).
    func remoteBranches() throws(TeamError) -> [String] {
        let reply = try git.run(["for-each-ref", "--format=%(refname:lstrip=3)", "refs/remotes/origin/"], timeout: 30)
        guard reply.succeeded else { return [] }
        return reply.output.split(separator: "\n").map(String.init).filter { $0 != "HEAD" && TeamSetup.isBranchName($0) }
    }

    /// Commits every state file that differs from the last commit, as one commit; returns how many
    /// accounts it held.
    @discardableResult
    public func commitAll(message: String) throws(TeamError) -> Int {
        let held = try shared.lock(wait: 30)
        defer { withExtendedLifetime(held) {} }
        if shared.mergeInProgress { throw .mergeWaiting(directory: directory, files: (try? shared.uncommittedPaths()) ?? []) }
        var locked = self
        locked.keeping = [held.descriptor]
        return try locked.commitPending(message: message)
    }

    @discardableResult
    func commitPending(message: String) throws(TeamError) -> Int {
        var paths = try shared.uncommittedPaths()
        guard !paths.isEmpty else { return 0 }
        try restoreMissingAccounts(paths)
        paths = try shared.uncommittedPaths()
        guard !paths.isEmpty else { return 0 }
        try readableOrRefused(paths)
        try recorder.retryingIndexLock { () throws(TeamError) -> Git.Reply in try git.run(["add", "-A", "--"] + paths) }
        try recorder.retryingIndexLock { () throws(TeamError) -> Git.Reply in
            try git.run(["commit", "-q", "--no-verify", "-F", "-"], input: Data((message + "\n").utf8),
                        environment: recorder.authorEnvironment(operatorName))
        }
        return paths.filter { $0.hasSuffix(".json") }.count
    }
}
