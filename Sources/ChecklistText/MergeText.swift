import ChecklistModel
import SystemImports

/// How a merge of shared state reports two operators' changes to the same thing.
public enum MergeText {
    /// `root-mfa changed by alice and by bob; bob's later change kept`.
    public static func clash(_ clash: MergeClash, account: String) -> String {
        let subject: String
        switch clash.subject {
        case .item(let id): subject = PlainText.sanitizeLine(id)
        case .account(let field): subject = "the account's \(PlainText.sanitizeLine(field))"
        }
        // The change not kept first, then the kept (later) one, whichever side ran the merge.
        let (dropped, kept) = clash.keptTheirs ? (clash.ours, clash.theirs) : (clash.theirs, clash.ours)
        let (first, second) = (PlainText.sanitizeLine(dropped.by), PlainText.sanitizeLine(kept.by))
        let which = first == second ? "the later change" : "\(second)'s later change"
        let when = kept.at.map { " (\(StatusStyle.date($0)))" } ?? ""
        return "\(account): \(subject) changed by \(first) and by \(second); \(which) kept\(when), both are in the history"
    }
}
