import SystemImports
import ChecklistModel

/// One AWS CLI call `verify` makes, with the file its reply is saved under for `--from DIR`.
public struct AWSCall: Hashable, Sendable {
    /// Arguments after `aws`.
    public let arguments: [String]
    /// `aws sts get-caller-identity > sts-get-caller-identity.json`; a failed call's stderr goes in
    /// the same name with `.error` instead of `.json`.
    public let fileName: String
    /// Calls that only the Identity Center home Region answers.
    let isRegional: Bool

    init(_ arguments: [String], fileName: String? = nil, regional: Bool = false) {
        self.arguments = arguments
        self.fileName = fileName ?? arguments.prefix(2).joined(separator: "-") + ".json"
        self.isRegional = regional
    }

    public static let callerIdentity = AWSCall(["sts", "get-caller-identity"])
    public static let accountSummary = AWSCall(["iam", "get-account-summary"])
    public static let generateCredentialReport = AWSCall(["iam", "generate-credential-report"])
    public static let credentialReport = AWSCall(["iam", "get-credential-report"])
    public static let virtualMFADevices = AWSCall(["iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned"])
    /// The caller's own MFA devices: root's, under an assume-root audit session (which may not read
    /// the credential report nor list virtual devices, but may call these).
    public static let mfaDevices = AWSCall(["iam", "list-mfa-devices"])
    public static let currentUser = AWSCall(["iam", "get-user"])
    public static let accessKeys = AWSCall(["iam", "list-access-keys"])
    public static func accessKeyLastUsed(_ key: String) -> AWSCall {
        AWSCall(["iam", "get-access-key-last-used", "--access-key-id", key], fileName: "iam-get-access-key-last-used-\(fileSafe(key)).json")
    }
    public static let identityCenterInstances = AWSCall(["sso-admin", "list-instances"], regional: true)
    public static let contactInformation = AWSCall(["account", "get-contact-information"])
    public static let securityContact = AWSCall(["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY"],
                                                fileName: "account-get-alternate-contact-security.json")
    public static let organizationsFeatures = AWSCall(["iam", "list-organizations-features"])
    public static let organization = AWSCall(["organizations", "describe-organization"])
    /// Who may administer IAM's root access settings besides the management account.
    public static let iamDelegatedAdministrators = AWSCall(["organizations", "list-delegated-administrators", "--service-principal",
                                                            "iam.amazonaws.com"], fileName: "organizations-list-delegated-administrators-iam.json")
    /// Answered by the management account only for an account of its own organization.
    public static func organizationAccount(_ id: String) -> AWSCall {
        AWSCall(["organizations", "describe-account", "--account-id", id], fileName: "organizations-describe-account-\(id).json")
    }
    /// Every account of the organization: the CLI follows the pages itself and returns them as one.
    public static let organizationAccounts = AWSCall(["organizations", "list-accounts"])

    /// The permission sets of an Identity Center instance (one organization instance per
    /// organization, so the saved file needs no instance in its name).
    public static func permissionSets(instance: String) -> AWSCall {
        AWSCall(["sso-admin", "list-permission-sets", "--instance-arn", instance], regional: true)
    }

    public static func managedPolicies(instance: String, permissionSet: String) -> AWSCall {
        AWSCall(["sso-admin", "list-managed-policies-in-permission-set", "--instance-arn", instance, "--permission-set-arn", permissionSet],
                fileName: "sso-admin-list-managed-policies-in-permission-set-\(fileSafe(permissionSet)).json", regional: true)
    }

    public static func describePermissionSet(instance: String, permissionSet: String) -> AWSCall {
        AWSCall(["sso-admin", "describe-permission-set", "--instance-arn", instance, "--permission-set-arn", permissionSet],
                fileName: "sso-admin-describe-permission-set-\(fileSafe(permissionSet)).json", regional: true)
    }

