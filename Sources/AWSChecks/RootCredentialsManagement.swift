import ChecklistModel

/// Whether the organization manages its members' root credentials centrally
/// (`iam list-organizations-features`: `RootCredentialsManagement`). Without it, a member whose
/// root user has no credentials today can get a password back through its root email, so having
/// none proves nothing lasting.
enum RootCredentialsManagement: Equatable {
    case enabled
    case disabled(String)
    case unknown(String)

    /// Read from the management account in a fleet run, else from the account being checked (which
    /// answers only as the management account or a delegated administrator).
    static func of(_ context: CheckContext) -> RootCredentialsManagement {
        let replies = context.replies.management ?? context.replies
        switch replies.reply(.organizationsFeatures) {
        case .success(let object):
            guard let features = object["EnabledFeatures"]?.array?.compactMap(\.string) else {
                return .unknown("list-organizations-features gave no EnabledFeatures")
            }
            return features.contains("RootCredentialsManagement") ? .enabled
                : .disabled("root credentials management is not enabled in the organization")
        case .failure(let failure):
            if failure.code.map(CallFailure.baseCode) == "AccountNotManagementOrDelegatedAdministrator" {
                return .unknown("whether the organization manages root credentials can be read only from the management account "
                                + "or a delegated administrator: run verify --all there")
            }
            return .unknown("whether the organization manages root credentials is unknown (\(failure.message))")
        }
    }

    /// The reason a member with no root credentials today is not proven to stay without.
    var notProven: String? {
        switch self {
        case .enabled: return nil
        case .disabled(let why), .unknown(let why):
            return "no root credentials now, but recoverable through the root email unless root credentials management is on (\(why))"
        }
    }
}
