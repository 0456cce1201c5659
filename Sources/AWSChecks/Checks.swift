import ChecklistModel
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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

    init(source: ReplySource, region: String?) {
        self.source = source
        self.region = region
    }

    func reply(_ call: AWSCall, region callRegion: String? = nil) -> Result<JSONReply, CallFailure> {
        let key = "\(call.rawValue)@\(callRegion ?? region ?? "")"
        if let cached = cache[key] { return cached }
        let result = source.reply(call, region: callRegion ?? region)
        cache[key] = result
        return result
    }
}

/// The automated checks: replies in, verdict out. Pure apart from the replies they ask for.
enum Checks {
    static func evaluate(_ name: String, record: ItemRecord, region: String?, replies: ReplyCache) -> Verdict {
        switch name {
        case "root-mfa": return rootMFA(replies)
        case "no-root-access-keys": return rootAccessKeys(replies)
        case "identity-center-admin": return identityCenter(record: record, region: region, replies)
        case "kms-recovery-phone": return contactPhone(record: record, replies)
        case "security-contact": return securityContact(replies)
        case "organizations-root-access": return organizationsRootAccess(replies)
        default: return Verdict(.unknown, "verify does not know the check \"\(name)\"")
        }
    }

    static func summaryValue(_ key: String, _ replies: ReplyCache) -> Result<Int, CallFailure> {
        replies.reply(.accountSummary).flatMap { object in
            guard let number = object["SummaryMap"]?.object?[key]?.number?.wholeNumber else {
                return .failure(CallFailure(.malformed, "get-account-summary has no SummaryMap.\(key)"))
            }
            return .success(number)
        }
    }

    static func rootMFA(_ replies: ReplyCache) -> Verdict {
        switch summaryValue("AccountMFAEnabled", replies) {
        case .success(1): return Verdict(.pass, "AccountMFAEnabled is 1: the root user has MFA")
        case .success(let value): return Verdict(.fail, "AccountMFAEnabled is \(value): the root user has no MFA device")
        case .failure(let failure):
            let report = CredentialReport.root(replies)
            guard case .row(let row) = report else { return Verdict(.unknown, "\(failure.message); \(report.problem)") }
            switch row["mfa_active"] {
            case "true": return Verdict(.pass, "credential report: root mfa_active is true")
            case "false": return Verdict(.fail, "credential report: root mfa_active is false")
            default: return Verdict(.unknown, "\(failure.message); the credential report's root row has no usable mfa_active")
            }
        }
    }

    static func rootAccessKeys(_ replies: ReplyCache) -> Verdict {
        let report = CredentialReport.root(replies)
        let keys = report.accessKeys
        switch summaryValue("AccountAccessKeysPresent", replies) {
        case .success(0):
            switch keys {
            case .some(.none): return Verdict(.pass, "AccountAccessKeysPresent is 0; the credential report agrees")
            case .some(let found):
                // The live summary and the report (which can be hours old) disagree: that settles nothing.
                return Verdict(.unknown, "AccountAccessKeysPresent is 0 but the credential report shows \(found.description); "
                               + "generate a fresh report (aws iam generate-credential-report) and check again")
            case nil: return Verdict(.pass, "AccountAccessKeysPresent is 0 (\(report.problem))")
            }
        case .success:
            return Verdict(.fail, "AccountAccessKeysPresent is not 0: a root access key exists (inactive keys count too)")
        case .failure(let failure):
            switch keys {
            case .some(.none): return Verdict(.pass, "credential report: the root user has no access key (get-account-summary failed: \(failure.message))")
            case .some(let found): return Verdict(.fail, "credential report shows \(found.description)")
            case nil: return Verdict(.unknown, "\(failure.message); \(report.problem)")
            }
        }
    }

    static func identityCenter(record: ItemRecord, region: String?, _ replies: ReplyCache) -> Verdict {
        // The instance lives in the home Region; prefer what the operator recorded as evidence.
        let home = record.evidence["home-region"].flatMap { $0.isEmpty ? nil : $0 }
        let asked = region ?? home
        let regionText = asked.map { "in \($0)" } ?? "in the default Region"
        switch replies.reply(.identityCenterInstances, region: asked) {
        case .success(let object):
            let instances = object["Instances"]?.array?.compactMap(\.object) ?? []
            if let active = instances.first(where: { $0["Status"]?.string == "ACTIVE" }) {
                let arn = active["InstanceArn"]?.string.map { " (\($0))" } ?? ""
                return Verdict(.pass, "an ACTIVE Identity Center instance exists \(regionText)\(arn)")
            }
            if instances.isEmpty {
                return Verdict(.fail, "no Identity Center instance \(regionText); the call is regional, so ask the home Region with --region")
            }
            return Verdict(.fail, "the Identity Center instance \(regionText) is not ACTIVE")
        case .failure(let failure):
            return Verdict(.unknown, failure.message)
        }
    }