    public static func accountAssignments(instance: String, account: String, permissionSet: String) -> AWSCall {
        AWSCall(["sso-admin", "list-account-assignments", "--instance-arn", instance, "--account-id", account,
                 "--permission-set-arn", permissionSet],
                fileName: "sso-admin-list-account-assignments-\(fileSafe(permissionSet)).json", regional: true)
    }

    /// The permission sets provisioned to an account: one assigned but not provisioned grants nothing yet.
    public static func provisionedSets(instance: String, account: String) -> AWSCall {
        AWSCall(["sso-admin", "list-permission-sets-provisioned-to-account", "--instance-arn", instance, "--account-id", account],
                fileName: "sso-admin-list-permission-sets-provisioned-to-account-\(fileSafe(account)).json", regional: true)
    }

    public static func inlinePolicy(instance: String, permissionSet: String) -> AWSCall {
        AWSCall(["sso-admin", "get-inline-policy-for-permission-set", "--instance-arn", instance, "--permission-set-arn", permissionSet],
                fileName: "sso-admin-get-inline-policy-for-permission-set-\(fileSafe(permissionSet)).json", regional: true)
    }

    public static func groupMemberships(store: String, group: String) -> AWSCall {
        AWSCall(["identitystore", "list-group-memberships", "--identity-store-id", store, "--group-id", group],
                fileName: "identitystore-list-group-memberships-\(fileSafe(group)).json", regional: true)
    }

    public static func describeUser(store: String, id: String) -> AWSCall {
        AWSCall(["identitystore", "describe-user", "--identity-store-id", store, "--user-id", id],
                fileName: "identitystore-describe-user-\(fileSafe(id)).json", regional: true)
    }

    public static func describeGroup(store: String, id: String) -> AWSCall {
        AWSCall(["identitystore", "describe-group", "--identity-store-id", store, "--group-id", id],
                fileName: "identitystore-describe-group-\(fileSafe(id)).json", regional: true)
    }

    public static let trails = AWSCall(["cloudtrail", "describe-trails"])

    /// A member's root email, as its management account (or a delegated administrator) reads it.
    public static func primaryEmail(account: String) -> AWSCall {
        AWSCall(["account", "get-primary-email", "--account-id", account], fileName: "account-get-primary-email-\(fileSafe(account)).json")
    }
    public static let eventRules = AWSCall(["events", "list-rules"])

    public static func trailStatus(_ trail: String) -> AWSCall {
        AWSCall(["cloudtrail", "get-trail-status", "--name", trail], fileName: "cloudtrail-get-trail-status-\(fileSafe(trail)).json", regional: true)
    }

    /// Which events a trail records: management events, read and write, are what root use is.
    public static func eventSelectors(_ trail: String) -> AWSCall {
        AWSCall(["cloudtrail", "get-event-selectors", "--trail-name", trail],
                fileName: "cloudtrail-get-event-selectors-\(fileSafe(trail)).json", regional: true)
    }

    public static func metricFilters(logGroup: String) -> AWSCall {
        AWSCall(["logs", "describe-metric-filters", "--log-group-name", logGroup],
                fileName: "logs-describe-metric-filters-\(fileSafe(logGroup)).json", regional: true)
    }

    public static func alarms(metric: String, namespace: String) -> AWSCall {
        AWSCall(["cloudwatch", "describe-alarms-for-metric", "--metric-name", metric, "--namespace", namespace],
                fileName: "cloudwatch-describe-alarms-for-metric-\(fileSafe(metric)).json", regional: true)
    }

    public static func subscriptions(topic: String) -> AWSCall {
        AWSCall(["sns", "list-subscriptions-by-topic", "--topic-arn", topic],
                fileName: "sns-list-subscriptions-by-topic-\(fileSafe(topic)).json", regional: true)
    }

    public static func ruleTargets(_ rule: String) -> AWSCall {
        AWSCall(["events", "list-targets-by-rule", "--rule", rule], fileName: "events-list-targets-by-rule-\(fileSafe(rule)).json")
    }

    /// The calls with fixed arguments, whose saved files `verify --help` lists.
    public static let fixed: [AWSCall] = [callerIdentity, organization, accountSummary, credentialReport, virtualMFADevices,
                                          identityCenterInstances, contactInformation, securityContact, organizationsFeatures,
                                          trails, eventRules]

