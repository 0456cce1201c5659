import ChecklistModel

/// How an account's place in AWS Organizations reads in summaries and the walkthrough.
public enum AccountKindText {
    /// "member of o-abc (management account 999900001111), root credentials removed";
    /// "standalone (kind never set: treated as standalone)".
    public static func describe(_ account: AccountInfo) -> String {
        guard let kind = account.kind else { return "standalone (kind never set: treated as standalone)" }
        let safe = PlainText.sanitizeLine
        switch kind {
        case .standalone:
            return "standalone"
        case .management:
            return "management account" + (account.organizationId.map { " of \(safe($0))" } ?? "")
        case .member:
            var text = "member" + (account.organizationId.map { " of \(safe($0))" } ?? "")
            if let management = account.managementAccountId { text += " (management account \(safe(management)))" }
            switch account.rootCredentials {
            case .removed: text += ", root credentials removed"
            case .present: text += ", root credentials present"
            case nil: text += ", root credentials not yet checked (counted as present)"
            }
            return text
        }
    }

    /// One word for a column: the kind, with `*` when never set (read as standalone).
    public static func short(_ account: AccountInfo) -> String {
        account.kind?.rawValue ?? "standalone*"
    }
}
