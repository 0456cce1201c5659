@testable import AWSChecks
import ChecklistModel
import Foundation
import Testing

/// Every check's pass, fail and unknown paths, from saved replies (including those the emulator lacks).
@Suite struct RecordedReplyTests {
    /// The bundled checklist uses every check there is: none is written and never run.
    @Test func everyCheckIsUsed() {
        #expect(Set(Support.checklist.items.compactMap(\.check)) == Set(CheckName.allCases))
    }

    @Test func allPass() throws {
        var replies = Support.identityCenter()
        for (call, reply) in CheckTruthTableTests.monitoring() { replies[call] = reply }
        replies[.organization] = Support.managementOrganization
        replies[.accountSummary] = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 0, "Users": 3}}"#
        replies[.credentialReport] = Support.credentialReport(mfa: "true", key1: "false", key2: "false")
        replies[.virtualMFADevices] = #"{"VirtualMFADevices": []}"#
        replies[.contactInformation] = #"{"ContactInformation": {"FullName": "Ops", "PhoneNumber": "+1 555-555-0100"}}"#
        replies[.securityContact] = #"{"AlternateContact": {"AlternateContactType": "SECURITY", "EmailAddress": "sec@example.com", "Name": "Sec"}}"#
        replies[.organizationsFeatures] = #"{"OrganizationId": "o-1", "EnabledFeatures": ["RootCredentialsManagement", "RootSessions"]}"#
        let dir = Support.savedReplies(replies)
        var account = Support.account()
        account.items["kms-recovery-phone"] = ItemRecord(evidence: ["phone": "+15555550100"])
        account.items["sign-out-root"] = ItemRecord(evidence: ["signed-out-on": "2026-06-01"])
        account.items["security-contact"] = ItemRecord(evidence: ["email": "sec@example.com"])
        account.items["identity-center-admin"] = ItemRecord(evidence: ["admin-user": "alice"])
        let results = try Support.results(dir, account: account)
        #expect(results.count == 10)
        // A management account cannot read its own root email through any API: that item rests on evidence.
        #expect(results["group-root-email"]?.outcome == .unknown)
        // Nor does it remove its own root credentials: that is a member's item.
        #expect(results["remove-root-credentials"]?.outcome == .notApplicable)
        for (item, result) in results where item != "group-root-email" && item != "remove-root-credentials" {
            #expect(result.outcome == .pass, "\(item): \(result.reason)")
            #expect(result.source == .file)
            #expect(result.at == Support.now)
        }
        #expect(results["kms-recovery-phone"]?.reason.contains("matches") == true)
        #expect(results["no-root-access-keys"]?.reason.contains("credential report agrees") == true)
        #expect(results["identity-center-admin"]?.reason.contains("group Admins") == true)
        #expect(results["root-mfa"]?.reason.contains("no virtual MFA device") == true)
    }

    @Test func allFail() throws {
        let dir = Support.savedReplies([
            .organization: Support.managementOrganization,
            .credentialReport: Support.credentialReport(mfa: "false", key1: "false", key2: "false"),
            .accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 1}}"#,
            .identityCenterInstances: #"{"Instances": []}"#,
            .contactInformation: #"{"ContactInformation": {"FullName": "Ops", "PhoneNumber": "+15555550199"}}"#,
            .organizationsFeatures: #"{"OrganizationId": "o-1", "EnabledFeatures": []}"#,
            .trails: #"{"trailList": []}"#,
            .eventRules: #"{"Rules": []}"#,
        ], errors: [
            .securityContact: "An error occurred (ResourceNotFoundException) when calling the GetAlternateContact operation: No contact of the inputted alternate contact type found.",
        ])
        var account = Support.account()
        account.items["kms-recovery-phone"] = ItemRecord(evidence: ["phone": "+15555550100"])
        account.items["sign-out-root"] = ItemRecord(evidence: ["signed-out-on": "2025-06-01"])
        let results = try Support.results(dir, account: account, region: "eu-west-1")
        #expect(results["remove-root-credentials"]?.outcome == .notApplicable)
        for (item, result) in results where item != "group-root-email" && item != "remove-root-credentials" {
            #expect(result.outcome == .fail, "\(item): \(result.reason)")
        }
        #expect(results["no-root-access-keys"]?.reason.contains("inactive ones count too") == true)
        #expect(results["identity-center-admin"]?.reason.contains("eu-west-1") == true)
        #expect(results["identity-center-admin"]?.reason.contains("regional") == true)
        #expect(results["kms-recovery-phone"]?.reason.contains("+15555550199") == true)
    }

    @Test func allUnknownWhenRepliesAreMissingOrBroken() throws {
        let dir = Support.savedReplies([
            .organization: Support.managementOrganization,
            .accountSummary: "not json at all",
            .contactInformation: #"["an array"]"#,
        ], errors: [
            .identityCenterInstances: "An error occurred (AccessDeniedException) when calling the ListInstances operation: no",
            .securityContact: "An error occurred (ThrottlingException) when calling the GetAlternateContact operation: Rate exceeded",
            .organizationsFeatures: "An error occurred (ExpiredToken) when calling the ListOrganizationsFeatures operation: expired",
        ])
        let results = try Support.results(dir)
        #expect(results["remove-root-credentials"]?.outcome == .notApplicable, "a management account's own")
        for (item, result) in results where item != "remove-root-credentials" { #expect(result.outcome == .unknown, "\(item): \(result.reason)") }
        #expect(results["identity-center-admin"]?.reason.contains("access denied") == true)
        #expect(results["security-contact"]?.reason.contains("throttled") == true)
        #expect(results["organizations-root-access"]?.reason.contains("expired") == true)
        #expect(results["root-mfa"]?.reason.contains("JSON") == true)
    }

    @Test func credentialReportDecidesWhenTheSummaryIsUnavailable() throws {
        let failing = Support.savedReplies([.credentialReport: Support.credentialReport(mfa: "false", key1: "false", key2: "true")])
        let results = try Support.results(failing)
        #expect(results["root-mfa"]?.outcome == .fail)
        #expect(results["no-root-access-keys"]?.outcome == .fail)
        let passing = Support.savedReplies([.credentialReport: Support.credentialReport(mfa: "true", key1: "false", key2: "false")])
        let passed = try Support.results(passing)
        #expect(passed["root-mfa"]?.outcome == .pass)
        #expect(passed["no-root-access-keys"]?.outcome == .pass)
    }

    /// The live summary wins over a report that can be hours old, and says so.
    @Test func theLiveSummaryWinsOverAnOlderReport() throws {
        let dir = Support.savedReplies([
            .accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 0}}"#,
            .credentialReport: Support.credentialReport(mfa: "true", key1: "true", key2: "false"),
        ])
        let result = try Support.results(dir)["no-root-access-keys"]
        #expect(result?.outcome == .pass)
        #expect(result?.reason.contains("still lists one") == true)
        #expect(result?.reason.contains("2027-01-15") == true, "the report's time is named")
    }

    @Test func organizationsEdgeCases() throws {
        let standalone = Support.savedReplies([:], errors: [
            .organizationsFeatures: "An error occurred (AWSOrganizationsNotInUseException) when calling the ListOrganizationsFeatures operation: not in use",
        ])
        #expect(try Support.results(standalone)["organizations-root-access"]?.outcome == .notApplicable)
        let noTrust = Support.savedReplies([:], errors: [
            .organizationsFeatures: "An error occurred (ServiceAccessNotEnabledException) when calling the ListOrganizationsFeatures operation: x",
        ])
        #expect(try Support.results(noTrust)["organizations-root-access"]?.outcome == .fail)
        let onlyRecorded = Support.savedReplies([.organizationsFeatures: #"{"EnabledFeatures": ["RootCredentialsManagement"]}"#])
        #expect(try Support.results(onlyRecorded)["organizations-root-access"]?.reason.contains("RootSessions (privileged root actions) is off") == true)
    }

    /// A phone is always set, so without a confirmed number to compare the check settles nothing.
    @Test func phoneWithoutEvidenceIsUnknownAndAsksForIt() throws {
        let dir = Support.savedReplies([.contactInformation: #"{"ContactInformation": {"PhoneNumber": "+15555550100"}}"#])
        let result = try Support.results(dir)["kms-recovery-phone"]
        #expect(result?.outcome == .unknown)
        #expect(result?.reason.contains("no confirmed number is recorded") == true)
        let empty = Support.savedReplies([.contactInformation: #"{"ContactInformation": {"FullName": "x"}}"#])
        #expect(try Support.results(empty)["kms-recovery-phone"]?.outcome == .fail)
    }

    @Test func homeRegionEvidenceIsUsedForIdentityCenter() throws {
        let dir = Support.savedReplies([.identityCenterInstances: #"{"Instances": []}"#, .organization: Support.managementOrganization])
        var account = Support.account()
        account.items["identity-center-admin"] = ItemRecord(evidence: ["home-region": "ap-southeast-2"])
        #expect(try Support.results(dir, account: account)["identity-center-admin"]?.reason.contains("ap-southeast-2") == true)
    }

    @Test func wrongAccountIsRefused() {
        let dir = Support.savedReplies([.callerIdentity: #"{"Account": "999988887777"}"#])
        #expect(throws: VerifyError.wrongAccount(expected: "111122223333", actual: "999988887777")) {
            try Support.results(dir)
        }
        let missing = Support.tempDirectory()
        #expect(throws: VerifyError.self) { try Support.results(missing) }
    }

    @Test func onlyRunsTheRequestedItems() throws {
        let dir = Support.savedReplies([.accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}}"#])
        let list = try Verifier(source: FileReplies(directory: dir)).run(state: Support.account(), checklist: Support.checklist,
                                                                         only: ["root-mfa"], now: Support.now)
        #expect(list.map(\.itemID) == ["root-mfa"])
    }

    @Test func classifiesCLIErrors() {
        let cases: [(String, CallFailure.Kind)] = [
            ("Unable to locate credentials. You can configure credentials by running \"aws configure\".", .noCredentials),
            ("An error occurred (ExpiredTokenException) when calling the X operation: The security token included in the request is expired", .expiredCredentials),
            ("An error occurred (AccessDenied) when calling the GetAccountSummary operation: User is not authorized", .accessDenied),
            ("An error occurred (Throttling) when calling the X operation: Rate exceeded", .throttled),
            ("Could not connect to the endpoint URL: \"https://sso.nowhere-1.amazonaws.com/\"", .network),
            ("An error occurred (404) when calling the GetContactInformation operation: <!doctype html>", .unsupported),
            ("An error occurred (ResourceNotFoundException) when calling the GetAlternateContact operation: none", .notFound),
        ]
        for (stderr, kind) in cases {
            #expect(CallFailure.classify(stderr: stderr, exitCode: 254).kind == kind, "\(stderr)")
        }
    }
}

/// Saved replies are read with a cap, so a huge file is refused without filling memory.
@Suite struct SavedReplySizeTests {
    @Test func aHugeSavedReplyIsRefusedAsTooLarge() throws {
        let directory = Support.tempDirectory()
        let url = directory.appendingPathComponent(AWSCall.callerIdentity.fileName)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 200 * 1024 * 1024)
        try handle.close()
        guard case .failure(let failure) = FileReplies(directory: directory).reply(.callerIdentity, region: nil) else {
            Issue.record("a 200 MB reply was accepted")
            return
        }
        #expect(failure.kind == .malformed)
        #expect(failure.message.contains("too large"))
    }
}

/// Class: wrong verdicts on odd input. A credential report that is incomplete or ambiguous never
/// gives a pass; the truth table of the two root credential checks.
extension RecordedReplyTests {
    static let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

    static func rootRow(mfa: String = "true", key1: (String, String) = ("false", "N/A"), key2: (String, String) = ("false", "N/A"),
                        cert1: (String, String) = ("false", "N/A")) -> String {
        "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,\(mfa),\(key1.0),\(key1.1),N/A,N/A,N/A,\(key2.0),\(key2.1),N/A,N/A,N/A,\(cert1.0),\(cert1.1),false,N/A"
    }

    static func report(_ lines: [String], generated: Bool = true) -> String {
        let content = Data(lines.joined(separator: "\n").utf8).base64EncodedString()
        return #"{"Content": "\#(content)", "ReportFormat": "text/csv"\#(generated ? #", "GeneratedTime": "2027-01-15T07:30:00Z""# : "")}"#
    }

    func outcomes(summary: String?, report: String?) throws -> (mfa: CheckOutcome?, keys: CheckOutcome?) {
        var replies: [AWSCall: String] = [:]
        replies[.accountSummary] = summary
        replies[.credentialReport] = report
        let results = try Support.results(Support.savedReplies(replies))
        return (results["root-mfa"]?.outcome, results["no-root-access-keys"]?.outcome)
    }

    @Test func theRootCredentialChecksTruthTable() throws {
        let zero = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 0}}"#
        let one = #"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 1, "AccountSigningCertificatesPresent": 0}}"#
        let certificate = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 1}}"#
        let keysOnly = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}}"#
        let noKeys = Self.report([Self.header, Self.rootRow()])
        let inactiveKey = Self.report([Self.header, Self.rootRow(key2: ("false", "2025-03-01T00:00:00+00:00"))])
        let activeKey = Self.report([Self.header, Self.rootRow(key1: ("true", "2025-03-01T00:00:00+00:00"))])
        let noKeyColumns = Self.report([
            "user,arn,mfa_active", "<root_account>,arn:aws:iam::111122223333:root,true",
        ])
        let twoRoots = Self.report([Self.header, Self.rootRow(), Self.rootRow(key1: ("true", "2025-03-01T00:00:00+00:00"))])
        let shortRow = Self.report([Self.header, "<root_account>,arn:aws:iam::111122223333:root,x,x,x,x,x,true,false"])
        let oddValue = Self.report([Self.header, Self.rootRow(mfa: "maybe", key1: ("yes", "N/A"))])
        let noRoot = Self.report([Self.header])
        let undated = Self.report([Self.header, Self.rootRow()], generated: false)
        let undatedActive = Self.report([Self.header, Self.rootRow(key1: ("true", "2025-03-01T00:00:00+00:00"))], generated: false)
        let activeCertificate = Self.report([Self.header, Self.rootRow(cert1: ("true", "2025-03-01T00:00:00+00:00"))])
        let cases: [(String?, String?, CheckOutcome, CheckOutcome, String)] = [
            (zero, noKeys, .pass, .pass, "both agree"),
            (zero, nil, .pass, .pass, "the live summary alone is authoritative"),
            (zero, inactiveKey, .pass, .pass, "the live summary wins over an older report, saying so"),
            (zero, undatedActive, .pass, .unknown, "the summary and a report of unknown age disagree"),
            (certificate, noKeys, .pass, .fail, "a root signing certificate"),
            (keysOnly, activeCertificate, .pass, .fail, "no certificate count in the summary: the report shows one"),
            (keysOnly, nil, .pass, .unknown, "no certificate count and no report"),
            (nil, undated, .unknown, .unknown, "a report that does not say when it was made cannot stand alone"),
            (nil, Self.report([Self.header, Self.rootRow()]).replacingOccurrences(of: "2027-01-15T07:30:00Z", with: "2026-12-01T00:00:00Z"),
             .unknown, .unknown, "a report weeks old cannot stand alone for the account as it is now"),
            (one, noKeys, .fail, .fail, "the summary counts inactive keys too"),
            (nil, noKeys, .pass, .pass, "the report shows no key at all"),
            (nil, inactiveKey, .pass, .fail, "an inactive key still exists"),
            (nil, activeKey, .pass, .fail, "an active key"),
            (nil, noKeyColumns, .pass, .unknown, "the row lacks the access key columns"),
            (nil, twoRoots, .unknown, .unknown, "two root rows are ambiguous"),
            (nil, shortRow, .unknown, .unknown, "a truncated row"),
            (nil, oddValue, .unknown, .unknown, "values that are neither true nor false"),
            (nil, noRoot, .unknown, .unknown, "no root row"),
            (nil, nil, .unknown, .unknown, "no evidence at all"),
        ]
        for (summary, report, mfa, keys, label) in cases {
            let got = try outcomes(summary: summary, report: report)
            #expect(got.mfa == mfa, "root-mfa: \(label)")
            #expect(got.keys == keys, "no-root-access-keys: \(label)")
        }
    }
}

