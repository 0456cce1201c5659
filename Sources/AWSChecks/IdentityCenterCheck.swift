import ChecklistModel
import SystemImports

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

    /// A permission set that grants administrator rights (the AdministratorAccess managed policy,
    /// or an inline policy allowing every action on every resource), provisioned to this account,
    /// assigned on it to the recorded administrator: a user of that name, or a group with members
    /// that include them. A set's name alone proves nothing.
    static func administrator(_ context: CheckContext, instance: String, store: String, home: String?) -> Verdict {
        let replies = context.replies
        let sets: [String]
        switch replies.reply(.permissionSets(instance: instance), region: home) {
        case .success(let object): sets = object["PermissionSets"]?.array?.compactMap(\.string) ?? []
        case .failure(let failure): return Verdict(.unknown, "cannot list the permission sets (\(failure.message))")
        }
        let recorded = context.record.evidence["admin-user"].map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        var unsettled: String?
        var adminSets = 0
        var unprovisioned: [String] = []
        var found: [String] = []
        var provisioned: Set<String>?
        for set in sets {
            switch grantsAdministrator(replies, instance: instance, set: set, home: home) {
            case .failure(let problem): unsettled = unsettled ?? problem.why; continue
            case .success(false): continue
            case .success(true): adminSets += 1
            }
            if provisioned == nil {
                switch replies.reply(.provisionedSets(instance: instance, account: context.accountID), region: home) {
                case .success(let object): provisioned = Set(object["PermissionSets"]?.array?.compactMap(\.string) ?? [])
                case .failure(let failure):
                    return Verdict(.unknown, "cannot tell which permission sets are provisioned to the account (\(failure.message))")
                }
            }
            guard provisioned?.contains(set) == true else { unprovisioned.append(set); continue }
            let assignments: [[String: JSONValue]]
            switch replies.reply(.accountAssignments(instance: instance, account: context.accountID, permissionSet: set), region: home) {
            case .success(let object): assignments = object["AccountAssignments"]?.array?.compactMap(\.object) ?? []
            case .failure(let failure):
                unsettled = unsettled ?? "cannot list the assignments of \(set) (\(failure.message))"
                continue
            }
            for assignment in assignments {
                switch principal(assignment, store: store, replies: replies, home: home) {
                case .failure(let problem): unsettled = unsettled ?? problem.why
                case .success(let principal):
                    guard let principal else { continue }
                    found.append(principal.description)
                    if let recorded, principal.includes(recorded) {
                        return Verdict(.pass, "the administrator permission set \(set) is provisioned to this account and assigned to "
                                       + "\(principal.description), which includes the recorded administrator \(recorded)")
                    }
                }
            }
        }
        if let unsettled { return Verdict(.unknown, unsettled) }
        if adminSets == 0 {
            return Verdict(.fail, "no permission set of the organization instance grants administrator rights "
                           + "(AdministratorAccess, or an inline policy allowing * on *)")
        }
        if found.isEmpty {
            let notProvisioned = unprovisioned.isEmpty ? "" : "; \(unprovisioned.joined(separator: ", ")) is not provisioned to it"
            return Verdict(.fail, "no administrator permission set is assigned to a user or a group with members on account "
                           + "\(context.accountID)\(notProvisioned)")
        }
        guard let recorded else {
            return Verdict(.unknown, "administrator access is assigned to \(found.joined(separator: ", ")); record the administrator "
                           + "(admin-user) to compare")
        }
        return Verdict(.fail, "administrator access is assigned to \(found.joined(separator: ", ")), which does not include the "
                       + "recorded administrator \(recorded)")
    }

    /// Whether a permission set grants administrator rights; the failure says why it cannot be told.
    static func grantsAdministrator(_ replies: ReplyCache, instance: String, set: String, home: String?) -> Result<Bool, Unsettled> {
        switch replies.reply(.managedPolicies(instance: instance, permissionSet: set), region: home) {
        case .success(let object):
            if (object["AttachedManagedPolicies"]?.array ?? []).contains(where: { $0.object?["Arn"]?.string == administratorPolicy }) {
                return .success(true)
            }
        case .failure(let failure):
            return .failure(Unsettled(why: "cannot read the policies of \(set) (\(failure.message))"))
        }
        switch replies.reply(.inlinePolicy(instance: instance, permissionSet: set), region: home) {
        case .success(let object):
            guard let text = object["InlinePolicy"]?.string, !text.isEmpty else { return .success(false) }
            guard let document = try? JSONParser.parse(Data(text.utf8)).object else {
                return .failure(Unsettled(why: "the inline policy of \(set) is not a JSON document"))
            }
            return .success(allowsEverything(document))
        case .failure(let failure):
            return .failure(Unsettled(why: "cannot read the inline policy of \(set) (\(failure.message))"))
        }
    }

    /// A statement that allows every action on every resource, unconditioned.
    static func allowsEverything(_ document: [String: JSONValue]) -> Bool {
        let statements = document["Statement"]?.array?.compactMap(\.object) ?? document["Statement"]?.object.map { [$0] } ?? []
        func all(_ value: JSONValue?) -> Bool { value?.string == "*" || value?.array?.contains { $0.string == "*" } == true }
        return statements.contains { statement in
            statement["Effect"]?.string == "Allow" && all(statement["Action"]) && all(statement["Resource"]) && statement["Condition"] == nil
        }
    }

    /// Why something the check needs could not be read.
    struct Unsettled: Error { var why: String }

    /// Who an assignment gives access to: a user by name, or a group with its members' names.
    struct Principal {
        var description: String
        var userNames: [String]
        func includes(_ name: String) -> Bool { userNames.contains { $0.lowercased() == name.lowercased() } }
    }

    /// The principal of an assignment; nil for a group with no member (it gives nobody access).
    static func principal(_ assignment: [String: JSONValue], store: String, replies: ReplyCache, home: String?) -> Result<Principal?, Unsettled> {
        guard let id = assignment["PrincipalId"]?.string else { return .failure(Unsettled(why: "an assignment names no principal")) }
        switch assignment["PrincipalType"]?.string {
        case "USER":
            return userName(id, store: store, replies: replies, home: home).map { Principal(description: "user \($0)", userNames: [$0]) }
        case "GROUP":
            let members: [String]
            switch replies.reply(.groupMemberships(store: store, group: id), region: home) {
            case .success(let object):
                members = (object["GroupMemberships"]?.array ?? []).compactMap { $0.object?["MemberId"]?.object?["UserId"]?.string }
            case .failure(let failure): return .failure(Unsettled(why: "cannot list the members of group \(id) (\(failure.message))"))
            }
            guard !members.isEmpty else { return .success(Optional<Principal>.none) }
            var names: [String] = []
            for member in members.prefix(50) {
                switch userName(member, store: store, replies: replies, home: home) {
                case .success(let name): names.append(name)
                case .failure(let problem): return .failure(problem)
                }
            }
            var label = "group \(id)"
            if case .success(let object) = replies.reply(.describeGroup(store: store, id: id), region: home), let name = object["DisplayName"]?.string {
                label = "group \(name)"
            }
            return .success(Principal(description: label, userNames: names))
        default:
            return .success(Optional<Principal>.none)
        }
    }

    static func userName(_ id: String, store: String, replies: ReplyCache, home: String?) -> Result<String, Unsettled> {
        switch replies.reply(.describeUser(store: store, id: id), region: home) {
        case .success(let object):
            guard let name = object["UserName"]?.string, !name.isEmpty else { return .failure(Unsettled(why: "describe-user \(id) gave no UserName")) }
            return .success(name)
        case .failure(let failure): return .failure(Unsettled(why: "cannot read user \(id) (\(failure.message))"))
        }
    }
}
