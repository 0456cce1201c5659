#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A real AWS API emulator (moto_server) on loopback, with the real AWS CLI.
public final class Emulator {
    public let port: Int
    let process: Process

    /// True when both the AWS CLI and moto_server are on PATH.
    public static var available: Bool { onPath("aws") != nil && serverPath != nil }

    static var serverPath: String? { onPath("moto_server") }

    public static func onPath(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    struct NotStarted: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts moto_server on a port the kernel just gave out (a random one can be taken); a server
    /// that exits at once (the port was taken after all) is started again on another.
    /// `serverEnvironment`: settings for moto_server itself (`INITIAL_NO_AUTH_ACTION_COUNT` turns on
    /// its request authentication after that many requests).
    public init(accountID: String? = nil, serverEnvironment: [String: String] = [:]) throws {
        var lastPort = 0
        for _ in 0..<3 {
            let port = Self.freePort()
            lastPort = port
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.serverPath ?? "moto_server")
            process.arguments = ["-H", "127.0.0.1", "-p", "\(port)"]
            var env = ProcessInfo.processInfo.environment
            if let accountID { env["MOTO_ACCOUNT_ID"] = accountID }
            env.merge(serverEnvironment) { _, new in new }
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Generous: with the whole suite running on two cores, Python's start can take a while.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline && process.isRunning {
                if Self.accepts(port: port) {
                    self.port = port
                    self.process = process
                    return
                }
                usleep(100_000)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        throw NotStarted(description: "moto_server did not start (last on port \(lastPort))")
    }

    /// A loopback port nobody is listening on: bound to 0, the kernel's choice read back, released.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return Int.random(in: 20_000...30_000) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int.random(in: 20_000...30_000)
    }

    deinit {
        // The server ignores a polite SIGTERM while serving; it holds no state worth keeping.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// The environment that points the AWS CLI at the emulator, with test credentials only.
    public var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:\(port)"
        env["AWS_ACCESS_KEY_ID"] = "testing"
        env["AWS_SECRET_ACCESS_KEY"] = "testing"
        env["AWS_DEFAULT_REGION"] = "us-east-1"
        env["AWS_MAX_ATTEMPTS"] = "1"
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        env["AWS_CONFIG_FILE"] = "/nonexistent"
        env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent"
        env["AWS_PROFILE"] = nil
        return env
    }

    /// Runs one aws call against the emulator; its stdout, trimmed (`--output text` answers).
    @discardableResult
    public func aws(_ arguments: [String], environment overrides: [String: String] = [:]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws"] + arguments
        process.environment = environment.merging(overrides) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try? process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one aws call against the emulator: its exit status, stdout and stderr as they are.
    public func awsResult(_ arguments: [String]) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["aws"] + arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (-1, "", "\(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }
}
