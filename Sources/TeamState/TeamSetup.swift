import ChecklistModel
import ChecklistStore
import SystemImports

/// `team init`: makes the state directory a git repository that shares state (or finishes a clone
/// of one), registers the merge driver, and with a remote, syncs with it.
public enum TeamSetup {
    static let attributesLine = "[0-9]*.json merge=root-checklist"
    static let attributes = "# Account state files are merged item by item by root-checklist (root-checklist merge-driver).\n\(attributesLine)\n"
    static let ignoreLines = [".*.lock", ".*.tmp"]
    /// The copies git hands a merge driver; a git killed mid-merge leaves them behind.
    static let mergeTemporaryPattern = ".merge_file_*"
    static let ignore = "# Lock and temporary files of root-checklist stay on each machine.\n" + ignoreLines.joined(separator: "\n") + "\n"
    /// `.git/info/attributes`, which wins over any committed `.gitattributes` and which no remote
    /// reaches: no filter, encoding or line-ending conversion for any file, and account files
    /// merged only by this program's driver.
    static let protectedAttributes = ["* -text -eol -filter -diff -ident -working-tree-encoding -merge", attributesLine]

    public struct Report: Sendable, Equatable {
        public var createdRepository = false
        /// The remote's default branch, when joining it set the branch here.
        public var followedBranch: String?
        public var accounts = 0
        public var sync: TeamSync.Report?
    }

