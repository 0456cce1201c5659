@testable import AWSChecks
import ChecklistModel
import Foundation
import Testing

/// "A check never passes on partial evidence", as a property rather than a list of cases: every
/// passing set of saved replies of every check is damaged one reply at a time — the reply removed,
/// turned into an AWS error, every list in it emptied or cut short, every count or date in it made
/// impossible — and the outcome must never stay pass, unless that call is declared optional for
/// that check (README's check table lists them, with why). A new check gets this for free once a
/// passing case of it is added to `passingCases`.
@Suite struct PartialEvidenceTests {
    /// Calls (and damages) a check may take and still pass, each with why; README's check table says the same.
    /// A key is `item`, the value pairs a saved reply's name (a prefix) with the damages allowed (nil: all).
    static let optional: [String: [(reply: String, damages: Set<String>?, why: String)]] = [
        "root-mfa": [(AWSCall.mfaDevices.fileName, ["removed", "an AWS error"],
                      "root's device list is read for kinds and the count against the evidence; AccountMFAEnabled settles the item"),
                     (AWSCall.virtualMFADevices.fileName, nil,
                      "whether a virtual device is root's is a note for the reviewer: the hardware-MFA controls are not this item's"),
                     (AWSCall.accountSummary.fileName, nil, "a credential report under four hours old settles it on its own"),
                     (AWSCall.credentialReport.fileName, nil, "the live account summary settles it on its own")],
        "no-root-access-keys": [(AWSCall.credentialReport.fileName, nil,
                                 "the live account summary is authoritative; the report only confirms it, or names its age"),
                                (AWSCall.accountSummary.fileName, nil, "a credential report under four hours old settles it on its own")],
        "organizations-root-access": [
            (AWSCall.iamDelegatedAdministrators.fileName, nil, "delegated administrators are named for the reviewer only"),
            (AWSCall.organization.fileName, nil,
             "list-organizations-features answers only in an organization in all-features mode, from its management account or a delegated administrator: it settles the item on its own"),
            (AWSCall.organizationsFeatures.fileName, ["every list cut short"],
             "a shorter feature list is a real answer: without RootSessions the pass says what cannot be done"),
        ],
        "remove-root-credentials": [(AWSCall.organizationsFeatures.fileName, ["every list cut short"],
                                     "RootCredentialsManagement is what proves the removal lasts; RootSessions is not needed for it")],
        "identity-center-admin": [
            ("identitystore-describe-group-", nil, "a group's display name is for the reviewer: its members are what counts"),
            ("sso-admin-list-managed-policies-in-permission-set-ps-read", nil,
             "a permission set other than the one that grants administrator rights and is assigned: it is not the evidence"),
            ("sso-admin-get-inline-policy-for-permission-set-ps-read", nil, "likewise"),
            ("sso-admin-list-permission-sets-provisioned-to-account-", ["every list cut short"],
             "cutting the list drops the read-only set, which is not the evidence"),
            ("sso-admin-list-permission-sets.json", ["every list cut short"],
             "cutting the list drops the read-only set, which is not the evidence"),
        ],
    ]

    static func mayStayPass(_ item: String, _ reply: String, _ damage: String) -> Bool {
        (optional[item] ?? []).contains { reply.hasPrefix($0.reply) && ($0.damages?.contains(damage) ?? true) }
    }

