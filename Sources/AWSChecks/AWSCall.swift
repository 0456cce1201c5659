import ChecklistModel
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The AWS CLI calls `verify` makes, with the file name each reply is saved under for `--from DIR`.
public enum AWSCall: String, CaseIterable, Sendable {
    case callerIdentity
    case accountSummary
    case generateCredentialReport
    case credentialReport
    case identityCenterInstances
    case contactInformation
    case securityContact
    case organizationsFeatures

    /// Arguments after `aws`.
    public var arguments: [String] {
        switch self {
        case .callerIdentity: return ["sts", "get-caller-identity"]
        case .accountSummary: return ["iam", "get-account-summary"]
        case .generateCredentialReport: return ["iam", "generate-credential-report"]
        case .credentialReport: return ["iam", "get-credential-report"]
        case .identityCenterInstances: return ["sso-admin", "list-instances"]
        case .contactInformation: return ["account", "get-contact-information"]
        case .securityContact: return ["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY"]
        case .organizationsFeatures: return ["iam", "list-organizations-features"]
        }
    }

    /// `aws sts get-caller-identity > sts-get-caller-identity.json`; a failed call's stderr goes in
    /// the same name with `.error` instead of `.json`.
    public var fileName: String {
        switch self {
        case .securityContact: return "account-get-alternate-contact-security.json"
        default: return arguments.joined(separator: "-") + ".json"
        }
    }

    /// Calls that only the Identity Center home Region answers.
    var isRegional: Bool { self == .identityCenterInstances }
}

/// Why a call gave no usable reply.
public struct CallFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
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

    /// Classifies the AWS CLI's stderr, e.g. `An error occurred (AccessDenied) when calling …`.
    public static func classify(stderr: String, exitCode: Int32) -> CallFailure {
        let text = stderr.trimmingWhitespace()
        var code: String?
        if let open = text.firstRange(of: "An error occurred ("), let close = text[open.upperBound...].firstIndex(of: ")") {
            code = String(text[open.upperBound..<close])
        }
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? "the aws CLI exited with \(exitCode)"
        let short = String(firstLine.prefix(200))
        switch code {
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess":
            return CallFailure(.accessDenied, code: code, "access denied (\(code!)): the credentials lack permission for this call")
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "InvalidClientTokenId", "UnrecognizedClientException",
             "InvalidSignatureException", "SignatureDoesNotMatch":
            return CallFailure(.expiredCredentials, code: code, "the credentials are expired or invalid (\(code!)): sign in again")
        case "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded":
            return CallFailure(.throttled, code: code, "AWS throttled the call (\(code!)): try again in a minute")
        case "ResourceNotFoundException", "NoSuchEntity", "ReportNotPresent":
            return CallFailure(.notFound, code: code, short)
        case "AWSOrganizationsNotInUseException", "OrganizationNotFoundException":
            return CallFailure(.notInOrganization, code: code, "the account is not in an organization")
        case "ServiceAccessNotEnabledException", "OrganizationNotInAllFeaturesModeException":
            return CallFailure(.other, code: code, short)
        default:
            break
        }
        if text.contains("Unable to locate credentials") || text.contains("could not be found") && text.contains("profile") {
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
