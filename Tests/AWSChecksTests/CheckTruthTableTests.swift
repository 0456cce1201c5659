@testable import AWSChecks
import ChecklistModel
import Foundation
import Testing

/// Pass, fail, unknown and not-applicable for each check, on every kind of account. No case sees a
/// pass where the authoritative call failed.
@Suite struct CheckTruthTableTests {
    func result(_ check: String, _ replies: [AWSCall: String], errors: [AWSCall: String] = [:],
                evidence: [String: String] = [:], item: String? = nil) throws -> CheckResult {
        var account = Support.account()
        let itemID = item ?? check
        account.items[itemID] = ItemRecord(evidence: evidence)
        return try #require(try Support.results(Support.savedReplies(replies, errors: errors), account: account)[itemID])
    }

    static let noCredentials = #"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 0, "AccountSigningCertificatesPresent": 0}}"#
    static let passwordOnly = #"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 1, "AccountSigningCertificatesPresent": 0}}"#

    static let managed = #"{"OrganizationId": "o-abc", "EnabledFeatures": ["RootCredentialsManagement", "RootSessions"]}"#
    static let unmanaged = #"{"OrganizationId": "o-abc", "EnabledFeatures": []}"#
    static let notManagement = "An error occurred (AccountNotManagementOrDelegatedAdministrator) when calling the ListOrganizationsFeatures operation: no"