    /// The last part of an ARN or id, in letters, digits and dashes only: safe in a file name.
    static func fileSafe(_ text: String) -> String {
        let last = text.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? text
        return String(last.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }.prefix(64).map(Character.init))
    }
}

/// Why a call gave no usable reply.
public struct CallFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// Spelled as its case name where a recorded reply keeps it (`ReplyLog`).
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case notInstalled, timedOut, cancelled, accessDenied, expiredCredentials, noCredentials, throttled
        case notFound, notInOrganization, unsupported, network, malformed, missingFile, other
    }
    public var kind: Kind
    public var code: String?
    public var message: String

    /// The message may quote what aws printed, so it is made safe here, once, for every path it takes.
    public init(_ kind: Kind, code: String? = nil, _ message: String) {
        self.kind = kind
        self.code = code.map { UntrustedText.line($0, limit: 80) }
        self.message = UntrustedText.line(message)
    }

    public var description: String { message }

    /// An error code without the `Exception` suffix some services add: `AccessDenied` for both.
    static func baseCode(_ code: String) -> String {
        code.hasSuffix("Exception") ? String(code.dropLast("Exception".count)) : code
    }

    /// Classifies the AWS CLI's stderr, e.g. `An error occurred (AccessDenied) when calling …`.
    public static func classify(stderr: String, exitCode: Int32) -> CallFailure {
        let text = stderr.trimmingWhitespace()
        var code: String?
        if let open = text.firstRange(of: "An error occurred ("), let close = text[open.upperBound...].firstIndex(of: ")") {
            code = String(text[open.upperBound..<close])
        }
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? "the aws CLI exited with \(exitCode)"
        let short = String(firstLine.prefix(200))
        // Services spell the same code with and without the `Exception` suffix.
        switch code.map(baseCode) {
        case "AccessDenied", "UnauthorizedOperation", "UnauthorizedAccess":
            return CallFailure(.accessDenied, code: code, "access denied (\(code!)): the credentials lack permission for this call")
        case "ExpiredToken", "RequestExpired", "InvalidClientTokenId", "UnrecognizedClient", "InvalidSignature", "SignatureDoesNotMatch":
            return CallFailure(.expiredCredentials, code: code, "the credentials are expired or invalid (\(code!)): sign in again")
        case "Throttling", "TooManyRequests", "RequestLimitExceeded":
            return CallFailure(.throttled, code: code, "AWS throttled the call (\(code!)): try again in a minute")
        case "ResourceNotFound", "NoSuchEntity", "ReportNotPresent":
            return CallFailure(.notFound, code: code, short)
        case "AWSOrganizationsNotInUse", "OrganizationNotFound":
            return CallFailure(.notInOrganization, code: code, "the account is not in an organization")
        default:
            break
        }
        if let open = text.firstRange(of: "The config profile ("), let close = text[open.upperBound...].firstIndex(of: ")"),
           text.contains("could not be found") {
            let name = String(text[open.upperBound..<close])
            return CallFailure(.noCredentials, "the AWS profile \"\(name)\" does not exist: check the name (aws configure list-profiles)")
        }
        if text.contains("Unable to locate credentials") {
            return CallFailure(.noCredentials, "no AWS credentials found: configure a profile or pass --profile")
        }
        if text.contains("ExpiredToken") || text.contains("Token has expired") || text.contains("token has expired") {
            return CallFailure(.expiredCredentials, "the session token has expired: sign in again (aws sso login)")
        }
        if text.contains("Could not connect to the endpoint URL") || text.contains("Connection was closed") {
            return CallFailure(.network, "cannot reach AWS: check the network or the Region")
        }
        if text.contains("(404)") || text.contains("Unable to parse response") || text.contains("invalid choice") {
            return CallFailure(.unsupported, code: code, "the endpoint does not support this call")
        }
        return CallFailure(.other, code: code, short)
    }
}
