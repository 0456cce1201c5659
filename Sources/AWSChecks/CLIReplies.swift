import SystemImports
import ChecklistModel
import ProcessSupport

/// Runs the AWS CLI with the operator's own configuration; nothing it prints is stored but the verdict.
public struct CLIReplies: ReplySource {
    public var profile: String?
    public var region: String?
    public var timeout: TimeInterval
    public var environment: [String: String]
    /// Polled while a call runs: true ends it (and everything it started) at once.
    public var cancelled: @Sendable () -> Bool = { false }
    public var source: CheckSource { .awsCLI }

    public init(profile: String? = nil, region: String? = nil, timeout: TimeInterval = 20,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.profile = profile
        self.region = region
        self.timeout = timeout
        self.environment = environment
    }

    /// The `aws` executable on PATH, if any: the first regular file named `aws` we may execute, as a
    /// shell finds it (a directory or a non-executable file of that name is passed over).
    public var executable: URL? {
        // Empty entries (the current directory to a shell) are skipped: a security check does not run
        // whatever `aws` happens to sit where it was started.
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("aws")
            var info = stat()
            if stat(candidate.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate.path, X_OK) == 0 {
                return candidate
            }
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
        switch ProcessRunner.run(executable, arguments: arguments, environment: env, timeout: timeout, cancelled: cancelled) {
        case .cancelled:
            return .failure(CallFailure(.cancelled, "the check was cancelled"))
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

