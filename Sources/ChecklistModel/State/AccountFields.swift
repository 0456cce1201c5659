import SystemImports

/// One changeable field of the account: its name in the state file, history and merges, read and
/// written as text (nil: not set), and how the state file's codec stores it.
public struct AccountField: Sendable {
    public let name: String
    let get: @Sendable (AccountInfo) -> String?
    let set: @Sendable (inout AccountInfo, String?) -> Void
    let stored: StoredField<AccountInfo>

    /// A free-text field.
    static func text(_ name: String, _ path: WritableKeyPath<AccountInfo, String?> & Sendable) -> AccountField {
        AccountField(name: name, get: { $0[keyPath: path] }, set: { $0[keyPath: path] = $1 },
                     stored: .optional(name, { $0[keyPath: path] }, { $0[keyPath: path] = $1 }, .string))
    }

    /// A field that is one of an enumeration's spellings.
    static func choice<T: RawRepresentable & CaseIterable & Sendable>(_ name: String, _ path: WritableKeyPath<AccountInfo, T?> & Sendable)
        -> AccountField where T.RawValue == String {
        AccountField(name: name, get: { $0[keyPath: path]?.rawValue }, set: { $0[keyPath: path] = $1.flatMap(T.init(rawValue:)) },
                     stored: .optional(name, { $0[keyPath: path] }, { $0[keyPath: path] = $1 }, .oneOf))
    }
}

extension AccountInfo {
    /// Every field of the account but its id, once: the codec stores each, `editAccount` records a
    /// change of each in history, the merge takes each three-way (a test holds it to the properties).
    public static let fields: [AccountField] = [
        .text("alias", \.alias),
        .text("rootEmail", \.rootEmail),
        .choice("kind", \.kind),
        .text("organizationId", \.organizationId),
        .text("managementAccountId", \.managementAccountId),
        .choice("rootCredentials", \.rootCredentials),
        .choice("status", \.status),
    ]
}
