import ChecklistModel
import SystemImports

/// An Identity Center administrator for daily work in this account: an existing user or group
/// assigned a permission set with AdministratorAccess (made, with the policy, when none of that
/// name exists). Creating the assignment provisions the permission set to the account.
/// https://docs.aws.amazon.com/singlesignon/latest/userguide/get-started-assign-account-access-admin-user.html
enum IdentityCenterAdminFix {
    static let keys = ["user", "group", "permission-set", "home-region"]
    static let adminPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"

    static func plan(item: ChecklistItem, state: AccountState, values: [String: String], caller: FixCaller, replies: any ReplySource,
                     region: String?) throws(FixError) -> FixPlan {
        let account = state.account.id
        guard state.account.kind == .management || state.account.kind == .member else {
            throw .notPossible("Identity Center gives access to AWS accounts only from an organization's instance (an account instance cannot): "
                               + "this account is \(state.account.kind.map { "a \($0.rawValue)" } ?? "of a kind not set (edit --kind)") account")
        }
        let given = values.filter { !$0.value.trimmingSpaces().isEmpty }.mapValues { $0.trimmingSpaces() }
        let recorded = state.record(item.id).evidence
        guard let home = given["home-region"] ?? recorded["home-region"].flatMap({ $0.isEmpty ? nil : $0 }) ?? region else {
            throw .missingValues(item: item.id, keys: ["home-region"])
        }
        guard RootUsageAlarmFix.isRegion(home) else { throw .invalidValue(key: "home-region", message: "a Region code like eu-west-1") }
        let principal: (kind: String, name: String)
        switch (given["user"], given["group"]) {
        case (let user?, nil): principal = ("USER", user)
        case (nil, let group?): principal = ("GROUP", group)
        case (nil, nil):
            if let user = recorded["admin-user"], !user.isEmpty { principal = ("USER", user) } else { throw .missingValues(item: item.id, keys: ["user"]) }
        default: throw .invalidValue(key: "user", message: "give a user or a group, not both")
        }
        guard principal.name.count <= 128, !principal.name.hasPrefix("-"), principal.name.unicodeScalars.allSatisfy({ !PlainText.isControlOrFormatting($0) && $0 != "\"" && $0 != "\\" }) else {
            throw .invalidValue(key: principal.kind == "USER" ? "user" : "group", message: "is not a name Identity Center keeps")
        }
        let setName = given["permission-set"] ?? "AdministratorAccess"
        guard setName.count <= 32, setName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@-_".contains($0)) }) else {
            throw .invalidValue(key: "permission-set", message: "a permission set name: letters, digits and +=,.@-_ (at most 32)")
        }
        func read(_ call: AWSCall) throws(FixError) -> JSONReply {
            switch replies.reply(call, region: home) {
            case .success(let object): return object
            case .failure(let failure): throw .unreadable(failure.message)
            }
        }
        guard let instance = try read(.identityCenterInstances)["Instances"]?.array?.compactMap(\.object).first(where: { $0["Status"]?.string != "DELETE_IN_PROGRESS" }),
              let instanceArn = instance["InstanceArn"]?.string, let store = instance["IdentityStoreId"]?.string,
              FixPlan.Step.isCapturable(instanceArn), FixPlan.Step.isCapturable(store) else {
            throw .notPossible("no Identity Center instance in \(home) for these credentials: enable Identity Center (in the management account for an organization), or give its home Region with --set home-region=")
        }
        let attribute = principal.kind == "USER" ? "userName" : "displayName"
        let lookup = AWSCall(["identitystore", principal.kind == "USER" ? "get-user-id" : "get-group-id", "--identity-store-id", store,
                              "--alternate-identifier", #"{"UniqueAttribute": {"AttributePath": "\#(attribute)", "AttributeValue": "\#(principal.name)"}}"#],
                             fileName: "identitystore-principal.json", regional: true)
        let principalID: String
        switch replies.reply(lookup, region: home) {
        case .success(let object):
            guard let id = (object["UserId"] ?? object["GroupId"])?.string, FixPlan.Step.isCapturable(id) else {
                throw .unreadable("the identity store gave no id for \(principal.name)")
            }
            principalID = id
        case .failure(let failure) where failure.kind == .notFound:
            throw .notPossible("Identity Center has no \(principal.kind == "USER" ? "user" : "group") named \(principal.name): create it first (the fix assigns an existing one)")
        case .failure(let failure):
            throw .unreadable(failure.message)
        }
        // A permission set of that name, and whether it carries AdministratorAccess.
        var setArn: String?
        for arn in try read(.permissionSets(instance: instanceArn))["PermissionSets"]?.array?.compactMap(\.string) ?? [] {
            let described = try read(.describePermissionSet(instance: instanceArn, permissionSet: arn))
            if described["PermissionSet"]?.object?["Name"]?.string == setName, FixPlan.Step.isCapturable(arn) { setArn = arn; break }
        }
        var steps: [FixPlan.Step] = []
        var found = ["Identity Center in \(home)", "\(principal.kind == "USER" ? "user" : "group") \(principal.name)"]
        let at = ["--region", home]
        let set = setArn ?? "{{permission-set-arn}}"
        if let setArn {
            found.append("permission set \(setName)")
            let policies = try read(.managedPolicies(instance: instanceArn, permissionSet: setArn))["AttachedManagedPolicies"]?.array ?? []
            if !policies.contains(where: { $0.object?["Arn"]?.string == adminPolicy }) {
                steps.append(.init(arguments: ["sso-admin", "attach-managed-policy-to-permission-set", "--instance-arn", instanceArn,
                                               "--permission-set-arn", setArn, "--managed-policy-arn", adminPolicy] + at,
                                   changes: "gives the permission set \(setName) AdministratorAccess (every account it is assigned in)",
                                   undo: "aws sso-admin detach-managed-policy-from-permission-set with the same arguments"))
            }
            let assignments = try read(.accountAssignments(instance: instanceArn, account: account, permissionSet: setArn))
            if (assignments["AccountAssignments"]?.array ?? []).contains(where: { $0.object?["PrincipalId"]?.string == principalID }) {
                found.append("already assigned in \(account)")
                let provisioned = try read(.provisionedSets(instance: instanceArn, account: account))["PermissionSets"]?.array ?? []
                if !provisioned.contains(where: { $0.string == setArn }) {
                    steps.append(provision(instanceArn, account: account, set: setArn, at: at))
                } else {
                    found.append("provisioned there")
                }
            } else {
                steps.append(assign(instanceArn, account: account, set: set, principal: principal.kind, id: principalID, name: principal.name, at: at))
                steps.append(provision(instanceArn, account: account, set: set, at: at))
            }
        } else {
            steps.append(.init(arguments: ["sso-admin", "create-permission-set", "--instance-arn", instanceArn, "--name", setName,
                                           "--session-duration", "PT1H"] + at,
                               changes: "makes the permission set \(setName) (one-hour sessions)",
                               undo: "aws sso-admin delete-permission-set --instance-arn \(instanceArn) --permission-set-arn ARN (once unassigned)",
                               captures: ["permission-set-arn": ["PermissionSet", "PermissionSetArn"]]))
            steps.append(.init(arguments: ["sso-admin", "attach-managed-policy-to-permission-set", "--instance-arn", instanceArn,
                                           "--permission-set-arn", set, "--managed-policy-arn", adminPolicy] + at,
                               changes: "gives it AdministratorAccess", undo: "aws sso-admin detach-managed-policy-from-permission-set"))
            steps.append(assign(instanceArn, account: account, set: set, principal: principal.kind, id: principalID, name: principal.name, at: at))
            steps.append(provision(instanceArn, account: account, set: set, at: at))
        }
        return FixPlan(accountID: account, itemID: item.id, title: "Assign an Identity Center administrator for daily work", caller: caller,
                       now: found.joined(separator: "; "), steps: steps,
                       evidence: ["home-region": home, "admin-user": principal.name, "permission-set": setName])
    }

    /// Pushes the permission set to the account now (an assignment starts it; this makes sure it is done).
    static func provision(_ instance: String, account: String, set: String, at: [String]) -> FixPlan.Step {
        .init(arguments: ["sso-admin", "provision-permission-set", "--instance-arn", instance, "--permission-set-arn", set,
                          "--target-type", "AWS_ACCOUNT", "--target-id", account] + at,
              changes: "provisions the permission set to \(account) (its role there)", undo: "nothing separate: deleting the assignment removes it")
    }

    static func assign(_ instance: String, account: String, set: String, principal: String, id: String, name: String, at: [String]) -> FixPlan.Step {
        .init(arguments: ["sso-admin", "create-account-assignment", "--instance-arn", instance, "--target-id", account, "--target-type", "AWS_ACCOUNT",
                          "--permission-set-arn", set, "--principal-type", principal, "--principal-id", id] + at,
              changes: "lets \(name) sign in to \(account) with it (provisions the permission set there)",
              undo: "aws sso-admin delete-account-assignment with the same arguments")
    }
}
