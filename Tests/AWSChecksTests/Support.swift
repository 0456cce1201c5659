@testable import AWSChecks
import ChecklistModel
import DefaultChecklist
import Foundation
import TestSupport

enum Support {
    static let checklist: Checklist = {
        do {
            return try ChecklistLoader.load(data: RepositoryFiles.checklist(BundledChecklists.defaultName), source: "bundled")
        } catch {
            fatalError("\(error)")
        }
    }()

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func tempDirectory() -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-aws-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func account(_ id: String = "111122223333") -> AccountState {
        (try? AccountState.new(accountID: id, alias: nil, rootEmail: nil, checklist: checklist, by: "t", at: now))!
    }

    /// A directory of saved replies: `replies[call] = JSON text`, `errors[call] = stderr text`.
    static func savedReplies(_ replies: [AWSCall: String], errors: [AWSCall: String] = [:]) -> URL {
        let directory = tempDirectory()
        var all = replies
        if all[.callerIdentity] == nil {
            all[.callerIdentity] = #"{"UserId": "AIDAEXAMPLE", "Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/x"}"#
        }
        for (call, text) in all {
            try? Data(text.utf8).write(to: directory.appendingPathComponent(call.fileName))
        }
        for (call, text) in errors {
            try? Data(text.utf8).write(to: directory.appendingPathComponent(String(call.fileName.dropLast(5)) + ".error"))
        }
        return directory
    }

    static func results(_ directory: URL, account: AccountState? = nil, region: String? = nil) throws -> [String: CheckResult] {
        let state = account ?? Self.account()
        let list = try Verifier(source: FileReplies(directory: directory), region: region)
            .run(state: state, checklist: checklist, now: now)
        return Dictionary(uniqueKeysWithValues: list.map { ($0.itemID, $0.result) })
    }

    static func credentialReport(mfa: String, key1: String, key2: String) -> String {
        let header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
        let row = "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-01-01T00:00:00+00:00,not_supported,not_supported,\(mfa),\(key1),N/A,N/A,N/A,N/A,\(key2),N/A,N/A,N/A,N/A,false,N/A,false,N/A"
        let content = Data((header + "\n" + row + "\n").utf8).base64EncodedString()
        return #"{"Content": "\#(content)", "ReportFormat": "text/csv", "GeneratedTime": "2027-01-15T07:00:00Z"}"#
    }

    /// describe-organization as the management account (111122223333) sees it.
    static let managementOrganization = #"{"Organization": {"Id": "o-abc", "MasterAccountId": "111122223333", "FeatureSet": "ALL"}}"#
    /// describe-organization as a member sees it.
    static let memberOrganization = #"{"Organization": {"Id": "o-abc", "MasterAccountId": "999900001111", "FeatureSet": "ALL"}}"#
    static let notInOrganization = "An error occurred (AWSOrganizationsNotInUseException) when calling the DescribeOrganization operation: not in use"

    static let instance = "arn:aws:sso:::instance/ssoins-1"
    static let adminSet = "arn:aws:sso:::permissionSet/ssoins-1/ps-admin"
    static let readSet = "arn:aws:sso:::permissionSet/ssoins-1/ps-read"

    /// The Identity Center replies of a management account whose organization instance has a
    /// read-only and an AdministratorAccess permission set; `assigned` says whether the latter is
    /// assigned on the account (to group Admins, whose member is alice), `owner` who owns the instance.
    static func identityCenter(assigned: Bool = true, owner: String? = "111122223333", adminPolicy: Bool = true) -> [AWSCall: String] {
        let ownerField = owner.map { #", "OwnerAccountId": "\#($0)""# } ?? ""
        let assignments = assigned
            ? #"{"AccountAssignments": [{"AccountId": "111122223333", "PermissionSetArn": "\#(adminSet)", "PrincipalType": "GROUP", "PrincipalId": "g-1"}]}"#
            : #"{"AccountAssignments": []}"#
        return [
            .identityCenterInstances: #"{"Instances": [{"InstanceArn": "\#(instance)", "IdentityStoreId": "d-1", "Status": "ACTIVE"\#(ownerField)}]}"#,
            .permissionSets(instance: instance): #"{"PermissionSets": ["\#(readSet)", "\#(adminSet)"]}"#,
            .managedPolicies(instance: instance, permissionSet: readSet):
                #"{"AttachedManagedPolicies": [{"Name": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}"#,
            .managedPolicies(instance: instance, permissionSet: adminSet): adminPolicy
                ? #"{"AttachedManagedPolicies": [{"Name": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}"#
                : #"{"AttachedManagedPolicies": []}"#,
            .describePermissionSet(instance: instance, permissionSet: readSet): #"{"PermissionSet": {"Name": "ReadOnly"}}"#,
            .describePermissionSet(instance: instance, permissionSet: adminSet): #"{"PermissionSet": {"Name": "PlatformAdmin"}}"#,
            .accountAssignments(instance: instance, account: "111122223333", permissionSet: adminSet): assignments,
            .describeGroup(store: "d-1", id: "g-1"): #"{"GroupId": "g-1", "DisplayName": "Admins"}"#,
            .inlinePolicy(instance: instance, permissionSet: readSet): #"{"InlinePolicy": ""}"#,
            .inlinePolicy(instance: instance, permissionSet: adminSet): #"{"InlinePolicy": ""}"#,
            .provisionedSets(instance: instance, account: "111122223333"): #"{"PermissionSets": ["\#(readSet)", "\#(adminSet)"]}"#,
            .groupMemberships(store: "d-1", group: "g-1"): #"{"GroupMemberships": [{"MembershipId": "m-1", "GroupId": "g-1", "MemberId": {"UserId": "u-1"}}]}"#,
            .describeUser(store: "d-1", id: "u-1"): #"{"UserId": "u-1", "UserName": "alice"}"#,
        ]
    }
}

