import ChecklistModel

/// The account's place in AWS Organizations as `verify` found it, to be recorded on the account.
public struct DetectedAccount: Equatable, Sendable {
    public var kind: AccountKind
    public var organizationId: String?
    public var managementAccountId: String?
    /// For members: whether root credentials remain, when the account summary says.
    public var rootCredentials: RootCredentials?

    /// Ids from AWS are recorded only in the forms AWS gives them; anything else is left out.
    init(kind: AccountKind, organizationId: String? = nil, managementAccountId: String? = nil, rootCredentials: RootCredentials? = nil) {
        self.kind = kind
        self.organizationId = organizationId.flatMap { AccountState.isOrganizationID($0) ? $0 : nil }
        self.managementAccountId = managementAccountId.flatMap { EvidenceValidator.isAccountID($0) ? $0 : nil }
        self.rootCredentials = rootCredentials
    }

    static func removalProven(_ accountID: String, _ replies: ReplyCache) -> Bool {
        guard replies.rootCredentials == .removed else { return false }
        let context = CheckContext(accountID: accountID, record: ItemRecord(), region: nil, replies: replies)
        return RootCredentialsManagement.of(context) == .enabled
    }

    static func detect(_ accountID: String, _ replies: ReplyCache) -> DetectedAccount? {
        switch OrganizationFacts.of(accountID, replies) {
        case .standalone:
            return DetectedAccount(kind: .standalone)
        case .management(let organization, _):
            return DetectedAccount(kind: .management, organizationId: organization, managementAccountId: accountID)
        case .member(let organization, let management):
            // Removed only with the proof the check asks for; anything less (credentials counted, a
            // summary that does not answer, an organization that does not manage them) counts as
            // present, so a "removed" recorded earlier is not kept as if it were still true.
            return DetectedAccount(kind: .member, organizationId: organization, managementAccountId: management,
                                   rootCredentials: removalProven(accountID, replies) ? .removed : .present)
        case .unknown:
            return nil
        }
    }
}
