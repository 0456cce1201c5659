import ChecklistModel
import ProcessSupport
import SystemImports

/// Makes a fix's calls: the AWS CLI in the program, fakes in tests.
public protocol FixCalls {
    /// Makes one step's call (`step.arguments` after `aws`, with the credentials `step.session` says).
    func make(_ step: FixPlan.Step) -> Result<FixReply, CallFailure>
}

/// What a call answered: its AWS request id when the reply said one, and its JSON when it printed one.
public struct FixReply: Sendable {
    public var requestID: String?
    public var output: JSONReply?

    public init(requestID: String?, output: JSONReply? = nil) {
        self.requestID = requestID
        self.output = output
    }
}

/// Runs a plan's calls in order; the first that fails stops it, and the record says what was and
/// was not done.
public enum FixRunner {
    public static func run(_ plan: FixPlan, with calls: some FixCalls) -> FixRecord {
        var made: [FixRecord.Call] = []
        var stopped = false
        // What earlier calls answered that later ones name (a permission set's new ARN).
        var captured: [String: String] = [:]
        for planned in plan.steps {
            var step = planned
            step.arguments = step.arguments.map { FixPlan.Step.fill($0, with: captured) }
            let command = step.shown
            if stopped {
                made.append(.init(command: command, outcome: .notRun))
                continue
            }
            if step.arguments.contains(where: { $0.contains("{{") }) {
                made.append(.init(command: command, outcome: .failed("a value from an earlier call is missing")))
                stopped = true
                continue
            }
            switch calls.make(step) {
            case .success(let reply):
                for (name, path) in step.captures {
                    var value: JSONValue? = reply.output.map { .object($0.values) }
                    for key in path { value = value?.object?[key] }
                    if let text = value?.string, FixPlan.Step.isCapturable(text) { captured[name] = text }
                }
                made.append(.init(command: command, outcome: .done(requestID: reply.requestID)))
            case .failure(let failure):
                made.append(.init(command: command, outcome: .failed(failure.message)))
                stopped = true
            }
        }
        return FixRecord(calls: made)
    }
}

/// The AWS CLI making a fix's calls with the operator's configuration. Each runs with `--debug` for
/// the request id alone: the log is read in memory, the id taken, the rest (which holds the
/// session token's header) dropped unread.
public final class CLIFixCalls: FixCalls {
    /// The same CLI configuration (profile, Region, environment, timeout) the plan was read with.
    public let cli: CLIReplies
    /// The member root session a step opened, for the steps after it; never written anywhere.
    private var rootSession: MemberCredentials?

    public init(cli: CLIReplies) {
        self.cli = cli
    }

    public func make(_ step: FixPlan.Step) -> Result<FixReply, CallFailure> {
        Throttling.retry(deadline: Date().addingTimeInterval(cli.timeout * 4)) { makeOnce(step) }
    }

    private func makeOnce(_ step: FixPlan.Step) -> Result<FixReply, CallFailure> {
        guard let executable = cli.executable else {
            return .failure(CallFailure(.notInstalled, "the aws CLI is not installed or not on PATH: install it (pip install awscli)"))
        }
        let arguments = step.arguments
        var full = ["--debug"] + arguments + ["--output", "json"]
        var env = cli.environment
        env["AWS_PAGER"] = ""
        switch step.session {
        case .caller:
            if let profile = cli.profile { full += ["--profile", profile] }
            // A step that names its Region (the log group's) keeps it.
            if let region = cli.region, !arguments.contains("--region") { full += ["--region", region] }
        case .opensRootSession:
            if let profile = cli.profile { full += ["--profile", profile] }
            // AssumeRoot answers only at a Regional STS endpoint.
            full += ["--region", cli.region ?? "us-east-1"]
            env["AWS_STS_REGIONAL_ENDPOINTS"] = "regional"
        case .rootSession:
            guard let rootSession else { return .failure(CallFailure(.other, "no root session is open: the step that opens it did not run")) }
            env = rootSession.environment(from: env)
            if let region = cli.region { full += ["--region", region] }
        }
        let timeout = cli.timeout
        switch ProcessRunner.run(executable, arguments: full, environment: env, timeout: timeout) {
        case .cancelled:
            return .failure(CallFailure(.cancelled, "the call was cancelled"))
        case .timedOut:
            return .failure(CallFailure(.timedOut, "aws \(arguments.prefix(2).joined(separator: " ")) did not answer within \(Int(timeout)) s; it may or may not have been applied"))
        case .failedToStart(let message):
            return .failure(CallFailure(.notInstalled, "cannot run aws: \(message)"))
        case .exited(let status, let stdout, let stderr):
            let log = String(decoding: stderr, as: UTF8.self)
            guard status == 0 else {
                // The error line is the log's last one that is not a debug record.
                let lines = log.split(separator: "\n").filter { !$0.contains(" - DEBUG - ") && !$0.hasPrefix("Traceback") }
                return .failure(CallFailure.classify(stderr: lines.suffix(3).joined(separator: "\n"), exitCode: status))
            }
            let output = stdout.isEmpty ? nil : try? CLIReplies.parseObject(stdout, what: "aws \(arguments.prefix(2).joined(separator: " "))").get()
            if step.session == .opensRootSession {
                let call = AWSCall(arguments)
                let opened = CLIReplies.parseObject(stdout, what: "aws sts assume-root").flatMap { MemberCredentials.parse($0, call: call) }
                switch opened {
                case .success(let credentials?): rootSession = credentials
                case .success(nil): return .failure(CallFailure(.malformed, "aws sts assume-root returned no credentials"))
                case .failure(let failure): return .failure(failure)
                }
            }
            // An assume-root reply holds credentials: it is not handed on.
            return .success(FixReply(requestID: RequestID.find(in: log), output: step.session == .opensRootSession ? nil : output))
        }
    }
}

/// The request id in an AWS CLI debug log: the formatter's `RequestId: …` line, else the response header.
enum RequestID {
    static func find(in log: String) -> String? {
        var found: String?
        for line in log.split(separator: "\n") {
            if let range = line.firstRange(of: " - RequestId: ") {
                found = clean(line[range.upperBound...])
                continue
            }
            guard found == nil else { continue }
            // Header names are case-insensitive; ids are not, so the value is cut from the line as written.
            let lower = line.lowercased()
            for marker in ["'x-amzn-requestid': '", "'x-amz-request-id': '"] {
                if let range = lower.firstRange(of: marker) {
                    let start = lower.distance(from: lower.startIndex, to: range.upperBound)
                    found = clean(line.dropFirst(start).prefix { $0 != "'" })
                }
            }
        }
        return found
    }

    /// Letters, digits and dashes, as AWS's ids are; anything else is not one.
    static func clean(_ text: Substring) -> String? {
        let id = text.trimmingSpaces()
        guard !id.isEmpty, id.count <= 100, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        return id
    }
}
