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
        let (ours, theirs) = (PlainText.sanitizeLine(clash.ours.by), PlainText.sanitizeLine(clash.theirs.by))
        let kept = clash.keptTheirs ? clash.theirs : clash.ours
        let keptName = PlainText.sanitizeLine(kept.by)
        let sameName = ours == theirs
        let which = sameName ? (clash.keptTheirs ? "the other side's" : "this side's") : "\(keptName)'s"
        let when = kept.at.map { " (\(StatusStyle.date($0)))" } ?? ""
        return "\(account): \(subject) changed by \(ours) and by \(theirs); \(which) later change kept\(when), both are in the history"
    }
}
