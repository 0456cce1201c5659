import ChecklistModel
import Foundation

/// Runs the AWS CLI with the operator's own configuration; nothing it prints is stored but the verdict.
public struct CLIReplies: ReplySource {
    public var profile: String?
    public var region: String?
    public var timeout: TimeInterval
    public var environment: [String: String]
    public var source: CheckSource { .awsCLI }

    public init(profile: String? = nil, region: String? = nil, timeout: TimeInterval = 20,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.profile = profile
        self.region = region
        self.timeout = timeout
        self.environment = environment
    }

    /// The `aws` executable on PATH, if any.
    public var executable: URL? {
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("aws")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    public func reply(_ call: AWSCall, region callRegion: String?) -> Result<JSONReply, CallFailure> {
        guard let executable else {
            return .failure(CallFailure(.notInstalled, "the aws CLI is not installed or not on PATH: install it (pip install awscli)"))
        }
        var arguments = call.arguments + ["--output", "json"]
        if let profile { arguments += ["--profile", profile] }
        if let chosen = (call.isRegional ? callRegion : nil) ?? region { arguments += ["--region", chosen] }
        var env = environment
        env["AWS_PAGER"] = ""
        switch ProcessRunner.run(executable, arguments: arguments, environment: env, timeout: timeout) {
        case .timedOut:
            return .failure(CallFailure(.timedOut, "aws \(call.arguments.prefix(2).joined(separator: " ")) did not answer within \(Int(timeout)) s"))
        case .failedToStart(let message):
            return .failure(CallFailure(.notInstalled, "cannot run aws: \(message)"))
        case .exited(let status, let stdout, let stderr):
            guard status == 0 else {
                return .failure(CallFailure.classify(stderr: String(decoding: stderr, as: UTF8.self), exitCode: status))
            }
            return Self.parseObject(stdout, what: "aws \(call.arguments.prefix(2).joined(separator: " "))")
        }
    }
}

/// Runs a child process with a deadline, reading its output without risk of a full-pipe deadlock.
enum ProcessRunner {
    enum Outcome {
        case exited(Int32, Data, Data)
        case timedOut
        case failedToStart(String)
    }

    static func run(_ executable: URL, arguments: [String], environment: [String: String], timeout: TimeInterval) -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .failedToStart("\(error)")
        }
        let collector = OutputCollector()
        let group = DispatchGroup()
        for (pipe, isError) in [(out, false), (err, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.set(data, isError: isError)
                group.leave()
            }
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            return .timedOut
        }
        _ = group.wait(timeout: .now() + 5)
        let (stdout, stderr) = collector.values
        return .exited(process.terminationStatus, stdout, stderr)
    }
}

/// Holds output read on other threads.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stdout = Data()
    private var stderr = Data()

    func set(_ data: Data, isError: Bool) {
        lock.lock()
        if isError { stderr = data } else { stdout = data }
        lock.unlock()
    }

    var values: (Data, Data) {
        lock.lock()
        defer { lock.unlock() }
        return (stdout, stderr)
    }
}
