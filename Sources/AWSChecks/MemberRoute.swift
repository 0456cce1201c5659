import ChecklistModel
import SystemImports

/// How one account is reached for its checks, the same for `verify --all` and the walkthrough's `v`:
/// with the credentials in use (`ambient`), or from them — the management account's — through a
/// role or an assume-root session, with what only the management account answers (contacts,
/// Identity Center, Organizations) asked of it.
public enum MemberRoute {
    /// The source to check `accountID` with; a failure when the way in cannot be opened
    /// (the role refused, assume-root not enabled). `management` runs with the operator's own
    /// credentials; `shared` holds answers a fleet run asks of the management account once.
    public static func source(access: MemberAccess, accountID: String, management: any LiveReplies, deadline: Date,
                              shared: SharedReplies? = nil) -> Result<any ReplySource, CallFailure> {
        // Throttled calls are tried again, within the deadline, by one layer (the native client's own).
        let managementSource = management.retryingThrottles(until: deadline)
        let member = MemberReplies(access: access, accountID: accountID, management: managementSource, region: management.region) { credentials in
            management.acting(as: credentials).retryingThrottles(until: deadline)
        }
        guard access != .ambient else { return .success(member) }
        if let failure = member.renew() { return .failure(failure) }
        let asked: any ReplySource = shared.map { $0.wrapping(managementSource) } ?? managementSource
        return .success(RoutedReplies(member: member, management: asked, accountID: accountID))
    }
}
