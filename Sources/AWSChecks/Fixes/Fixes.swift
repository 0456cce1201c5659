import ChecklistModel
import SystemImports

/// Which items a fix exists for, and the planner of each. A switch on the check name, so a new check
/// is a decision here: a planner, or the reason the console steps stay.
public enum Fixes {
    /// The values a fix takes with `--set KEY=VALUE` (and the form in the walkthrough), by item.
    public static func keys(for item: ChecklistItem) -> [String] {
        switch item.check {
        case .securityContact: SecurityContactFix.keys
        case .monitorRootUsage: RootUsageAlarmFix.keys
        case .groupRootEmail: RootEmailFix.keys
        case .identityCenterAdmin: IdentityCenterAdminFix.keys
        default: []
        }
    }

    /// Nil when the item has a fix; else why not, for the person reading its step.
    public static func unavailable(_ item: ChecklistItem) -> String? {
        switch item.check {
        case .securityContact, .organizationsRootAccess, .removeRootCredentials, .monitorRootUsage, .groupRootEmail, .identityCenterAdmin: nil
        case .none: "no AWS API sets it: it is done in the console or by a person"
        case .rootMFA, .noRootAccessKeys, .signOutRoot, .kmsRecoveryPhone:
            "not built yet in this version"
        }
    }

    /// Plans the item's fix: reads what AWS holds now through `replies` (the caller's credentials)
    /// and fills every value in. Nothing is changed.
    /// `reach` opens the member's own view when a plan must read it; `by` and `at` fill the evidence
    /// a fix records about itself (who removed the credentials, and when).
    public static func plan(item: ChecklistItem, state: AccountState, values: [String: String], caller: FixCaller,
                            replies: any ReplySource, region: String?, reach: FixReach = { _ in .failure(CallFailure(.other, "no way into the member")) },
                            by: String = "", at: Date = Timestamp.now()) throws(FixError) -> FixPlan {
        if let reason = unavailable(item) { throw .noFix(item: item.id, reason: reason) }
        switch item.check {
        case .securityContact:
            return try SecurityContactFix.plan(item: item, state: state, values: values, caller: caller, replies: replies, region: region)
        case .organizationsRootAccess:
            return try RootAccessFix.plan(item: item, state: state, caller: caller, replies: replies, region: region)
        case .removeRootCredentials:
            return try RootCredentialsFix.plan(item: item, state: state, caller: caller, reach: reach, by: by, at: at)
        case .identityCenterAdmin:
            return try IdentityCenterAdminFix.plan(item: item, state: state, values: values, caller: caller, replies: replies, region: region)
        case .groupRootEmail:
            return try RootEmailFix.plan(item: item, state: state, values: values, caller: caller, replies: replies, region: region)
        case .monitorRootUsage:
            return try RootUsageAlarmFix.plan(item: item, state: state, values: values, caller: caller, replies: replies, region: region)
        default:
            throw .noFix(item: item.id, reason: "not built yet in this version")
        }
    }

    /// Who may make the calls for `state`'s account: the account itself, or for a member its
    /// management account as recorded. Anything else is refused before anything is read or changed.
    public static func caller(for state: AccountState, replies: any ReplySource, region: String?) throws(FixError) -> FixCaller {
        try caller(for: state, account: callerAccount(replies, region: region))
    }

    /// The account the credentials belong to (`sts get-caller-identity`).
    public static func callerAccount(_ replies: any ReplySource, region: String?) throws(FixError) -> String {
        switch replies.reply(.callerIdentity, region: region) {
        case .success(let object):
            guard let caller = object["Account"]?.string, EvidenceValidator.isAccountID(caller) else {
                throw .identityUnavailable("get-caller-identity returned no account id")
            }
            return caller
        case .failure(let failure):
            throw .identityUnavailable(failure.message)
        }
    }

    /// Whether credentials of `caller` may fix `state`'s account, and as whom.
    public static func caller(for state: AccountState, account caller: String) throws(FixError) -> FixCaller {
        if caller == state.account.id { return .account(caller) }
        if state.account.kind == .member, let management = state.account.managementAccountId, caller == management {
            return .management(caller)
        }
        throw .wrongCaller(account: state.account.id, caller: caller,
                           management: state.account.kind == .member ? state.account.managementAccountId : nil)
    }
}
