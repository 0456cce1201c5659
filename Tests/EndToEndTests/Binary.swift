import Foundation

/// Runs the built `root-checklist` binary as a user would.
struct Binary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable next to the test bundle in `.build/<config>/`.
    static let url: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = exe.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("root-checklist")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/root-checklist")
    }()

    static let packageRoot: URL = {
        var directory = url.deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    let stateDir: URL

    init() {
        stateDir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-e2e-\(UUID().uuidString)")
    }

    init(stateDir: URL) {
        self.stateDir = stateDir
    }

    /// Runs with `ROOT_CHECKLIST_STATE_DIR` pointing at this test's directory and no terminal, as a
    /// shell would start it (see `ShellSpawn`). `shellPrefix` runs first in `/bin/sh` (e.g. `ulimit -f 1;`).
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], shellPrefix: String? = nil,
             stdout: ShellSpawn.Stdout = .capture) throws -> Result {
        let running = try start(arguments, environment: extra, shellPrefix: shellPrefix, stdout: stdout)
        let (status, out, err) = running.finish()
        return Result(status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Starts the binary without waiting for it.
    func start(_ arguments: [String], environment extra: [String: String] = [:], shellPrefix: String? = nil,
               stdout: ShellSpawn.Stdout = .capture) throws -> ShellSpawn.Running {
        var environment = ProcessInfo.processInfo.environment
        environment["ROOT_CHECKLIST_STATE_DIR"] = stateDir.path
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        // No test asks a real instance for its role, whatever machine runs it.
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        for (key, value) in extra { environment[key] = value }
        if let shellPrefix {
            return try ShellSpawn.start("/bin/sh", ["-c", "\(shellPrefix) exec \"$0\" \"$@\"", Self.url.path] + arguments,
                                        environment: environment, stdout: stdout)
        }
        return try ShellSpawn.start(Self.url.path, arguments, environment: environment, stdout: stdout)
    }

    func stateFile(_ id: String) -> URL { stateDir.appendingPathComponent("\(id).json") }

    /// A path in a directory of this test's own beside the state directory (reports, saved replies).
    func scratchFile(_ name: String) throws -> URL {
        let directory = URL(fileURLWithPath: stateDir.path + "-scratch")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name)
    }

    /// An executable `aws` running `script` in a directory `name` of this test's own; the PATH
    /// that finds it first, and the directory (for logs the script writes there).
    func fakeAWS(_ name: String, script: String) throws -> (path: String, tools: URL) {
        let tools = try scratchFile(name)
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try Data(script.utf8).write(to: tools.appendingPathComponent("aws"))
        chmod(tools.appendingPathComponent("aws").path, 0o755)
        return ("\(tools.path):/usr/bin:/bin", tools)
    }

    static let mfa = ["--evidence", "device-kinds=passkey,hardware-totp", "--evidence", "device-count=2",
                      "--evidence", "backup-location=Safe B"]

    /// Marks all four required items so the account is complete.
    func completeRequired(_ id: String) throws {
        try run(["mark", id, "root-mfa", "done"] + Self.mfa)
        try run(["mark", id, "no-root-access-keys", "done", "--evidence", "keys-deleted=0", "--evidence", "confirmed-on=2026-11-01"])
        try run(["mark", id, "kms-recovery-phone", "done", "--evidence", "phone=+15555550100", "--evidence", "confirmed-on=2026-11-01"])
        try run(["mark", id, "identity-center-admin", "not-applicable", "--reason", "covered by the organization's admin account"])
    }
}