    /// `operatorName` is asked once the repository exists, so git's user name can answer it.
    public static func run(store: StateStore, remote: String?, operatorName: (SharedDirectory) -> String, driverCommand: String,
                           inspectState: @escaping @Sendable (AccountState) -> [String] = { _ in [] },
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws(TeamError) -> Report {
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        do {
            try store.ensureDirectory()
        } catch let error as ModelError {
            throw .model(error)
        } catch {
            throw .model(.io(path: store.directory.path, operation: "create the state directory", errno: EIO))
        }
        var report = Report()
        let shared = try SharedDirectory(uncheckedStore: store, environment: environment)
        let git = shared.git
        if !SharedDirectory.isShared(store.directory) {
            try git.check(["init", "-q", "--initial-branch=main"])
            report.createdRepository = true
        }
        // Before the first commit (a new repository, or a clone of a remote whose default branch git
        // could not check out), the branch is main: the name every member's team init uses.
        if (try? git.run(["rev-parse", "--verify", "-q", "HEAD"], timeout: 10))?.succeeded != true {
            try git.check(["symbolic-ref", "HEAD", "refs/heads/main"])
        }
        try addLines(attributes, needed: [attributesLine], to: store.directory.appendingPathComponent(".gitattributes").path)
        try addLines(ignore, needed: ignoreLines, to: store.directory.appendingPathComponent(".gitignore").path)
        try registerDriver(git, command: driverCommand)
        if let remote {
            if let existing = try? git.check(["remote", "get-url", "origin"], timeout: 10), !existing.isEmpty {
                if existing != remote { throw .remoteMismatch(existing: shownRemote(existing), given: shownRemote(remote)) }
            } else {
                try git.check(["remote", "add", "origin", "--", remote])
            }
        }
        // Joining a team follows its remote's default branch, whatever its name: a branch of ours
        // pushed beside it would leave the team's accounts out for good.
        if remote != nil, (try? git.run(["rev-parse", "--verify", "-q", "HEAD"], timeout: 10))?.succeeded != true,
           let branch = remoteDefaultBranch(git) {
            try git.check(["symbolic-ref", "HEAD", "refs/heads/\(branch)"])
            report.followedBranch = branch
        }
        // A clone made by git has the umask's modes: state files are the operator's alone.
        let ids = (try? store.accountIDs()) ?? []
        for id in ids { chmod(store.url(for: id).path, 0o600) }
        report.accounts = ids.count
        var sync = TeamSync(shared: shared, operatorName: operatorName(shared), driverCommand: driverCommand)
        sync.inspectState = inspectState
        try sync.commitAll(message: "root-checklist: share the state directory")
        if remote != nil || (try? git.check(["remote", "get-url", "origin"], timeout: 10)) != nil {
            do {
                report.sync = try sync.run()
            } catch {
                throw .notSyncedYet(directory: store.directory.path, reason: error.description)
            }
        }
        return report
    }

    /// The branch the remote's HEAD names (`ls-remote --symref`), if it names a well-formed one.
    static func remoteDefaultBranch(_ git: Git) -> String? {
        guard let reply = try? git.run(["ls-remote", "--symref", "origin", "HEAD"], timeout: 120), reply.succeeded else { return nil }
        for line in reply.output.split(separator: "\n") where line.hasPrefix("ref: refs/heads/") {
            let name = String(line.dropFirst("ref: refs/heads/".count).prefix { $0 != "\t" })
            return isBranchName(name) ? name : nil
        }
        return nil
    }

    /// A branch name this program will use from a remote: plain characters, no `..`, no leading `-`.
    static func isBranchName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.hasPrefix("-") && !name.hasPrefix("/") && !name.hasSuffix("/")
            && !name.contains("..") && !name.hasSuffix(".lock")
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0) }
    }

    /// Git runs the driver through the shell: the program's path is quoted.
    static func registerDriver(_ git: Git, command: String) throws(TeamError) {
        try git.check(["config", "merge.root-checklist.name", "root-checklist: merge account state item by item"])
        try git.check(["config", "merge.root-checklist.driver", command])
        let info = git.directory + "/.git/info"
        if mkdir(info, 0o700) != 0 && errno != EEXIST { throw .model(.io(path: info, operation: "create", errno: errno)) }
        try addBlock(protectedAttributes, comment: "# root-checklist: these rules win over any committed .gitattributes.",
                     to: info + "/attributes")
        try addLines(ignore, needed: ignoreLines + [mergeTemporaryPattern], to: info + "/exclude")
    }

    /// Ends the file with `lines` in their order (later attribute lines win), unless it already does.
    static func addBlock(_ lines: [String], comment: String, to path: String) throws(TeamError) {
        var info = stat()
        var existing = ""
        if lstat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
            existing = SafeFileRead.contents(of: URL(fileURLWithPath: path), limit: 1 << 20, followSymlinks: false)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            let present = existing.split(whereSeparator: \.isNewline).map { String($0).trimmedOutput }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
            if present.suffix(lines.count) == ArraySlice(lines) { return }
        }
        let block = ([comment] + lines).joined(separator: "\n") + "\n"
        let addition = (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + block
        try append(addition, to: path, flags: O_WRONLY | O_APPEND | O_CREAT)
    }

    /// The merge driver command line for this program at `executable`.
    public static func driverCommand(executable: String) -> String {
        "'" + executable.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "' merge-driver %O %A %B"
    }

    /// Writes the file when missing; adds the lines it lacks to one a person wrote (never replaced).
    static func addLines(_ content: String, needed: [String], to path: String) throws(TeamError) {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
            let existing = SafeFileRead.contents(of: URL(fileURLWithPath: path), limit: 1 << 20, followSymlinks: false)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            let present = Set(existing.split(whereSeparator: \.isNewline).map { String($0).trimmedOutput })
            let missing = needed.filter { !present.contains($0) }
            guard !missing.isEmpty else { return }
            let addition = (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + missing.joined(separator: "\n") + "\n"
            try append(addition, to: path, flags: O_WRONLY | O_APPEND)
        } else {
            try append(content, to: path, flags: O_WRONLY | O_CREAT | O_EXCL)
        }
    }

    private static func append(_ text: String, to path: String, flags: Int32) throws(TeamError) {
        let fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .model(.io(path: path, operation: "write", errno: errno)) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let failure = bytes.withUnsafeBytes { writeAll($0, to: fd) }
        if failure != 0 { throw .model(.io(path: path, operation: "write", errno: failure)) }
    }
}
