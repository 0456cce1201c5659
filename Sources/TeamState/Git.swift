import ChecklistModel
import ProcessSupport
import Synchronization
import SystemImports

/// Runs git in the shared state directory: never prompting, in the C locale (its words are read
/// back), and never aimed at another repository by GIT_DIR and friends from the environment.
struct Git: Sendable {
    let directory: String
    let executable: URL
    let environment: [String: String]
    /// Lock descriptors every git started here inherits (see `ProcessRunner.run`).
    var keeping: [Int32] = []
    /// Runs git at low priority: for commits nobody waits on.
    var background = false

    struct Reply: Sendable {
        var status: Int32
        var output: String
        var errors: String
        var succeeded: Bool { status == 0 }
        /// git's own explanation, the last meaningful line of stderr, made safe to print.
        var reason: String {
            // ssh cannot ask anything here (no terminal): say what it wanted and how to give it beforehand.
            if errors.contains("Host key verification failed") {
                return "ssh does not know the remote's host key and cannot ask here: connect once with ssh to that host "
                    + "(or add its key to ~/.ssh/known_hosts), then sync again"
            }
            if errors.contains("Permission denied (publickey") || errors.contains("passphrase") {
                return "ssh has no key it can use without asking: load yours into an ssh agent (ssh-add), then sync again"
            }
            let lines = errors.split(whereSeparator: \.isNewline).map { PlainText.sanitizeLine(String($0)) }
                .filter { !$0.isEmpty && !$0.hasPrefix("hint:") }
            let line = lines.first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") } ?? lines.last ?? "exit status \(status)"
            // git may quote a remote with its credentials: each URL-like word is shown without them.
            let words = line.split(separator: " ", omittingEmptySubsequences: false).map { word in
                word.contains("://") || word.contains("@") ? shownRemote(String(word)) : String(word)
            }
            return String(words.joined(separator: " ").prefix(300))
        }
    }

    /// Nil when git is not on PATH.
    init?(directory: String, environment base: [String: String] = ProcessInfo.processInfo.environment) {
        guard let executable = ExecutableSearch.find("git", path: base["PATH"]) else { return nil }
        self.directory = directory
        self.executable = executable
        var environment = base.filter { !$0.key.hasPrefix("GIT_") || Self.passedThrough.contains($0.key) }
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_MERGE_AUTOEDIT"] = "no"
        environment["LC_ALL"] = "C"
        self.environment = environment
        trustsConfig = base[GitConfigPolicy.trustVariable] == "1"
    }

    /// The operator vouched for the directory's own git settings (`ROOT_CHECKLIST_TRUST_GIT_CONFIG=1`).
    let trustsConfig: Bool

