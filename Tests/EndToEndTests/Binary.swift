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

    /// Runs with `ROOT_CHECKLIST_STATE_DIR` pointing at this test's directory and no terminal.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ROOT_CHECKLIST_STATE_DIR"] = stateDir.path
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a large output cannot deadlock the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    func stateFile(_ id: String) -> URL { stateDir.appendingPathComponent("\(id).json") }

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
