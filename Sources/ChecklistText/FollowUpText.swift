import ChecklistModel

/// How follow-ups read: a skip's due date or a done item's re-check, and whether it is overdue.
/// One wording for the walkthrough, every summary and `list`.
public enum FollowUpText {
    /// "due 2027-01-31, OVERDUE" or "re-check by 2027-05-29 (every 180 days)".
    public static func describe(_ entry: AccountProgress.Entry) -> String? {
        guard let followUp = entry.followUp, entry.applies else { return nil }
        var text: String
        switch followUp.kind {
        case .due: text = "due \(followUp.date)"
        case .recheck:
            text = "re-check by \(followUp.date) (every \(entry.item.recheckDays ?? 0) days"
                + (entry.item.checkConfirms ? "; a passing AWS check counts)" : ")")
        }
        if followUp.overdue { text += ", OVERDUE" }
        return text
    }

    /// ", 2 overdue" after a verdict, or nothing: a complete account with overdue follow-ups says so.
    public static func verdictSuffix(_ progress: AccountProgress) -> String {
        let count = progress.overdue.count
        return count == 0 ? "" : ", \(count) overdue"
    }

    /// The line naming every overdue item, for a summary's head; nil when none is.
    public static func overdueLine(_ progress: AccountProgress) -> String? {
        let overdue = progress.overdue
        guard !overdue.isEmpty else { return nil }
        return "Overdue:   \(overdue.count) item\(overdue.count == 1 ? "" : "s") past the follow-up date: "
            + overdue.map { "\($0.item.id) (\(describe($0) ?? ""))" }.joined(separator: "; ")
    }
}