    static func normalizedPhone(_ text: String) -> String {
        text.filter { $0 == "+" || $0.isNumber }
    }

    static func contactPhone(record: ItemRecord, _ replies: ReplyCache) -> Verdict {
        switch replies.reply(.contactInformation) {
        case .success(let object):
            guard let phone = object["ContactInformation"]?.object?["PhoneNumber"]?.string, !phone.isEmpty else {
                return Verdict(.fail, "the account's contact information has no phone number")
            }
            let actual = normalizedPhone(phone)
            if let recorded = record.evidence["phone"], !recorded.isEmpty {
                return actual == normalizedPhone(recorded)
                    ? Verdict(.pass, "the primary phone \(actual) matches the recorded evidence")
                    : Verdict(.fail, "AWS has \(actual) but the evidence records \(normalizedPhone(recorded))")
            }
            return Verdict(.pass, "a primary phone is set (\(actual)); no number is recorded to compare")
        case .failure(let failure):
            return Verdict(.unknown, failure.message)
        }
    }

    static func securityContact(_ replies: ReplyCache) -> Verdict {
        switch replies.reply(.securityContact) {
        case .success(let object):
            guard let email = object["AlternateContact"]?.object?["EmailAddress"]?.string, !email.isEmpty else {
                return Verdict(.fail, "no security alternate contact is set")
            }
            return Verdict(.pass, "security contact is \(email)")
        case .failure(let failure):
            if failure.kind == .notFound { return Verdict(.fail, "no security alternate contact is set") }
            return Verdict(.unknown, failure.message)
        }
    }

    static func organizationsRootAccess(_ replies: ReplyCache) -> Verdict {
        switch replies.reply(.organizationsFeatures) {
        case .success(let object):
            let features = object["EnabledFeatures"]?.array?.compactMap(\.string) ?? []
            if features.contains("RootCredentialsManagement") {
                let sessions = features.contains("RootSessions") ? " and RootSessions" : " (RootSessions is off)"
                return Verdict(.pass, "RootCredentialsManagement is enabled\(sessions)")
            }
            return Verdict(.fail, "centralized root access is not enabled (EnabledFeatures: \(features.isEmpty ? "none" : features.joined(separator: ", ")))")
        case .failure(let failure):
            if failure.kind == .notInOrganization {
                return Verdict(.notApplicable, "the account is not in an organization: this item does not apply")
            }
            if failure.code == "ServiceAccessNotEnabledException" {
                return Verdict(.fail, "IAM trusted access is not enabled in Organizations, so root access is not centralized")
            }
            return Verdict(.unknown, failure.message)
        }
    }
}

/// The `<root_account>` row of the IAM credential report, when one can be had whole and unambiguous.
enum CredentialReport: Equatable {
    case row([String: String])
    /// No usable row, and why.
    case unusable(String)

    var problem: String {
        switch self {
        case .row: return "the credential report has a root row"
        case .unusable(let why): return why
        }
    }

    /// What the report says about root access keys: `.none`, a key that exists (active or not), or
    /// nil when the row lacks the columns or holds values that settle nothing.
    enum Keys: Equatable {
        case none, inactive, active
        var description: String {
            switch self {
            case .none: return "no root access key"
            case .inactive: return "an inactive root access key, which still exists and must be deleted"
            case .active: return "an active root access key"
            }
        }
    }

    var accessKeys: Keys? {
        guard case .row(let row) = self else { return nil }
        var result = Keys.none
        for slot in ["1", "2"] {
            guard let active = row["access_key_\(slot)_active"], let rotated = row["access_key_\(slot)_last_rotated"] else { return nil }
            switch (active, rotated) {
            case ("true", _): return .active
            case ("false", "N/A"): continue
            case ("false", _): result = .inactive
            default: return nil
            }
        }
        return result
    }

    static func root(_ replies: ReplyCache) -> CredentialReport {
        _ = replies.reply(.generateCredentialReport)
        switch replies.reply(.credentialReport) {
        case .failure(let failure):
            return .unusable("no credential report (\(failure.message))")
        case .success(let object):
            guard let content = object["Content"]?.string, let data = Data(base64Encoded: content) else {
                return .unusable("the credential report has no readable Content")
            }
            return parse(String(decoding: data, as: UTF8.self))
        }
    }

    static func parse(_ csv: String) -> CredentialReport {
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, header.first == "user" else { return .unusable("the credential report has no header row") }
        let roots = lines.dropFirst().filter { $0.first == "<root_account>" }
        guard roots.count == 1, let row = roots.first else {
            return .unusable(roots.isEmpty ? "the credential report has no <root_account> row"
                             : "the credential report has \(roots.count) <root_account> rows, so it is ambiguous")
        }
        guard row.count == header.count else {
            return .unusable("the credential report's root row has \(row.count) fields for \(header.count) columns")
        }
        return .row(Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first }))
    }
}
