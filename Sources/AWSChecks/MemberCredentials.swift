import ChecklistModel
import SystemImports

/// How `verify` reaches a member account from the management account.
public enum MemberAccess: Sendable, Equatable {
    /// The credentials already in use (the account's own).
    case ambient
    /// `sts assume-role` into a role of the member (OrganizationAccountAccessRole by default).
    case role(String)
    /// `sts assume-root` with the task policy that audits the root user's credentials: a
    /// 15-minute session of the member's root user limited to that policy (centralized root access).
    case assumeRoot

    /// AWS's managed task policy for auditing root credentials (IAM User Guide, "Perform a
    /// privileged task on an AWS Organizations member account").
    public static let auditRootTaskPolicy = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
    /// The managed task policy that deletes a member's root credentials (`fix remove-root-credentials`).
    public static let deleteRootTaskPolicy = "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials"
}

/// Temporary credentials for one member account, and until when they hold.
public struct MemberCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String
    public var expiration: Date?

    /// The environment an `aws` child runs with to act in the member: these credentials only (no
    /// profile, so nothing of the caller's own configuration can take their place).
    public func environment(from base: [String: String]) -> [String: String] {
        var env = base
        env["AWS_ACCESS_KEY_ID"] = accessKeyID
        env["AWS_SECRET_ACCESS_KEY"] = secretAccessKey
        env["AWS_SESSION_TOKEN"] = sessionToken
        env["AWS_PROFILE"] = nil
        env["AWS_DEFAULT_PROFILE"] = nil
        return env
    }

    /// True when fewer than `margin` seconds are left (a check of one account takes well under a minute).
    public func expires(within margin: TimeInterval, now: Date) -> Bool {
        expiration.map { $0.timeIntervalSince(now) < margin } ?? false
    }

    /// Asks STS for credentials in `accountID` the way `access` says; the failure says what to fix.
    public static func obtain(_ access: MemberAccess, accountID: String, source: any ReplySource,
                              region: String?, taskPolicy: String = MemberAccess.auditRootTaskPolicy) -> Result<MemberCredentials?, CallFailure> {
        let call: AWSCall
        switch access {
        case .ambient: return .success(nil)
        case .role(let name):
            call = AWSCall(["sts", "assume-role", "--role-arn", "arn:aws:iam::\(accountID):role/\(name)",
                            "--role-session-name", "root-checklist-verify"], fileName: "sts-assume-role-\(accountID).json")
        case .assumeRoot:
            // assume-root answers only in a Regional endpoint; us-east-1 when no Region is given.
            call = AWSCall(["sts", "assume-root", "--target-principal", accountID, "--task-policy-arn",
                            "arn=\(taskPolicy)", "--duration-seconds", "900"],
                           fileName: "sts-assume-root-\(accountID).json", regional: true)
        }
        let callRegion = access == .assumeRoot ? (region ?? "us-east-1") : region
        switch source.reply(call, region: callRegion) {
        case .failure(let failure): return .failure(failure)
        case .success(let reply): return parse(reply, call: call)
        }
    }

    /// The credentials in an assume-role or assume-root reply.
    static func parse(_ reply: JSONReply, call: AWSCall) -> Result<MemberCredentials?, CallFailure> {
        guard let credentials = reply["Credentials"]?.object,
              let key = credentials["AccessKeyId"]?.string, let secret = credentials["SecretAccessKey"]?.string,
              let token = credentials["SessionToken"]?.string else {
            return .failure(CallFailure(.malformed, "aws \(call.arguments.prefix(2).joined(separator: " ")) returned no credentials"))
        }
        let expiration = credentials["Expiration"]?.string.flatMap(ISODate.parseAnyForm)
        return .success(MemberCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token, expiration: expiration))
    }
}

/// A reply source that tries a throttled call again, waiting longer each time with jitter, while
/// its deadline allows; every other answer is passed on as it came.
public struct RetryingReplies: ReplySource {
    public var base: any ReplySource
    public var attempts: Int
    public var deadline: Date
    public var source: CheckSource { base.source }

