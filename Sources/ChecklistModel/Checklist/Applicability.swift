/// Which accounts an item applies to: kinds of account and, for members, whether their root
/// credentials remain. An item that does not apply counts as resolved and says why; it comes back
/// when the account's kind changes, since applicability is read from the account, never stored.
public struct Applicability: Sendable, Equatable {
    /// Nil: every kind.
    public var kinds: Set<AccountKind>?
    /// For members only; nil: with or without root credentials.
    public var memberRootCredentials: RootCredentials?

    public init(kinds: Set<AccountKind>? = nil, memberRootCredentials: RootCredentials? = nil) {
        self.kinds = kinds
        self.memberRootCredentials = memberRootCredentials
    }

    public static let everywhere = Applicability()

    /// Nil when the item applies to `account`, else the reason it does not. `credentials` is what
    /// counts for a member's root credentials (see `AccountProgress.memberRootCredentials`).
    public func reasonNotApplicable(to account: AccountInfo, credentials: RootCredentials) -> String? {
        let kind = account.effectiveKind
        if let kinds, !kinds.contains(kind) {
            return "applies to \(describe(kinds)), and this is \(kind == .management ? "a management" : "a \(kind.rawValue)") account"
                + (account.kind == nil ? " (kind never set: treated as standalone)" : "")
        }
        if kind == .member, let wanted = memberRootCredentials {
            if credentials != wanted {
                return wanted == .present ? "applies while a member still has root credentials, and this member's were removed"
                    : "applies once a member's root credentials are removed"
            }
        }
        return nil
    }

    /// "standalone and management accounts", "member accounts with root credentials".
    public var summary: String {
        guard kinds != nil || memberRootCredentials != nil else { return "every account" }
        var text = describe(kinds ?? Set(AccountKind.allCases))
        if let memberRootCredentials { text += memberRootCredentials == .present ? " (members while they have root credentials)" : " (members whose root credentials were removed)" }
        return text
    }

    private func describe(_ kinds: Set<AccountKind>) -> String {
        let names = AccountKind.allCases.filter(kinds.contains).map(\.rawValue)
        let list = names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return list + (names.count == 1 ? " accounts" : " accounts")
    }
}

extension Checklist {
    /// The order a walk takes for an account of `kind`: a member's first step is removing its root
    /// credentials (AWS's advice for members, and the items it makes not applicable then drop out of
    /// the way); every other kind walks the definition's order. The definition itself (id, version,
    /// digest) is unchanged.
    public func walkOrder(for kind: AccountKind) -> Checklist {
        guard kind == .member else { return self }
        var ordered = self
        ordered.items = items.filter(\.removesMemberRootCredentials) + items.filter { !$0.removesMemberRootCredentials }
        return ordered
    }
}
