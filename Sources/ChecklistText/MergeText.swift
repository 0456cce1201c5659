import ChecklistModel
import SystemImports

/// How a merge of shared state reports two operators' changes to the same thing.
public enum MergeText {
    /// `root-mfa changed by alice and by bob; bob's later change kept`.
    public static func clash(_ clash: MergeClash, account: String) -> String {
        let when = kept(clash).at.map { " (\(StatusStyle.date($0)))" } ?? ""
        return "\(account): \(short(clash))\(when), both are in the history"
    }

    /// `root-mfa changed by alice and by bob; bob's later change kept`: for a message line.
    public static func short(_ clash: MergeClash) -> String {
        let subject: String
        switch clash.subject {
        case .item(let id): subject = PlainText.sanitizeLine(id)
        case .account(let field): subject = "the account's \(PlainText.sanitizeLine(field))"
        }
        // The change not kept first, then the kept (later) one, whichever side ran the merge.
        let dropped = clash.keptTheirs ? clash.ours : clash.theirs
        let (first, second) = (PlainText.sanitizeLine(dropped.by), PlainText.sanitizeLine(kept(clash).by))
        let which = first == second ? "the later change" : "\(second)'s later change"
        return "\(subject) changed by \(first) and by \(second); \(which) kept"
    }

    static func kept(_ clash: MergeClash) -> MergeClash.Change { clash.keptTheirs ? clash.theirs : clash.ours }
}
