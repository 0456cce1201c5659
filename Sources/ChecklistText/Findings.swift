import ChecklistModel
import SystemImports

/// One account's item that needs attention, as a reviewer acts on it: the most serious reason,
/// with the item's status and its latest AWS check.
public struct Finding: Sendable, Equatable {
    /// Why the item needs attention, most serious first.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        /// Marked done, and the latest AWS check fails (no override).
        case contradicted
        /// Two people changed the item on two sides of a sync and nobody has resolved it.
        case changedByBoth = "changed-by-both"
        /// Not done, and the latest AWS check fails.
        case failing = "check-fails"
        /// A required item not yet resolved (pending or skipped).
        case requiredOpen = "required-open"
        /// The latest AWS check could not settle the item.
        case unknown = "check-unknown"
        /// Past its follow-up date.
        case overdue

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }

        /// How a reviewer reads it.
        public var label: String {
            switch self {
            case .contradicted: return "contradicted"
            case .changedByBoth: return ChangedByBothText.label
            case .failing: return "AWS check fails"
            case .requiredOpen: return "required, not done"
            case .unknown: return "AWS check unknown"
            case .overdue: return "overdue"
            }
        }
    }

    public var kind: Kind
    public var accountID: String
    public var alias: String?
    public var accountKind: AccountKind
    public var itemID: String
    public var title: String
    public var required: Bool
    /// The item's status as it counts (`contradicted` for a done AWS contradicts).
    public var status: String
    /// The latest check's outcome, nil when never checked.
    public var outcome: CheckOutcome?
    public var checkedAt: Date?
    /// The check's reason, or the follow-up, or the skip's reason: what to look at.
    public var detail: String

    /// Every finding of one account, one per item (its most serious reason).
    public static func of(_ progress: AccountProgress, style: StatusStyle) -> [Finding] {
        progress.entries.compactMap { entry -> Finding? in
            guard entry.applies || entry.changedByBoth else { return nil }
            let check = entry.record.check
            var kinds: [Kind] = []
            if entry.contradicted { kinds.append(.contradicted) }
            if entry.changedByBoth { kinds.append(.changedByBoth) }
            if check?.outcome == .fail, entry.overridden == nil, !entry.contradicted { kinds.append(.failing) }
            if entry.item.required, !entry.status.isResolvedForCompletion { kinds.append(.requiredOpen) }
            if check?.outcome == .unknown, entry.status != .done || entry.item.required { kinds.append(.unknown) }
            if entry.overdue { kinds.append(.overdue) }
            guard let kind = kinds.min() else { return nil }
            let detail: String
            switch kind {
            case .contradicted, .failing, .unknown: detail = check.map { PlainText.sanitizeLine($0.reason) } ?? ""
            case .requiredOpen:
                detail = entry.record.reason.map { "skipped: \(PlainText.sanitizeLine($0))" }
                    ?? check.map { "AWS check \($0.outcome.rawValue): \(PlainText.sanitizeLine($0.reason))" } ?? "not started"
            case .overdue: detail = FollowUpText.describe(entry) ?? ""
            case .changedByBoth: detail = "versions by \(ChangedByBothText.authors(entry.record.changedByBoth ?? [])); resolve it"
            }
            let account = progress.state.account
            return Finding(kind: kind, accountID: account.id, alias: account.alias.map(PlainText.sanitizeLine),
                           accountKind: account.effectiveKind, itemID: entry.item.id, title: PlainText.sanitizeLine(entry.item.title),
                           required: entry.item.required, status: style.label(entry), outcome: check?.outcome, checkedAt: check?.at,
                           detail: detail)
        }
    }

    /// Most serious first, then by account and the checklist's order.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            if a.element.kind != b.element.kind { return a.element.kind < b.element.kind }
            if a.element.accountID != b.element.accountID { return a.element.accountID < b.element.accountID }
            return a.offset < b.offset
        }.map(\.element)
    }
}
