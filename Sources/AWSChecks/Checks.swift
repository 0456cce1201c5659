import SystemImports
import ChecklistModel

/// A check's verdict before it is stamped with time and source.
public struct Verdict: Equatable, Sendable {
    public var outcome: CheckOutcome
    public var reason: String
    /// Reasons quote AWS replies (ARNs, emails, feature names), so they are made safe here, once,
    /// before they reach stdout or the state file.
    public init(_ outcome: CheckOutcome, _ reason: String) {
        self.outcome = outcome
        self.reason = UntrustedText.line(reason)
    }
}

/// Fetches each reply once per run, so checks that share a call share its answer.
final class ReplyCache: @unchecked Sendable {
    private let source: ReplySource
    private let region: String?
    private var cache: [String: Result<JSONReply, CallFailure>] = [:]

    /// Replies come from AWS now (not from saved files), so waiting for one can help.
    var isLive: Bool { source.source == .awsCLI }
    /// Identity Center answers come from the management account (see `ReplySource`).
    var identityCenterFromManagement: Bool { source.identityCenterFromManagement }

    init(source: ReplySource, region: String?) {
        self.source = source
        self.region = region
    }

    /// The management account's replies in a fleet run (see `ReplySource.organizationManagement`).
    lazy var management: ReplyCache? = source.organizationManagement.map { ReplyCache(source: $0, region: region) }

    private func key(_ call: AWSCall, _ callRegion: String?) -> String {
        "\(call.arguments.joined(separator: " "))@\(callRegion ?? region ?? "")"
    }

    func reply(_ call: AWSCall, region callRegion: String? = nil) -> Result<JSONReply, CallFailure> {
        let key = key(call, callRegion)
        if let cached = cache[key] { return cached }
        let result = source.reply(call, region: callRegion ?? region)
        cache[key] = result
        return result
    }

    /// A number from `iam get-account-summary`'s SummaryMap.
    func summaryValue(_ key: String) -> Result<Int, CallFailure> {
        reply(.accountSummary).flatMap { object in
            guard let number = object["SummaryMap"]?.object?[key]?.number?.wholeNumber else {
                return .failure(CallFailure(.malformed, "get-account-summary has no whole-number SummaryMap.\(key)"))
            }
            // A count below zero is no count: nothing may pass on it.
            guard number >= 0 else {
                return .failure(CallFailure(.malformed, "get-account-summary gives SummaryMap.\(key) as \(number), which cannot be a count"))
            }
            return .success(number)
        }
    }

    /// Whether root credentials exist, from the summary: `.removed` only when password, access keys,
    /// signing certificates and MFA are all reported as 0; nil when it does not say.
    var rootCredentials: RootCredentials? {
        let values = ["AccountPasswordPresent", "AccountAccessKeysPresent", "AccountSigningCertificatesPresent", "AccountMFAEnabled"]
            .map { try? summaryValue($0).get() }
        if values.contains(where: { ($0 ?? 0) > 0 }) { return .present }
        return values.allSatisfy { $0 == 0 } ? .removed : nil
    }

    /// Asks again, for a reply that was not ready (a credential report being generated).
    func refetch(_ call: AWSCall) -> Result<JSONReply, CallFailure> {
        cache[key(call, nil)] = nil
        return reply(call)
    }
}

/// What every check is given: the account, the item's record, and the replies it may ask for.
struct CheckContext {
    let accountID: String
    let record: ItemRecord
    let region: String?
    let replies: ReplyCache
    /// When the check is made: what a dated reply (a credential report) is judged against.
    var now = Date()
    /// The calls run as the account's root user (an assume-root audit session): `iam list-mfa-devices`
    /// and `get-user` then describe root, and the credential report is out of reach.
    var callerIsRoot = false

    /// Where the account stands in AWS Organizations, from `describe-organization` (cached).
    var organization: OrganizationFacts { OrganizationFacts.of(accountID, replies) }

    func summaryValue(_ key: String) -> Result<Int, CallFailure> { replies.summaryValue(key) }
}

/// The automated checks: replies in, verdict out. Pure apart from the replies they ask for.
public enum Checks {
    /// The check an item names; a switch, so a name without an implementation does not build.
    static func evaluator(_ name: CheckName) -> @Sendable (CheckContext) -> Verdict {
        switch name {
        case .rootMFA: RootCredentialChecks.mfa
        case .removeRootCredentials: RootCredentialChecks.removed
        case .noRootAccessKeys: RootCredentialChecks.accessKeys
        case .signOutRoot: RootCredentialChecks.signedOut
        case .monitorRootUsage: MonitorRootUsageCheck.evaluate
        case .identityCenterAdmin: IdentityCenterCheck.evaluate
        case .kmsRecoveryPhone: AccountContactChecks.phone
        case .securityContact: AccountContactChecks.securityContact
        case .groupRootEmail: AccountContactChecks.rootEmail
        case .organizationsRootAccess: OrganizationChecks.rootAccess
        }
    }

    static func evaluate(_ name: CheckName, context: CheckContext) -> Verdict {
        evaluator(name)(context)
}
}