    @Test func rootMFA() throws {
        let member = try result("root-mfa", [.organization: Support.memberOrganization, .accountSummary: Self.noCredentials,
                                             .organizationsFeatures: Self.managed])
        #expect(member.outcome == .notApplicable, "a member with no root credentials in an organization that manages them: \(member.reason)")
        #expect(member.reason.contains("no root credentials"))
        // No credentials today is no proof they stay gone: unknown, never a fail, and never not applicable.
        for (name, replies, errors) in [("feature off", [AWSCall.organizationsFeatures: Self.unmanaged], [AWSCall: String]()),
                                        ("feature unreadable", [:], [.organizationsFeatures: Self.notManagement]),
                                        ("no reply", [:], [:])] {
            var all = replies
            all[.organization] = Support.memberOrganization
            all[.accountSummary] = Self.noCredentials
            let unproven = try result("root-mfa", all, errors: errors)
            #expect(unproven.outcome == .unknown, "\(name): \(unproven.reason)")
            #expect(unproven.reason.contains("recoverable through the root email"), "\(name): \(unproven.reason)")
        }
        let memberWithPassword = try result("root-mfa", [.organization: Support.memberOrganization, .accountSummary: Self.passwordOnly,
                                                         .organizationsFeatures: Self.managed])
        #expect(memberWithPassword.outcome == .fail, "a member that still has a root password needs MFA")
        let standalone = try result("root-mfa", [.accountSummary: Self.noCredentials], errors: [.organization: Support.notInOrganization])
        #expect(standalone.outcome == .unknown, "no credential to protect now, but the root email recovers one: \(standalone.reason)")
        #expect(standalone.reason.contains("recoverable through the root email"))
        let virtual = try result("root-mfa", [
            .accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 1}}"#,
            .virtualMFADevices: #"{"VirtualMFADevices": [{"SerialNumber": "arn:aws:iam::111122223333:mfa/root-account-mfa-device", "User": {"Arn": "arn:aws:iam::111122223333:root"}}]}"#,
        ])
        #expect(virtual.outcome == .pass)
        #expect(virtual.reason.contains("virtual MFA device is assigned to root"), "the reviewer sees it: \(virtual.reason)")
        let govCloud = try result("root-mfa", [
            .accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 1}}"#,
            .virtualMFADevices: #"{"VirtualMFADevices": [{"SerialNumber": "arn:aws-us-gov:iam::111122223333:mfa/phone", "User": {"Arn": "arn:aws-us-gov:iam::111122223333:root"}}]}"#,
        ])
        #expect(govCloud.reason.contains("virtual MFA device is assigned to root"), "the root ARN in another partition: \(govCloud.reason)")
        let unknownVirtual = try result("root-mfa", [.accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 1}}"#])
        #expect(unknownVirtual.reason.contains("unknown"), "\(unknownVirtual.reason)")
    }

    /// Under an assume-root audit session (the caller is the account's root), where the credential
    /// report and the virtual-device list are denied: root's own devices and last uses, live.
    func asRoot(_ item: String, _ replies: [AWSCall: String], evidence: [String: String] = [:]) throws -> CheckResult {
        var all = replies
        all[.callerIdentity] = #"{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:root"}"#
        var account = Support.account()
        account.items[item] = ItemRecord(evidence: evidence)
        return try #require(try Support.results(Support.savedReplies(all), account: account)[item])
    }

    @Test func underAnAssumeRootSession() throws {
        let summary = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}}"#
        let devices = #"{"MFADevices": [{"SerialNumber": "arn:aws:iam::111122223333:u2f/root/yubi-1"}, {"SerialNumber": "GAHT12345678"}]}"#
        let two = try asRoot("root-mfa", [.accountSummary: summary, .mfaDevices: devices], evidence: ["device-count": "2"])
        #expect(two.outcome == .pass && two.reason.contains("1 hardware TOTP, 1 passkey or security key"), "\(two.reason)")
        let fewer = try asRoot("root-mfa", [.accountSummary: summary, .mfaDevices: #"{"MFADevices": [{"SerialNumber": "arn:aws:iam::111122223333:mfa/phone"}]}"#],
                               evidence: ["device-count": "2"])
        #expect(fewer.outcome == .fail && fewer.reason.contains("evidence records 2"), "\(fewer.reason)")
        #expect(try asRoot("root-mfa", [.accountSummary: summary, .mfaDevices: #"{"MFADevices": []}"#]).outcome == .unknown)

        let signedOut = ["signed-out-on": "2026-06-01"]
        let user = #"{"User": {"UserName": "root", "PasswordLastUsed": "2026-05-01T10:00:00Z"}}"#
        let key = #"{"AccessKeyMetadata": [{"AccessKeyId": "AKIAEXAMPLEROOTKEY01", "Status": "Inactive"}]}"#
        let keyUse = AWSCall.accessKeyLastUsed("AKIAEXAMPLEROOTKEY01")
        let oneKey = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 1}}"#
        #expect(try asRoot("sign-out-root", [.accountSummary: oneKey, .currentUser: user, .accessKeys: key,
                                             keyUse: #"{"AccessKeyLastUsed": {"LastUsedDate": "2026-04-01T00:00:00Z"}}"#], evidence: signedOut).outcome == .pass)
        #expect(try asRoot("sign-out-root", [.accountSummary: summary, .currentUser: user, .accessKeys: key,
                                             keyUse: #"{"AccessKeyLastUsed": {"LastUsedDate": "2026-04-01T00:00:00Z"}}"#], evidence: signedOut).outcome == .unknown,
                "the summary and the list disagree")
        let usedAfter = try asRoot("sign-out-root", [.accountSummary: oneKey, .currentUser: user, .accessKeys: key, keyUse: #"{"AccessKeyLastUsed": {"LastUsedDate": "2026-07-01T00:00:00Z"}}"#],
                                   evidence: signedOut)
        #expect(usedAfter.outcome == .fail, "\(usedAfter.reason)")
        #expect(try asRoot("sign-out-root", [.accountSummary: oneKey, .currentUser: user, .accessKeys: key], evidence: signedOut).outcome == .unknown,
                "a key whose last use cannot be read")
        #expect(try asRoot("sign-out-root", [.accountSummary: summary, .currentUser: #"{"User": {"UserName": "root"}}"#, .accessKeys: #"{"AccessKeyMetadata": []}"#],
                           evidence: signedOut).outcome == .pass, "never used")
    }

    /// The member item "Remove the root user credentials" passes only on the proof: no credential
    /// in the summary, and an organization that manages root credentials.
    @Test func removeRootCredentials() throws {
        func check(_ replies: [AWSCall: String], _ errors: [AWSCall: String] = [:]) throws -> CheckResult {
            try result("remove-root-credentials", replies, errors: errors)
        }
        let member = Support.memberOrganization
        #expect(try check([.organization: Support.managementOrganization]).outcome == .notApplicable)
        #expect(try check([:], [.organization: Support.notInOrganization]).outcome == .notApplicable)
        let present = try check([.organization: member, .accountSummary: Self.passwordOnly, .organizationsFeatures: Self.managed])
        #expect(present.outcome == .fail && present.reason.contains("password 1"), "\(present.reason)")
        #expect(try check([.organization: member, .accountSummary: Self.noCredentials, .organizationsFeatures: Self.managed]).outcome == .pass)
        let unmanaged = try check([.organization: member, .accountSummary: Self.noCredentials, .organizationsFeatures: Self.unmanaged])
        #expect(unmanaged.outcome == .fail && unmanaged.reason.contains("root email can recover"), "\(unmanaged.reason)")
        let unreadable = try check([.organization: member, .accountSummary: Self.noCredentials], [.organizationsFeatures: Self.notManagement])
        #expect(unreadable.outcome == .unknown && unreadable.reason.contains("verify --all"), "\(unreadable.reason)")
        #expect(try check([.organization: member, .organizationsFeatures: Self.managed]).outcome == .unknown, "no summary")
        #expect(try check([:]).outcome == .unknown, "the organization unknown")
    }

    /// In a fleet run, removal is recorded on the member only with the same proof; anything less
    /// records present, so an earlier "removed" is not kept.
    @Test func aFleetRunRecordsRemovedCredentialsOnlyOnProof() throws {
        for (features, expected) in [(Self.managed, RootCredentials.removed), (Self.unmanaged, .present)] {
            let management = Support.savedReplies([.organization: Support.memberOrganization, .organizationsFeatures: features,
                                                   .organizationAccount("111122223333"): #"{"Account": {"Id": "111122223333"}}"#])
            let memberDirectory = Support.savedReplies([.callerIdentity: #"{"Account": "111122223333", "Arn": "arn:aws:sts::111122223333:root"}"#,
                                                        .accountSummary: Self.noCredentials])
            let routed = RoutedReplies(member: FileReplies(directory: memberDirectory), management: FileReplies(directory: management),
                                       accountID: "111122223333")
            let run = try Verifier(source: routed).verify(state: Support.account(), checklist: Support.checklist, now: Support.now)
            #expect(run.detected?.rootCredentials == expected)
            let removal = try #require(run.results.first { $0.itemID == "remove-root-credentials" }?.result)
            #expect(removal.outcome == (expected == .removed ? .pass : .fail), "\(removal.reason)")
        }
    }

    /// A count no account summary can hold (below zero, a fraction) is no evidence: never a pass.
    @Test func impossibleCountsAreUnknown() throws {
        for value in ["-1", "0.5", "\"0\"", "null", "1e300"] {
            let summary = #"{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": \#(value), "AccountPasswordPresent": 1, "AccountSigningCertificatesPresent": 0}}"#
            let keys = try result("no-root-access-keys", [.accountSummary: summary, .organization: Support.managementOrganization])
            #expect(keys.outcome == .unknown, "AccountAccessKeysPresent \(value): \(keys.outcome) \(keys.reason)")
            let mfaSummary = #"{"SummaryMap": {"AccountMFAEnabled": \#(value), "AccountAccessKeysPresent": 0}}"#
            let mfa = try result("root-mfa", [.accountSummary: mfaSummary, .organization: Support.managementOrganization])
            #expect(mfa.outcome != .pass, "AccountMFAEnabled \(value): \(mfa.reason)")
        }
    }

    /// In a fleet run a member's Identity Center administrator is read from the management account
    /// (the organization instance lives there): the member's own source is never asked.
    @Test func identityCenterAdminOfAMemberFromTheManagementAccount() throws {
        var management = Support.identityCenter(owner: "999900001111")
        management[.organization] = Support.memberOrganization
        management[.organizationAccount("111122223333")] = #"{"Account": {"Id": "111122223333", "Status": "ACTIVE"}}"#
        let managementDirectory = Support.savedReplies(management)
        // The member's own replies: only IAM, as an assume-root session would give.
        let memberDirectory = Support.savedReplies([.callerIdentity: #"{"Account": "111122223333", "Arn": "arn:aws:sts::111122223333:root"}"#])
        let routed = RoutedReplies(member: FileReplies(directory: memberDirectory), management: FileReplies(directory: managementDirectory),
                                   accountID: "111122223333")
        var account = Support.account()
        account.items["identity-center-admin"] = ItemRecord(evidence: ["admin-user": "alice"])
        let run = try Verifier(source: routed).verify(state: account, checklist: Support.checklist, now: Support.now)
        let found = try #require(run.results.first { $0.itemID == "identity-center-admin" }?.result)
        #expect(found.outcome == .pass, "\(found.reason)")
        #expect(run.detected?.kind == .member, "organizations is asked from the management account too")
        // Without routing, a member's check stays unknown and says how to settle it.
        let alone = try result("identity-center-admin", [.organization: Support.memberOrganization])
        #expect(alone.outcome == .unknown && alone.reason.contains("--role-name or --assume-root"), "\(alone.reason)")
    }

    /// In a fleet run Organizations answers from the management account: an account it does not
    /// name as its own (standalone, another organization's) is never recorded as its member.
    @Test func aFleetRunRecordsAMemberOnlyWhenTheManagementAccountNamesIt() throws {
        let own = #"{"Account": {"Id": "111122223333", "Status": "ACTIVE"}}"#
        let cases: [(String, [AWSCall: String], [AWSCall: String], AccountKind?)] = [
            ("confirmed", [.organizationAccount("111122223333"): own], [:], .member),
            ("not in its organization", [:],
             [.organizationAccount("111122223333"): "An error occurred (AccountNotFoundException) when calling the DescribeAccount operation: not found"],
             nil),
            ("denied", [:],
             [.organizationAccount("111122223333"): "An error occurred (AccessDeniedException) when calling the DescribeAccount operation: no"],
             nil),
            ("no reply", [:], [:], nil),
            ("another account named", [.organizationAccount("111122223333"): #"{"Account": {"Id": "444455556666"}}"#], [:], nil),
        ]
        for (name, replies, errors, kind) in cases {
            var management = replies
            management[.organization] = Support.memberOrganization
            let memberDirectory = Support.savedReplies([.callerIdentity: #"{"Account": "111122223333", "Arn": "arn:aws:sts::111122223333:root"}"#,
                                                        .accountSummary: #"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 0, "AccountSigningCertificatesPresent": 0}}"#])
            let routed = RoutedReplies(member: FileReplies(directory: memberDirectory),
                                       management: FileReplies(directory: Support.savedReplies(management, errors: errors)),
                                       accountID: "111122223333")
            let run = try Verifier(source: routed).verify(state: Support.account(), checklist: Support.checklist, now: Support.now)
            #expect(run.detected?.kind == kind, "\(name)")
            if kind == nil {
                let mfa = try #require(run.results.first { $0.itemID == "root-mfa" }?.result)
                #expect(mfa.outcome != .pass && mfa.outcome != .notApplicable, "\(name): \(mfa.reason)")
            }
        }
    }

    @Test func identityCenterAdmin() throws {
        let alice = ["admin-user": "alice"]
        var full = Support.identityCenter()
        full[.organization] = Support.managementOrganization
        let passed = try result("identity-center-admin", full, evidence: alice)
        #expect(passed.outcome == .pass, "\(passed.reason)")
        #expect(passed.reason.contains("group Admins") && passed.reason.contains("alice"))
        let unrecorded = try result("identity-center-admin", full)
        #expect(unrecorded.outcome == .unknown && unrecorded.reason.contains("record the administrator"), "\(unrecorded.reason)")
        let someoneElse = try result("identity-center-admin", full, evidence: ["admin-user": "bob"])
        #expect(someoneElse.outcome == .fail && someoneElse.reason.contains("does not include the recorded administrator bob"), "\(someoneElse.reason)")

        // A group with no member gives nobody access.
        var emptyGroup = full
        emptyGroup[.groupMemberships(store: "d-1", group: "g-1")] = #"{"GroupMemberships": []}"#
        #expect(try result("identity-center-admin", emptyGroup, evidence: alice).outcome == .fail)
        // Assigned but not provisioned to the account grants nothing yet.
        var unprovisioned = full
        unprovisioned[.provisionedSets(instance: Support.instance, account: "111122223333")] = #"{"PermissionSets": ["\#(Support.readSet)"]}"#
        let notProvisioned = try result("identity-center-admin", unprovisioned, evidence: alice)
        #expect(notProvisioned.outcome == .fail && notProvisioned.reason.contains("not provisioned"), "\(notProvisioned.reason)")
        // A user assigned directly.
        var direct = full
        direct[.accountAssignments(instance: Support.instance, account: "111122223333", permissionSet: Support.adminSet)] =
            #"{"AccountAssignments": [{"AccountId": "111122223333", "PermissionSetArn": "\#(Support.adminSet)", "PrincipalType": "USER", "PrincipalId": "u-1"}]}"#
        #expect(try result("identity-center-admin", direct, evidence: alice).outcome == .pass)

        var accountInstanceOnly = Support.identityCenter(owner: "444455556666")
        accountInstanceOnly[.organization] = Support.managementOrganization
        let accountInstance = try result("identity-center-admin", accountInstanceOnly, evidence: alice)
        #expect(accountInstance.outcome == .fail, "an account instance grants no access: \(accountInstance.reason)")

        var standaloneReplies = Support.identityCenter()
        standaloneReplies[.organization] = nil
        let standalone = try result("identity-center-admin", standaloneReplies, errors: [.organization: Support.notInOrganization], evidence: alice)
        #expect(standalone.outcome == .fail)

        var unassigned = Support.identityCenter(assigned: false)
        unassigned[.organization] = Support.managementOrganization
        let noAssignment = try result("identity-center-admin", unassigned, evidence: alice)
        #expect(noAssignment.outcome == .fail, "an instance without an administrator assignment: \(noAssignment.reason)")

        // Rights, not names: a set named as the evidence says but without administrator rights is no administrator.
        var noAdmin = Support.identityCenter(adminPolicy: false)
        noAdmin[.organization] = Support.managementOrganization
        #expect(try result("identity-center-admin", noAdmin, evidence: alice).outcome == .fail)
        let named = try result("identity-center-admin", noAdmin, evidence: ["permission-set": "PlatformAdmin", "admin-user": "alice"])
        #expect(named.outcome == .fail, "a name proves nothing: \(named.reason)")
        // An inline policy allowing everything is administrator rights.
        var inline = noAdmin
        inline[.inlinePolicy(instance: Support.instance, permissionSet: Support.adminSet)] =
            #"{"InlinePolicy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}"}"#
        #expect(try result("identity-center-admin", inline, evidence: alice).outcome == .pass)

        let member = try result("identity-center-admin", [.organization: Support.memberOrganization])
        #expect(member.outcome == .unknown)
        #expect(member.reason.contains("management account"))

        var noOwner = Support.identityCenter(owner: nil)
        noOwner[.organization] = Support.managementOrganization
        #expect(try result("identity-center-admin", noOwner, evidence: alice).outcome == .unknown)

        var failing = Support.identityCenter()
        failing[.organization] = Support.managementOrganization
        failing[.accountAssignments(instance: Support.instance, account: "111122223333", permissionSet: Support.adminSet)] = nil
        let assignmentsFailed = try result("identity-center-admin", failing, errors: [
            .accountAssignments(instance: Support.instance, account: "111122223333", permissionSet: Support.adminSet):
                "An error occurred (AccessDeniedException) when calling the ListAccountAssignments operation: no",
        ], evidence: alice)
        #expect(assignmentsFailed.outcome == .unknown, "the authoritative call failed: \(assignmentsFailed.reason)")
    }

    @Test func kmsRecoveryPhone() throws {
        let contact = [AWSCall.contactInformation: #"{"ContactInformation": {"PhoneNumber": "+15555550100"}, "VerificationStatus": "VERIFIED"}"#]
        #expect(try result("kms-recovery-phone", contact, evidence: ["phone": "+15555550100"]).outcome == .pass)
        #expect(try result("kms-recovery-phone", contact, evidence: ["phone": "+15555550111"]).outcome == .fail)
        let unrecorded = try result("kms-recovery-phone", contact)
        #expect(unrecorded.outcome == .unknown, "no recorded phone: \(unrecorded.reason)")
        #expect(try result("kms-recovery-phone", [:], errors: [.contactInformation: "An error occurred (AccessDeniedException) when calling the GetContactInformation operation: x"],
                           evidence: ["phone": "+15555550100"]).outcome == .unknown)
    }

    @Test func organizationsRootAccess() throws {
        let enabled = #"{"EnabledFeatures": ["RootCredentialsManagement", "RootSessions"]}"#
        #expect(try result("organizations-root-access", [.organization: Support.managementOrganization, .organizationsFeatures: enabled]).outcome == .pass)
        let member = try result("organizations-root-access", [.organization: Support.memberOrganization, .organizationsFeatures: enabled])
        #expect(member.outcome == .unknown, "asked from a member: \(member.reason)")
        #expect(member.reason.contains("management account"))
        let consolidated = #"{"Organization": {"Id": "o-abc", "MasterAccountId": "111122223333", "FeatureSet": "CONSOLIDATED_BILLING"}}"#
        #expect(try result("organizations-root-access", [.organization: consolidated, .organizationsFeatures: enabled]).outcome == .fail)
        for code in ["OrganizationNotInAllFeaturesMode", "OrganizationNotInAllFeaturesModeException"] {
            let error = "An error occurred (\(code)) when calling the ListOrganizationsFeatures operation: x"
            #expect(try result("organizations-root-access", [.organization: Support.managementOrganization],
                               errors: [.organizationsFeatures: error]).outcome == .fail, "\(code)")
        }
        for code in ["AccountNotManagementOrDelegatedAdministrator", "AccountNotManagementOrDelegatedAdministratorException"] {
            let error = "An error occurred (\(code)) when calling the ListOrganizationsFeatures operation: x"
            #expect(try result("organizations-root-access", [:], errors: [.organizationsFeatures: error]).outcome == .unknown, "\(code)")
        }
        #expect(try result("organizations-root-access", [:], errors: [.organization: Support.notInOrganization]).outcome == .notApplicable)
        // Management without privileged root actions: a pass that says what cannot be done; delegated administrators named.
        let withoutSessions = try result("organizations-root-access", [
            .organization: Support.managementOrganization, .organizationsFeatures: #"{"EnabledFeatures": ["RootCredentialsManagement"]}"#,
            .iamDelegatedAdministrators: #"{"DelegatedAdministrators": [{"Id": "222233334444", "Name": "security"}]}"#])
        #expect(withoutSessions.outcome == .pass)
        #expect(withoutSessions.reason.contains("RootSessions (privileged root actions) is off"), "\(withoutSessions.reason)")
        #expect(withoutSessions.reason.contains("delegated administrators for IAM: 222233334444 (security)"), "\(withoutSessions.reason)")
        let unlisted = try result("organizations-root-access", [.organization: Support.managementOrganization, .organizationsFeatures: enabled])
        #expect(unlisted.reason.contains("delegated administrators for IAM unknown"), "\(unlisted.reason)")
    }

    @Test func signOutRoot() throws {
        func report(passwordLastUsed: String) -> String {
            let header = "user,arn,password_last_used,access_key_1_last_used_date,access_key_2_last_used_date"
            let row = "<root_account>,arn:aws:iam::111122223333:root,\(passwordLastUsed),N/A,N/A"
            return #"{"Content": "\#(Data((header + "\n" + row).utf8).base64EncodedString())", "GeneratedTime": "2027-01-15T06:00:00Z"}"#
        }
        let before = [AWSCall.credentialReport: report(passwordLastUsed: "2026-11-01T09:00:00+00:00")]
        #expect(try result("sign-out-root", before, evidence: ["signed-out-on": "2026-11-01"]).outcome == .pass)
        #expect(try result("sign-out-root", before, evidence: ["signed-out-on": "2026-10-31"]).outcome == .fail)
        #expect(try result("sign-out-root", before).outcome == .unknown, "no sign-out date recorded")
        let never = [AWSCall.credentialReport: report(passwordLastUsed: "no_information")]
        #expect(try result("sign-out-root", never, evidence: ["signed-out-on": "2026-11-01"]).outcome == .pass)
        #expect(try result("sign-out-root", [:], evidence: ["signed-out-on": "2026-11-01"]).outcome == .unknown, "no report")
    }
}

/// Root-usage monitoring: the whole chain, or nothing passes.
extension CheckTruthTableTests {
    static let trail = trail(account: "111122223333")
    static let topic = topic(account: "111122223333")
    static func trail(account: String) -> String { "arn:aws:cloudtrail:us-east-1:\(account):trail/main" }
    static func topic(account: String) -> String { "arn:aws:sns:us-east-1:\(account):security" }
    static let cisPattern = #"{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"#
    static let allManagementEvents = #"{"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}]}"#

    static func monitoring(account: String = "111122223333", logging: Bool = true, pattern: String = cisPattern, actions: Bool = true,
                           subscription: String? = nil, threshold: String = "1", comparison: String = "GreaterThanOrEqualToThreshold",
                           selectors: String = allManagementEvents, delivered: String? = "2027-01-15T07:55:00Z", deliveryError: String = "",
                           logGroupAccount: String? = nil) -> [AWSCall: String] {
        let trail = trail(account: account), topic = topic(account: account)
        let deliveryTime = delivered.map { #", "LatestCloudWatchLogsDeliveryTime": "\#($0)""# } ?? ""
        return [
            .trails: #"{"trailList": [{"Name": "main", "TrailARN": "\#(trail)", "HomeRegion": "us-east-1", "IsMultiRegionTrail": true, "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:\#(logGroupAccount ?? account):log-group:trail-logs:*"}]}"#,
            .trailStatus(trail): #"{"IsLogging": \#(logging), "LatestCloudWatchLogsDeliveryError": "\#(deliveryError)"\#(deliveryTime)}"#,
            .eventSelectors(trail): selectors,
            .metricFilters(logGroup: "trail-logs"): #"{"metricFilters": [{"filterName": "root", "filterPattern": "\#(pattern)", "metricTransformations": [{"metricName": "RootUsage", "metricNamespace": "CIS", "metricValue": "1"}]}]}"#,
            .alarms(metric: "RootUsage", namespace: "CIS"): #"{"MetricAlarms": [{"AlarmName": "root", "ActionsEnabled": true, "Threshold": \#(threshold), "ComparisonOperator": "\#(comparison)", "AlarmActions": [\#(actions ? "\"\(topic)\"" : "")]}]}"#,
            .subscriptions(topic: topic): #"{"Subscriptions": [{"SubscriptionArn": "\#(subscription ?? topic + ":abc")", "Protocol": "email", "Endpoint": "sec@example.com"}]}"#,
            .eventRules: #"{"Rules": []}"#,
        ]
    }

    @Test func monitorRootUsage() throws {
        let whole = try result("monitor-root-usage", Self.monitoring())
        #expect(whole.outcome == .pass, "\(whole.reason)")
        #expect(whole.reason.contains("confirmed email subscription"))
        let cases: [(String, [AWSCall: String], CheckOutcome, String)] = [
            ("not logging", Self.monitoring(logging: false), .fail, "not logging"),
            ("delivery failing", Self.monitoring(deliveryError: "AccessDenied"), .fail, "fails to deliver"),
            ("delivered over a day ago", Self.monitoring(delivered: "2027-01-13T00:00:00Z"), .fail, "over a day ago"),
            ("no delivery shown", Self.monitoring(delivered: nil), .unknown, "no delivery"),
            ("write events only", Self.monitoring(selectors: #"{"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]}"#),
             .fail, "every management event"),
            ("advanced selectors, management", Self.monitoring(selectors: #"{"AdvancedEventSelectors": [{"Name": "m", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}]}"#),
             .pass, "trail"),
            ("advanced selectors, write only", Self.monitoring(selectors: #"{"AdvancedEventSelectors": [{"Name": "m", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["false"]}]}]}"#),
             .fail, "every management event"),
            ("a filter that narrows the pattern", Self.monitoring(pattern: #"{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" && $.eventName = \"ConsoleLogin\" }"#),
             .fail, "adds conditions"),
            ("a filter that broadens it", Self.monitoring(pattern: #"{ ($.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\") || $.eventName = \"DeleteTrail\" }"#),
             .pass, "broader than the CIS pattern"),
            ("another filter", Self.monitoring(pattern: #"{ $.eventName = \"ConsoleLogin\" }"#), .fail, "matches root use"),
            ("an alarm that needs two events", Self.monitoring(threshold: "2"), .fail, "single root event"),
            ("an alarm above zero", Self.monitoring(threshold: "0", comparison: "GreaterThanThreshold"), .pass, "alarm"),
            ("no actions", Self.monitoring(actions: false), .fail, "SNS topic"),
            ("an unconfirmed subscriber", Self.monitoring(subscription: "PendingConfirmation"), .fail, "no confirmed subscriber"),
            ("a log group of another account", Self.monitoring(logGroupAccount: "222233334444"), .unknown, "account 222233334444"),
            ("only an organization trail, seen from a member", Self.monitoring(account: "999900001111"), .unknown, "run verify --all from the management account"),
        ]
        for (name, replies, outcome, words) in cases {
            let got = try result("monitor-root-usage", replies)
            #expect(got.outcome == outcome, "\(name): \(got.reason)")
            #expect(got.reason.contains(words), "\(name): \(got.reason)")
        }
        var broken = Self.monitoring()
        broken[.alarms(metric: "RootUsage", namespace: "CIS")] = nil
        let unsettled = try result("monitor-root-usage", broken, errors: [
            .alarms(metric: "RootUsage", namespace: "CIS"): "An error occurred (AccessDenied) when calling the DescribeAlarmsForMetric operation: no",
        ])
        #expect(unsettled.outcome == .unknown, "the authoritative call failed: \(unsettled.reason)")
        #expect(try result("monitor-root-usage", [:]).outcome == .unknown, "nothing could be read")
    }

    /// The EventBridge path: a logging trail, an enabled rule on root activity not narrowed, an SNS
    /// target with a confirmed subscriber; reported under its own name, not as CIS v3.0 4.3.
    @Test func monitorRootUsageThroughEventBridge() throws {
        func events(state: String = "ENABLED", pattern: String = #"{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}"#,
                    target: String = CheckTruthTableTests.topic, logging: Bool = true) -> [AWSCall: String] {
            var replies = Self.monitoring(logging: logging, pattern: #"{ $.eventName = \"ConsoleLogin\" }"#)
            replies[.eventRules] = #"{"Rules": [{"Name": "root-activity", "State": "\#(state)", "EventPattern": "\#(pattern)"}]}"#
            replies[.ruleTargets("root-activity")] = #"{"Targets": [{"Id": "1", "Arn": "\#(target)"}]}"#
            return replies
        }
        let passed = try result("monitor-root-usage", events())
        #expect(passed.outcome == .pass, "\(passed.reason)")
        #expect(passed.reason.contains("EventBridge path (not CIS v3.0 4.3)"), "\(passed.reason)")
        #expect(try result("monitor-root-usage", events(state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")).outcome == .pass)
        let cases: [(String, [AWSCall: String])] = [
            ("disabled", events(state: "DISABLED")),
            ("narrowed to one source", events(pattern: #"{\"source\":[\"aws.signin\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}"#)),
            ("narrowed to sign-ins", events(pattern: #"{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}"#)),
            ("narrowed by another field", events(pattern: #"{\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]},\"eventName\":[\"ConsoleLogin\"]}}"#)),
            ("a target that is not SNS", events(target: "arn:aws:lambda:us-east-1:111122223333:function:notify")),
            ("no trail logging", events(logging: false)),
        ]
        for (name, replies) in cases {
            let got = try result("monitor-root-usage", replies)
            #expect(got.outcome == .fail, "\(name): \(got.reason)")
        }
        var pending = events()
        pending[.subscriptions(topic: Self.topic)] = #"{"Subscriptions": [{"SubscriptionArn": "PendingConfirmation"}]}"#
        #expect(try result("monitor-root-usage", pending).outcome == .fail, "an unconfirmed subscriber reaches nobody")
    }

    /// The CIS pattern compared term by term.
    @Test func rootUsagePatterns() {
        #expect(RootUsagePattern.classify(#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#) == .exact)
        #expect(RootUsagePattern.classify(#"{$.eventType!="AwsServiceEvent"&&$.userIdentity.type="Root"&&$.userIdentity.invokedBy NOT EXISTS}"#) == .exact)
        #expect(RootUsagePattern.classify(#"{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }"#) == .exact)
        #expect(RootUsagePattern.classify(#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS }"#) == .other)
        #expect(RootUsagePattern.classify(#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" && $.sourceIPAddress != "10.0.0.1" }"#) == .narrowed)
        #expect(RootUsagePattern.classify(#"{ ($.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent") || $.eventName = "StopLogging" }"#) == .broadened)
    }
}

/// Under an assume-root session a member's own CloudTrail and EventBridge cannot be read; its root
/// activity is still watched when the management account's organization trail has the whole chain.
extension CheckTruthTableTests {
    func memberMonitoring(management: [AWSCall: String]) throws -> CheckResult {
        let denied = "An error occurred (AccessDenied) when calling the DescribeTrails operation: not allowed by the task policy"
        let memberDirectory = Support.savedReplies([.callerIdentity: #"{"Account": "111122223333", "Arn": "arn:aws:sts::111122223333:root"}"#],
                                                   errors: [.trails: denied, .eventRules: denied])
        var replies = management
        replies[.organization] = Support.memberOrganization
        let routed = RoutedReplies(member: FileReplies(directory: memberDirectory), management: FileReplies(directory: Support.savedReplies(replies)),
                                   accountID: "111122223333")
        let run = try Verifier(source: routed).verify(state: Support.account(), checklist: Support.checklist, now: Support.now)
        return try #require(run.results.first { $0.itemID == "monitor-root-usage" }?.result)
    }

    static func organizationTrail(_ organization: Bool) -> [AWSCall: String] {
        var replies = monitoring(account: "999900001111")
        let listed = replies[.trails]!
        replies[.trails] = listed.replacingOccurrences(of: #""IsMultiRegionTrail": true"#,
                                                      with: #""IsMultiRegionTrail": true, "IsOrganizationTrail": \#(organization)"#)
        replies[.organizationAccount("111122223333")] = #"{"Account": {"Id": "111122223333", "Status": "ACTIVE"}}"#
        return replies
    }

    @Test func aMemberIsWatchedByTheOrganizationTrail() throws {
        let covered = try memberMonitoring(management: Self.organizationTrail(true))
        #expect(covered.outcome == .pass, "\(covered.reason)")
        #expect(covered.reason.hasPrefix("management account's organization trail"), "\(covered.reason)")
        // An account the management account does not confirm as its own (another organization's, a
        // standalone one in the same state directory) is not covered by that trail.
        var unconfirmed = Self.organizationTrail(true)
        unconfirmed[.organizationAccount("111122223333")] = nil
        let notConfirmed = try memberMonitoring(management: unconfirmed)
        #expect(notConfirmed.outcome == .unknown, "\(notConfirmed.reason)")
        #expect(notConfirmed.reason.contains("organization trail covers only"), "\(notConfirmed.reason)")
        // The management account's own (not organization) trail does not log the member.
        let ownTrail = try memberMonitoring(management: Self.organizationTrail(false))
        #expect(ownTrail.outcome == .unknown, "the member's own trail could not be read: \(ownTrail.reason)")
        #expect(ownTrail.reason.contains("no multi-Region organization trail"), "\(ownTrail.reason)")
        // A whole chain but for the subscriber: not watched.
        var pending = Self.organizationTrail(true)
        pending[.subscriptions(topic: Self.topic(account: "999900001111"))] = #"{"Subscriptions": [{"SubscriptionArn": "PendingConfirmation"}]}"#
        #expect(try memberMonitoring(management: pending).outcome == .unknown)
    }

    /// The management account's trail answers are asked once per fleet run, not once per member;
    /// credentials never come from the shared answers.
    @Test func sharedAnswersAreAskedOnce() throws {
        final class Counting: ReplySource, @unchecked Sendable {
            var calls: [String] = []
            var source: CheckSource { .awsCLI }
            func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
                calls.append(call.arguments.prefix(2).joined(separator: " "))
                return .success(JSONReply(["ok": .bool(true)]))
            }
        }
        let counting = Counting()
        let shared = SharedReplies()
        for _ in 0..<3 {
            let front = shared.wrapping(counting)
            _ = front.reply(.trails, region: nil)
            _ = front.reply(AWSCall(["sts", "assume-root", "--target-principal", "111122223333"]), region: nil)
        }
        #expect(counting.calls.filter { $0 == "cloudtrail describe-trails" }.count == 1)
        #expect(counting.calls.filter { $0 == "sts assume-root" }.count == 3)
    }
}

extension CheckTruthTableTests {
    @Test func groupRootEmail() throws {
        let primary = AWSCall.primaryEmail(account: "111122223333")
        let member: [AWSCall: String] = [.organization: Support.memberOrganization, primary: #"{"PrimaryEmail": "aws-root@corp.example"}"#]
        #expect(try result("group-root-email", member, evidence: ["address": "AWS-Root@corp.example"]).outcome == .pass)
        #expect(try result("group-root-email", member, evidence: ["address": "someone@corp.example"]).outcome == .fail)
        #expect(try result("group-root-email", member).outcome == .unknown, "nothing recorded to compare")
        let denied = try result("group-root-email", [.organization: Support.memberOrganization],
                                errors: [primary: "An error occurred (AccessDeniedException) when calling the GetPrimaryEmail operation: no"],
                                evidence: ["address": "aws-root@corp.example"])
        #expect(denied.outcome == .unknown)
        #expect(denied.reason.contains("management account"))
        let standalone = try result("group-root-email", [:], errors: [.organization: Support.notInOrganization],
                                    evidence: ["address": "aws-root@corp.example"])
        #expect(standalone.outcome == .unknown, "no API shows it: the person's word stands")
        // The management account's own root email is in describe-organization.
        let managementOrganization = #"{"Organization": {"Id": "o-abc", "MasterAccountId": "111122223333", "MasterAccountEmail": "aws-root@corp.example"}}"#
        #expect(try result("group-root-email", [.organization: managementOrganization], evidence: ["address": "AWS-Root@corp.example"]).outcome == .pass)
        #expect(try result("group-root-email", [.organization: managementOrganization], evidence: ["address": "ceo@corp.example"]).outcome == .fail)
        #expect(try result("group-root-email", [.organization: Support.managementOrganization], evidence: ["address": "a@corp.example"]).outcome == .unknown)
    }

    /// The security contact is compared with the address recorded, as the phone is.
    @Test func securityContactComparesTheRecordedAddress() throws {
        let set = [AWSCall.securityContact: #"{"AlternateContact": {"AlternateContactType": "SECURITY", "EmailAddress": "soc@corp.example"}}"#]
        #expect(try result("security-contact", set, evidence: ["email": "SOC@corp.example"]).outcome == .pass)
        let other = try result("security-contact", set, evidence: ["email": "someone@corp.example"])
        #expect(other.outcome == .fail && other.reason.contains("soc@corp.example"))
        #expect(try result("security-contact", set).outcome == .unknown, "nothing recorded to compare")
        #expect(try result("security-contact", [:], errors: [.securityContact: "An error occurred (ResourceNotFoundException) when calling the GetAlternateContact operation: none"]).outcome == .fail)
    }
}