    /// A source that notes which saved reply each call was answered from.
    final class Recording: ReplySource, @unchecked Sendable {
        let base: FileReplies
        let tag: String
        private(set) var asked: [String] = []
        var source: CheckSource { base.source }
        init(_ base: FileReplies, tag: String) {
            self.base = base
            self.tag = tag
        }
        func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
            asked.append(call.fileName)
            return base.reply(call, region: region)
        }
    }

    struct Case {
        var name: String
        var item: String
        var replies: [AWSCall: String]
        /// A fleet run's management account, when the member is checked through it.
        var management: [AWSCall: String]?
        var evidence: [String: String] = [:]
        /// Checked under an assume-root audit session.
        var asRoot = false
    }

    static let summaryAllClear = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 0, "AccountPasswordPresent": 1}}"#
    static let noCredentials = #"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 0, "AccountSigningCertificatesPresent": 0}}"#
    static let managed = #"{"OrganizationId": "o-abc", "EnabledFeatures": ["RootCredentialsManagement", "RootSessions"]}"#

    static var passingCases: [Case] {
        var management = Support.identityCenter()
        for (call, reply) in CheckTruthTableTests.monitoring() { management[call] = reply }
        management[.organization] = #"{"Organization": {"Id": "o-abc", "MasterAccountId": "111122223333", "MasterAccountEmail": "aws-root@corp.example", "FeatureSet": "ALL"}}"#
        management[.accountSummary] = summaryAllClear
        management[.credentialReport] = Support.credentialReport(mfa: "true", key1: "false", key2: "false")
        management[.virtualMFADevices] = #"{"VirtualMFADevices": []}"#
        management[.contactInformation] = #"{"ContactInformation": {"FullName": "Ops", "PhoneNumber": "+1 555-555-0100"}}"#
        management[.securityContact] = #"{"AlternateContact": {"AlternateContactType": "SECURITY", "EmailAddress": "sec@example.com"}}"#
        management[.organizationsFeatures] = managed
        management[.iamDelegatedAdministrators] = #"{"DelegatedAdministrators": []}"#
        let rootOwn: [AWSCall: String] = [
            .accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 1, "AccountSigningCertificatesPresent": 0, "AccountPasswordPresent": 1}}"#,
            .mfaDevices: #"{"MFADevices": [{"SerialNumber": "arn:aws:iam::111122223333:u2f/root/yubi-1"}, {"SerialNumber": "GAHT12345678"}]}"#,
            .currentUser: #"{"User": {"UserName": "root", "PasswordLastUsed": "2026-05-01T10:00:00Z"}}"#,
            .accessKeys: #"{"AccessKeyMetadata": [{"AccessKeyId": "AKIAEXAMPLEROOTKEY01", "Status": "Inactive"}]}"#,
            .accessKeyLastUsed("AKIAEXAMPLEROOTKEY01"): #"{"AccessKeyLastUsed": {"LastUsedDate": "2026-04-01T00:00:00Z"}}"#,
        ]
        var cases: [Case] = [
            Case(name: "root MFA as root", item: "root-mfa", replies: rootOwn, evidence: ["device-count": "2"], asRoot: true),
            Case(name: "signed out, as root", item: "sign-out-root", replies: rootOwn, evidence: ["signed-out-on": "2026-06-01"], asRoot: true),
            Case(name: "root MFA", item: "root-mfa", replies: management),
            Case(name: "no root access keys", item: "no-root-access-keys", replies: management),
            Case(name: "Identity Center admin", item: "identity-center-admin", replies: management, evidence: ["admin-user": "alice"]),
            Case(name: "recovery phone", item: "kms-recovery-phone", replies: management, evidence: ["phone": "+15555550100"]),
            Case(name: "security contact", item: "security-contact", replies: management, evidence: ["email": "sec@example.com"]),
            Case(name: "root usage monitored", item: "monitor-root-usage", replies: management),
            Case(name: "centralized root access", item: "organizations-root-access", replies: management),
            Case(name: "team root email", item: "group-root-email", replies: management, evidence: ["address": "aws-root@corp.example"]),
            Case(name: "signed out", item: "sign-out-root", replies: management, evidence: ["signed-out-on": "2026-06-01"]),
        ]
        // A member checked from the management account: removal proven, its root email read there.
        let memberOwn: [AWSCall: String] = [.callerIdentity: #"{"Account": "111122223333", "Arn": "arn:aws:sts::111122223333:root"}"#,
                                            .accountSummary: noCredentials]
        let memberManagement: [AWSCall: String] = [
            .organization: Support.memberOrganization, .organizationsFeatures: managed,
            .organizationAccount("111122223333"): #"{"Account": {"Id": "111122223333", "Status": "ACTIVE"}}"#,
            .primaryEmail(account: "111122223333"): #"{"PrimaryEmail": "aws-root@corp.example"}"#,
        ]
        cases.append(Case(name: "member credentials removed", item: "remove-root-credentials", replies: memberOwn, management: memberManagement))
        cases.append(Case(name: "member root email", item: "group-root-email", replies: memberOwn, management: memberManagement,
                          evidence: ["address": "aws-root@corp.example"]))
        return cases
    }

    /// Runs one item's check alone on the saved replies (the run's other calls, such as detecting the
    /// account's kind, are not the check's evidence); its verdict and the calls it was answered from.
    func run(_ testCase: Case, member: URL, management: URL?) -> (Verdict, [(String, URL)]) {
        let own = Recording(FileReplies(directory: member), tag: "member")
        let boss = management.map { Recording(FileReplies(directory: $0), tag: "management") }
        let source: any ReplySource = boss.map { RoutedReplies(member: own, management: $0, accountID: "111122223333") } ?? own
        let context = CheckContext(accountID: "111122223333", record: ItemRecord(evidence: testCase.evidence), region: nil,
                                   replies: ReplyCache(source: source, region: nil), now: Support.now, callerIsRoot: testCase.asRoot)
        let item = Support.checklist.item(testCase.item)!
        let verdict = Checks.evaluate(item.check!, context: context)
        var asked = own.asked.map { ($0, member) }
        if let boss, let management { asked += boss.asked.map { ($0, management) } }
        return (verdict, asked)
    }

    /// The damaged versions of one reply's text (nil: the reply removed; "": an AWS error).
    static func damaged(_ reply: String) -> [(String, String?)] {
        var versions: [(String, String?)] = [("removed", nil), ("an AWS error", "")]
        guard let object = try? JSONParser.parse(Data(reply.utf8)) else { return versions }
        func transform(_ value: JSONValue, _ change: (JSONValue) -> JSONValue?) -> JSONValue {
            if let replaced = change(value) { return replaced }
            switch value {
            case .array(let elements): return .array(elements.map { transform($0, change) })
            case .object(let members): return .object(members.mapValues { transform($0, change) })
            default: return value
            }
        }
        let emptied = transform(object) { $0.array.map { _ in .array([]) } }
        let shortened = transform(object) { value in value.array.flatMap { $0.count > 1 ? .array(Array($0.dropLast())) : nil } }
        let negative = transform(object) { value in value.number.map { _ in .number(JSONNumber(-1)) } }
        let badDates = transform(object) { value in
            guard let string = value.string, string.count >= 10, ISODate.parseAnyForm(string) != nil else { return nil }
            return .string("2026-13-45T99:99:99Z")
        }
        for (name, version) in [("every list emptied", emptied), ("every list cut short", shortened),
                                ("every count below zero", negative), ("every date impossible", badDates)] where version != object {
            versions.append((name, String(decoding: JSONPrettyWriter.bytes(version), as: UTF8.self)))
        }
        return versions
    }

    /// Every check has a passing case here, so none escapes the property.
    @Test func everyCheckHasAPassingCase() {
        let covered = Set(Self.passingCases.compactMap { Support.checklist.item($0.item)?.check })
        #expect(covered == Set(CheckName.allCases), "checks without a passing case: \(Set(CheckName.allCases).subtracting(covered).sorted())")
    }

    @Test(arguments: passingCases.indices)
    func damagedEvidenceNeverStaysAPass(index: Int) throws {
        let testCase = Self.passingCases[index]
        let member = Support.savedReplies(testCase.replies)
        let management = testCase.management.map { Support.savedReplies($0) }
        let (baseline, asked) = run(testCase, member: member, management: management)
        try #require(baseline.outcome == .pass, "\(testCase.name): the undamaged case must pass: \(baseline.reason)")
        var seen: Set<String> = []
        for (fileName, directory) in asked where seen.insert("\(directory.path)/\(fileName)").inserted {
            let original = directory.appendingPathComponent(fileName)
            guard let text = try? String(contentsOf: original, encoding: .utf8) else { continue }
            let errorFile = directory.appendingPathComponent(String(fileName.dropLast(5)) + ".error")
            for (damage, version) in Self.damaged(text) {
                try? FileManager.default.removeItem(at: original)
                switch (damage, version) {
                case (_, nil): break
                case ("an AWS error", _):
                    try Data("An error occurred (AccessDenied) when calling the Operation operation: denied".utf8).write(to: errorFile)
                case (_, let changed?): try Data(changed.utf8).write(to: original)
                }
                let (damagedResult, _) = run(testCase, member: member, management: management)
                if !Self.mayStayPass(testCase.item, fileName, damage) {
                    #expect(damagedResult.outcome != .pass, "\(testCase.name): \(fileName) with \(damage) still passes: \(damagedResult.reason)")
                }
                try? FileManager.default.removeItem(at: errorFile)
                try Data(text.utf8).write(to: original)
            }
        }
    }
}
