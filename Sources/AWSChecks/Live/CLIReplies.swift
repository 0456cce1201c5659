import SystemImports
import ChecklistModel
import ProcessSupport

/// Runs the AWS CLI with the operator's own configuration; nothing it prints is stored but the verdict.
public struct CLIReplies: LiveReplies {
    public var profile: String?
    public var region: String?
    public var timeout: TimeInterval
    public var environment: [String: String]
    /// Polled while a call runs: true ends it (and everything it started) at once.
    public var cancelled: @Sendable () -> Bool = { false }
    public var source: CheckSource { .awsCLI }
    /// Why the CLI answers this run when the native client was asked for.
    var note: String?
    public var description: String { note ?? "the AWS CLI" }

    public init(profile: String? = nil, region: String? = nil, timeout: TimeInterval = 20,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.profile = profile
        self.region = region
        self.timeout = timeout
        self.environment = environment
    }

    public func retryingThrottles(until deadline: Date) -> any ReplySource { RetryingReplies(self, deadline: deadline) }

    public func acting(as credentials: MemberCredentials) -> any LiveReplies {
        var member = CLIReplies(profile: nil, region: region, timeout: timeout, environment: credentials.environment(from: environment))
        member.cancelled = cancelled
        member.note = note
        return member
    }

    /// The `aws` executable on PATH, if any.
    public var executable: URL? { ExecutableSearch.find("aws", path: environment["PATH"]) }

    public func reply(_ call: AWSCall, region callRegion: String?) -> Result<JSONReply, CallFailure> {
        guard let executable else {
            return .failure(CallFailure(.notInstalled, "the aws CLI is not installed or not on PATH: install it (pip install awscli)"))
        }
        var arguments = call.arguments + ["--output", "json"]
        if let profile { arguments += ["--profile", profile] }
        if let chosen = (call.isRegional ? callRegion : nil) ?? region { arguments += ["--region", chosen] }
        var env = environment
        env["AWS_PAGER"] = ""
        // AssumeRoot answers only at a Regional STS endpoint; CLI v1 goes to the global one unless told.
        if call.arguments.first == "sts" { env["AWS_STS_REGIONAL_ENDPOINTS"] = "regional" }
        // A failing call's stderr is read for its first lines only: megabytes of it must not cost seconds.
        switch ProcessRunner.run(executable, arguments: arguments, environment: env, timeout: timeout, errorLimit: 64 * 1024, cancelled: cancelled) {
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

