import AWSNative
import ChecklistModel
import JSONFormat
import SystemImports

/// Replies from the native client: the same JSON the CLI prints for each call, the same failures.
public struct NativeReplies: LiveReplies {
    let credentials: AWSCredentials?
    /// Where the credentials came from (never the credentials themselves).
    let from: String
    public var region: String?
    public var timeout: TimeInterval
    let environment: [String: String]
    /// The Region the CLI would use without `--region`: `AWS_DEFAULT_REGION`, else the profile's.
    let defaultRegion: String?
    /// Why there are no credentials, for every call's failure.
    var missing: String?
    public var cancelled: @Sendable () -> Bool = { false }
    var throttledUntil: Date?
    public var source: CheckSource { .awsCLI }
    public var description: String {
        missing.map { "the native AWS client (no credentials: \($0))" } ?? "the native AWS client (credentials from \(from))"
    }

    init(credentials: AWSCredentials?, from: String, region: String?, timeout: TimeInterval, environment: [String: String],
         defaultRegion: String?) {
        self.credentials = credentials
        self.from = from
        self.region = region
        self.timeout = timeout
        self.environment = environment
        self.defaultRegion = defaultRegion
    }

    static func without(_ reason: String, region: String?, timeout: TimeInterval, environment: [String: String]) -> NativeReplies {
        var replies = NativeReplies(credentials: nil, from: "nowhere", region: region, timeout: timeout, environment: environment, defaultRegion: nil)
        replies.missing = reason
        return replies
    }

    /// The client retries itself (standard mode, its budget): only given more patience for throttling.
    public func retryingThrottles(until deadline: Date) -> any ReplySource {
        var patient = self
        patient.throttledUntil = deadline
        return patient
    }

    public func acting(as member: MemberCredentials) -> any LiveReplies {
        var replies = NativeReplies(credentials: AWSCredentials(accessKeyID: member.accessKeyID, secretAccessKey: member.secretAccessKey,
                                                                sessionToken: member.sessionToken),
                                    from: "an STS session in the member account", region: region, timeout: timeout,
                                    environment: environment, defaultRegion: defaultRegion)
        replies.cancelled = cancelled
        replies.throttledUntil = throttledUntil
        return replies
    }

    /// Services the CLI reaches without a Region (their partition's home Region; STS's global endpoint).
    static let regionless: Set<String> = ["iam", "organizations", "account", "sts"]

    public func reply(_ call: AWSCall, region callRegion: String?) -> Result<JSONReply, CallFailure> {
        guard let credentials else {
            return .failure(CallFailure(.noCredentials, "no AWS credentials found (\(missing ?? "none in the environment")): configure a profile or pass --profile"))
        }
        let service = call.arguments.first ?? ""
        guard let chosen = (call.isRegional ? callRegion : nil) ?? region ?? defaultRegion
                ?? (Self.regionless.contains(service) ? "us-east-1" : nil) else {
            return .failure(CallFailure(.other, "no AWS Region for \(service): pass --region or set one in the profile"))
        }
        var client = NativeClient(credentials: credentials, environment: environment, timeout: timeout, cancelled: cancelled)
        client.throttledUntil = throttledUntil
        switch client.call(call.arguments, region: chosen) {
        case .success(let value):
            guard let members = value.object else { return .failure(CallFailure(.malformed, "\(name(call)) did not return a JSON object")) }
            return .success(JSONReply(members))
        case .failure(let failure):
            return .failure(Self.failure(failure, call: call, timeout: timeout))
        }
    }

    func name(_ call: AWSCall) -> String { "aws " + call.arguments.prefix(2).joined(separator: " ") }

    /// The failure the CLI would report for the same answer: a service error worded as the CLI's
    /// stderr and classified by the same reader, so a record says the same whichever backend asked.
    static func failure(_ failure: NativeFailure, call: AWSCall, timeout: TimeInterval) -> CallFailure {
        let what = "aws " + call.arguments.prefix(2).joined(separator: " ")
        switch failure.kind {
        case .service:
            let operation = Operation(cliArguments: call.arguments)?.name ?? what
            guard let code = failure.code ?? (failure.status == 404 ? "404" : nil) else {
                // No error document (an HTML page from a proxy or an emulator): as botocore says it.
                return CallFailure.classify(stderr: "Unable to parse response (HTTP \(failure.status ?? 0)): \(failure.message)", exitCode: 255)
            }
            return CallFailure.classify(stderr: "An error occurred (\(code)) when calling the \(operation) operation: \(failure.message)", exitCode: 254)
        case .timedOut:
            return CallFailure(.timedOut, "\(what) did not answer within \(Int(timeout)) s")
        case .cancelled:
            return CallFailure(.cancelled, "the check was cancelled")
        case .transport:
            return CallFailure(.network, "cannot reach AWS: check the network or the Region (\(failure.message))")
        case .malformed:
            return CallFailure(.malformed, "\(what): \(failure.message)")
        case .unsupported:
            return CallFailure(.unsupported, "\(what): \(failure.message)")
        }
    }
}