    /// Settings of the directory's own configuration that git consults on every command and that
    /// run programs: hooks (in `.git/hooks` too), the file-system monitor, a pager, an editor.
    /// Given on the command line, they win over whatever the directory says.
    static let neutralising = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.pager=cat",
                               "-c", "core.editor=false", "-c", "sequence.editor=false"]

    /// What a person may set for git that does not point it at another repository.
    private static let passedThrough: Set<String> = ["GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "GIT_CONFIG_GLOBAL",
                                                       "GIT_CONFIG_NOSYSTEM", "GIT_TRACE", "GIT_CURL_VERBOSE"]

    func run(_ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:],
             timeout: TimeInterval = 60) throws(TeamError) -> Reply {
        try refuseProgramsInConfig()
        switch spawn(arguments, input: input, environment: extra, timeout: timeout) {
        case .exited(let status, let out, let err):
            return Reply(status: status, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
        case .timedOut:
            throw .git(command: arguments.first ?? "git", reason: "did not finish within \(Int(timeout)) seconds")
        case .cancelled:
            throw .git(command: arguments.first ?? "git", reason: "was cancelled")
        case .failedToStart(let message):
            throw .git(command: arguments.first ?? "git", reason: "could not start: \(message)")
        }
    }

    /// Every git of ours: in the directory, with the settings that run programs neutralised.
    private func spawn(_ arguments: [String], input: Data?, environment extra: [String: String] = [:],
                       timeout: TimeInterval) -> ProcessRunner.Outcome {
        var environment = self.environment
        for (key, value) in extra { environment[key] = value }
        return ProcessRunner.run(executable, arguments: ["-C", directory] + Self.neutralising + arguments, environment: environment,
                                 timeout: timeout, input: input, keeping: keeping, background: background)
    }

    /// Before the first command in a directory (once per process): a directory whose own git
    /// configuration names a program for git to run is refused, whatever command was asked for.
    private func refuseProgramsInConfig() throws(TeamError) {
        guard !trustsConfig else { return }
        if let known = Self.configProblems.withLock({ $0[directory] }) {
            if !known.isEmpty { throw .untrustedGitConfig(directory: directory, keys: known) }
            return
        }
        // A configuration git cannot read (no repository yet) is git's to report on the command itself.
        var keys: [String] = []
        if case .exited(0, let output, _) = spawn(["config", "--local", "--list", "--name-only"], input: nil, timeout: 10) {
            let names = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            keys = Array(Set(names.filter(GitConfigPolicy.runsAProgram))).sorted().map { PlainText.sanitizeLine(String($0.prefix(100))) }
        }
        Self.configProblems.withLock { $0[directory] = keys }
        if !keys.isEmpty { throw .untrustedGitConfig(directory: directory, keys: keys) }
    }

    private static let configProblems = Mutex<[String: [String]]>([:])

    /// Runs a command that must succeed; its stdout as bytes (blobs are not text).
    func raw(_ arguments: [String], input: Data? = nil, timeout: TimeInterval = 300) throws(TeamError) -> Data {
        try refuseProgramsInConfig()
        guard case .exited(0, let output, _) = spawn(arguments, input: input, timeout: timeout) else {
            throw .git(command: arguments.first ?? "git", reason: "could not read the repository's objects")
        }
        return output
    }

    /// Runs a command that must succeed; its trimmed stdout.
    @discardableResult
    func check(_ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:],
               timeout: TimeInterval = 60) throws(TeamError) -> String {
        let reply = try run(arguments, input: input, environment: extra, timeout: timeout)
        guard reply.succeeded else { throw .git(command: arguments.first ?? "git", reason: reply.reason) }
        return reply.output.trimmedOutput
    }
}

/// A remote as it may be shown: host and path only. A URL's user info (`https://user:token@host/…`,
/// as CI systems write them, a password with an unencoded `/` included), its query string and
/// fragment (`?private_token=…`) are replaced by `…`; control characters are removed.
func shownRemote(_ url: String) -> String {
    var shown = url
    if let cut = shown.firstIndex(where: { $0 == "?" || $0 == "#" }) { shown = String(shown[..<cut]) + "…" }
    let characters = Array(shown)
    if let scheme = (0..<max(0, characters.count - 2)).first(where: { characters[$0] == ":" && characters[$0 + 1] == "/" && characters[$0 + 2] == "/" }) {
        // Up to the last @ is user info: a password may hold a / that was never encoded.
        if let at = characters[(scheme + 3)...].lastIndex(of: "@") {
            shown = String(characters[..<(scheme + 3)]) + "…@" + String(characters[(at + 1)...])
        }
    } else if let at = characters.lastIndex(of: "@"), let colon = characters.lastIndex(of: ":"), at < colon {
        // user@host:path, as ssh and scp write it.
        shown = "…@" + String(characters[(at + 1)...])
    }
    // A remote is a line in a report: a megabyte-long one is not.
    let line = PlainText.sanitizeLine(shown)
    return line.count > 200 ? String(line.prefix(199)) + "…" : line
}

extension String {
    /// A command's output without the blank space and line breaks around it.
    var trimmedOutput: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        return String(text)
    }
}
