import SystemImports

/// One changeable field of the account, by the name history and merges give it, read and written
/// as text (nil: not set).
public struct AccountField: Sendable {
    public let name: String
    let get: @Sendable (AccountInfo) -> String?
    let set: @Sendable (inout AccountInfo, String?) -> Void
}

extension AccountInfo {
    /// Every field of the account but its id, once: `editAccount` records a change of each in
    /// history, the merge takes each three-way, by this list (a test holds it to the properties).
    public static let fields: [AccountField] = [
        AccountField(name: "alias", get: { $0.alias }, set: { $0.alias = $1 }),
        AccountField(name: "rootEmail", get: { $0.rootEmail }, set: { $0.rootEmail = $1 }),
        AccountField(name: "kind", get: { $0.kind?.rawValue }, set: { $0.kind = $1.flatMap(AccountKind.init) }),
        AccountField(name: "organizationId", get: { $0.organizationId }, set: { $0.organizationId = $1 }),
        AccountField(name: "managementAccountId", get: { $0.managementAccountId }, set: { $0.managementAccountId = $1 }),
        AccountField(name: "rootCredentials", get: { $0.rootCredentials?.rawValue }, set: { $0.rootCredentials = $1.flatMap(RootCredentials.init) }),
        AccountField(name: "status", get: { $0.status?.rawValue }, set: { $0.status = $1.flatMap(AccountStatus.init) }),
    ]
}
