import ChecklistModel

/// An administrator for daily work in IAM Identity Center: proven only by an assignment, on this
/// account, of an administrator permission set of the organization instance to a user or group.
/// An ACTIVE instance alone proves nothing: an account instance grants no access to AWS accounts,
/// and an organization instance may have no administrator at all.
enum IdentityCenterCheck {
    static let administratorPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"

    static func evaluate(_ context: CheckContext) -> Verdict {
        // The instance lives in the home Region: what the operator recorded wins over --region.
        let home = context.record.evidence["home-region"].flatMap { $0.isEmpty ? nil : $0 } ?? context.region
        let inRegion = home.map { "in \($0)" } ?? "in the default Region"
        let management: String
        switch context.organization {
        case .member(_, let managementID):
            // In a fleet run the organization instance is asked from the management account.
            guard context.replies.identityCenterFromManagement else {
                return Verdict(.unknown, "this is a member account, where the organization's Identity Center instance cannot be seen: "
                               + "run verify from the management account (\(managementID)) with --role-name or --assume-root")
            }
            management = managementID
        case .standalone:
            management = ""
        case .management:
            management = context.accountID
        case .unknown(let why):
            return Verdict(.unknown, why)
        }
        let instances: [[String: JSONValue]]
        switch context.replies.reply(.identityCenterInstances, region: home) {
        case .success(let object): instances = object["Instances"]?.array?.compactMap(\.object) ?? []
        case .failure(let failure): return Verdict(.unknown, failure.message)
        }
        let active = instances.filter { $0["Status"]?.string == "ACTIVE" }
        guard !active.isEmpty else {
            return Verdict(.fail, instances.isEmpty ? "no Identity Center instance \(inRegion); the call is regional, so record the home Region"
                           : "the Identity Center instance \(inRegion) is not ACTIVE")
        }
        guard !management.isEmpty else {
            return Verdict(.fail, "the account is not in an organization, so its Identity Center instance is an account instance, "
                           + "which grants no access to AWS accounts: create an organization and its Identity Center instance")
        }
        if active.contains(where: { $0["OwnerAccountId"] == nil }) {
            return Verdict(.unknown, "list-instances does not say which account owns the instance (OwnerAccountId)")
        }
        guard let instance = active.first(where: { $0["OwnerAccountId"]?.string == management }),
              let instanceArn = instance["InstanceArn"]?.string, let store = instance["IdentityStoreId"]?.string else {
            return Verdict(.fail, "no organization instance of Identity Center \(inRegion): the ACTIVE instance is an account instance, "
                           + "which grants no access to AWS accounts")
        }
        return administrator(context, instance: instanceArn, store: store, home: home)
    }

    /// Looks through the instance's permission sets for one that gives administrator access (or the
    /// one the operator named) and is assigned on this account.
    static func administrator(_ context: CheckContext, instance: String, store: String, home: String?) -> Verdict {
        let replies = context.replies
        let sets: [String]
        switch replies.reply(.permissionSets(instance: instance), region: home) {
        case .success(let object): sets = object["PermissionSets"]?.array?.compactMap(\.string) ?? []
        case .failure(let failure): return Verdict(.unknown, "cannot list the permission sets (\(failure.message))")
        }
        let named = context.record.evidence["permission-set"].flatMap { $0.isEmpty ? nil : $0 }
        var unsettled: String?
        var adminSets = 0
        for set in sets {
            var isAdmin = false
            switch replies.reply(.managedPolicies(instance: instance, permissionSet: set), region: home) {
            case .success(let object):
                isAdmin = (object["AttachedManagedPolicies"]?.array ?? []).contains { $0.object?["Arn"]?.string == administratorPolicy }
            case .failure(let failure):
                unsettled = unsettled ?? "cannot read the policies of \(set) (\(failure.message))"
            }
            var name: String?
            if let named, !isAdmin {
                if case .success(let object) = replies.reply(.describePermissionSet(instance: instance, permissionSet: set), region: home) {
                    name = object["PermissionSet"]?.object?["Name"]?.string
                }
                isAdmin = name == named
            }
            guard isAdmin else { continue }
            adminSets += 1
            switch replies.reply(.accountAssignments(instance: instance, account: context.accountID, permissionSet: set), region: home) {
            case .success(let object):
                let assignments = object["AccountAssignments"]?.array?.compactMap(\.object) ?? []
                if let assignment = assignments.first(where: { ["USER", "GROUP"].contains($0["PrincipalType"]?.string ?? "") }) {
                    let principal = principalName(assignment, store: store, replies: replies, home: home)
                    return Verdict(.pass, "the administrator permission set \(name ?? set) is assigned on this account to \(principal)")
                }
            case .failure(let failure):
                unsettled = unsettled ?? "cannot list the assignments of \(set) (\(failure.message))"
            }
        }
        if let unsettled { return Verdict(.unknown, unsettled) }
        if adminSets == 0 {
            return Verdict(.fail, "no permission set of the organization instance gives AdministratorAccess"
                           + (named.map { " or is named \($0)" } ?? ""))
        }
        return Verdict(.fail, "an administrator permission set exists but is assigned to no user or group on account \(context.accountID)")
    }

    /// "user alice" or "group Admins", from the identity store; the id when the name cannot be read.
    static func principalName(_ assignment: [String: JSONValue], store: String, replies: ReplyCache, home: String?) -> String {
        let id = assignment["PrincipalId"]?.string ?? "?"
        if assignment["PrincipalType"]?.string == "GROUP" {
            if case .success(let object) = replies.reply(.describeGroup(store: store, id: id), region: home),
               let name = object["DisplayName"]?.string {
                return "group \(name)"
            }
            return "group \(id)"
        }
        if case .success(let object) = replies.reply(.describeUser(store: store, id: id), region: home),
           let name = object["UserName"]?.string {
            return "user \(name)"
        }
        return "user \(id)"
    }
}