    public init(_ base: any ReplySource, attempts: Int = 5, deadline: Date) {
        self.base = base
        self.attempts = attempts
        self.deadline = deadline
    }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        Throttling.retry(attempts: attempts, deadline: deadline) { base.reply(call, region: region) }
    }
}

/// Tries a throttled call again, waiting longer each time with jitter, while the deadline allows:
/// a throttled call was not carried out, so making it again is safe even when it changes something.
public enum Throttling {
    public static func retry<Value>(attempts: Int = 5, deadline: Date, _ call: () -> Result<Value, CallFailure>) -> Result<Value, CallFailure> {
        var wait = 0.5
        var answer = call()
        for _ in 1..<max(1, attempts) {
            guard case .failure(let failure) = answer, failure.kind == .throttled else { return answer }
            let pause = wait * Double.random(in: 0.5...1.5)
            guard Date().addingTimeInterval(pause) < deadline else { return answer }
            usleep(useconds_t(pause * 1_000_000))
            wait *= 2
            answer = call()
        }
        return answer
    }
}

/// The replies of one member account through temporary credentials that it renews: before a call
/// when less than a minute is left (an assume-root session lasts 15 minutes), and once more when
/// a call says they expired. Every `aws` child sees only the member's credentials.
public final class MemberReplies: ReplySource, @unchecked Sendable {
    private let access: MemberAccess
    private let accountID: String
    private let management: any ReplySource
    private let region: String?
    private let makeSource: @Sendable (MemberCredentials) -> any ReplySource
    // One worker uses a member's source at a time (accounts are not shared between workers).
    private var credentials: MemberCredentials?
    private var member: (any ReplySource)?
    public var source: CheckSource { management.source }

    /// `makeSource` builds the CLI source that runs with a set of credentials.
    public init(access: MemberAccess, accountID: String, management: any ReplySource, region: String?,
                makeSource: @escaping @Sendable (MemberCredentials) -> any ReplySource) {
        self.access = access
        self.accountID = accountID
        self.management = management
        self.region = region
        self.makeSource = makeSource
    }

    /// Obtains (or renews) the credentials; the failure says why the account cannot be reached.
    public func renew() -> CallFailure? {
        switch MemberCredentials.obtain(access, accountID: accountID, source: management, region: region) {
        case .failure(let failure): return failure
        case .success(let obtained):
            credentials = obtained
            member = obtained.map(makeSource)
            return nil
        }
    }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        if access == .ambient { return management.reply(call, region: region) }
        if member == nil || credentials?.expires(within: 60, now: Date()) == true, let failure = renew() { return .failure(failure) }
        guard let member else { return .failure(CallFailure(.noCredentials, "no credentials for account \(accountID)")) }
        let answer = member.reply(call, region: region)
        if case .failure(let failure) = answer, failure.kind == .expiredCredentials {
            if let renewal = renew() { return .failure(renewal) }
            return self.member?.reply(call, region: region) ?? answer
        }
        return answer
    }
}

/// In a fleet run, the calls AWS answers for a member from the management account (or a delegated
/// administrator) go there: the Account API with `--account-id`, Organizations, and Identity
/// Center, whose organization instance, assignments and users live in the management account. Everything else
/// (the identity check, IAM, CloudTrail, CloudWatch) runs in the member with its own credentials,
/// which an assume-root session limits to auditing IAM.
public struct RoutedReplies: ReplySource {
    public let member: any ReplySource
    public let management: any ReplySource
    public let accountID: String
    public var source: CheckSource { member.source }
    public var identityCenterFromManagement: Bool { true }
    public var organizationManagement: (any ReplySource)? { management }

    public init(member: any ReplySource, management: any ReplySource, accountID: String) {
        self.member = member
        self.management = management
        self.accountID = accountID
    }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        switch call.arguments.first {
        case "account":
            let routed = call.arguments.contains("--account-id") ? call
                : AWSCall(call.arguments + ["--account-id", accountID], fileName: call.fileName, regional: call.isRegional)
            return management.reply(routed, region: region)
        case "sso-admin", "identitystore", "organizations":
            return management.reply(call, region: region)
        default:
            return member.reply(call, region: region)
        }
    }
}
