import ChecklistModel
import SystemImports

/// The summary as Markdown, to paste into a ticket. Untrusted text is escaped so it cannot break a table.
public enum SummaryMarkdown {
    /// Escapes Markdown syntax and flattens to one line so a value stays inside its table cell.
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in PlainText.sanitizeLine(text) {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#", "~", "!":
                result.append("\\")
                result.append(character)
            default:
                result.append(character)
            }
        }
        return result
    }

    public static func account(_ progress: AccountProgress, style: StatusStyle) -> String {
        let state = progress.state
        var out: [String] = []
        let alias = state.account.alias.map { " (\(escape($0)))" } ?? ""
        out.append("## AWS root user checklist: account \(state.account.id)\(alias)")
        out.append("")
        if let email = state.account.rootEmail { out.append("- Root email: \(escape(email))") }
        out.append("- Kind: \(escape(AccountKindText.describe(state.account)))")
        out.append("- Checklist: \(escape(progress.checklist.title)) (`\(state.checklist.id)` v\(state.checklist.version))")
        out.append("- Progress: \(progress.resolvedCount)/\(progress.total) resolved; required "
                   + "\(progress.requiredResolved)/\(progress.requiredTotal): **\(progress.isComplete ? "complete" : "incomplete")"
                   + "\(CheckStandingText.verdictSuffix(progress))\(FollowUpText.verdictSuffix(progress))**")
        out.append("- Basis: " + escape(CheckStandingText.basis(progress.entries)))
        let overdue = progress.overdue
        if !overdue.isEmpty {
            out.append("- **Overdue:** " + overdue.map { "`\($0.item.id)` (\(escape(FollowUpText.describe($0) ?? "")))" }.joined(separator: ", "))
        }
        if let line = CheckStandingText.headLine(progress) { out.append("- **\(escape(line))**") }
        if let line = ChangedByBothText.headLine(progress) { out.append("- **\(escape(line))**") }
        if let line = CheckStandingText.overrideLine(progress) { out.append("- " + escape(line)) }
        out.append("- Updated: \(StatusStyle.date(state.updatedAt))")
        out.append("")
        out.append("| Status | Item | Required | Basis | Details |")
        out.append("|---|---|---|---|---|")
        for entry in progress.entries {
            let record = entry.record
            var details: [String] = []
            if let reason = entry.notApplicableReason { details.append("does not apply: \(escape(reason))") }
            if let standing = CheckStandingText.detail(entry) {
                details.append(entry.contradicted || entry.changedByBoth ? "**\(escape(standing))**" : escape(standing))
            }
            for version in record.changedByBoth ?? [] {
                details.append("version by \(escape(ChangedByBothText.heading(version, operator: nil))): \(escape(HistoryText.version(version.values)))")
            }
            if let by = record.by, let at = record.at, record.status != .pending {
                details.append("by \(escape(by)), \(StatusStyle.date(at))")
            }
            if let reason = record.reason { details.append("reason: \(escape(reason))") }
            if let followUp = FollowUpText.describe(entry) {
                details.append(entry.overdue ? "**follow up: \(escape(followUp))**" : "follow up: \(escape(followUp))")
            }
            for field in entry.item.evidence {
                if let value = record.evidence[field.key] { details.append("\(escape(field.label)): \(escape(value))") }
            }
            if let note = record.note { details.append("note: \(escape(note))") }
            if let check = record.check {
                details.append("AWS check \(check.outcome.rawValue) (\(check.source.rawValue), "
                               + "\(StatusStyle.date(check.at))): \(escape(check.reason))")
            }
            let status = "\(escape(style.glyph(entry))) \(style.label(entry))"
            out.append("| \(status) | \(escape(entry.item.title)) (`\(entry.item.id)`) | \(entry.item.required ? "yes" : "no") | "
                       + "\(AccountProgress.basis(of: entry)) | \(details.joined(separator: "<br>")) |")
        }
        if !progress.retired.isEmpty {
            out.append("")
            out.append("Retired items (kept from an older checklist version): "
                       + progress.retired.map { "`\(escape($0.id))` \(style.label($0.record.status))" }.joined(separator: ", "))
        }
        return out.joined(separator: "\n") + "\n"
    }

    public static func fleet(_ accounts: [AccountProgress], damaged: [UnreadableAccount], style: StatusStyle) -> String {
        var out = ["## AWS root user checklist: \(accounts.count + damaged.count) accounts", "",
                   "| Account | Alias | Kind | Progress | Required | Status |", "|---|---|---|---|---|---|"]
        for progress in accounts {
            var status = progress.isComplete ? "complete" : "**incomplete**"
            if !progress.contradictions.isEmpty { status += " (\(progress.contradictions.count) contradicted)" }
            if !progress.changedByBoth.isEmpty { status += " (\(progress.changedByBoth.count) changed by both)" }
            if !progress.overdue.isEmpty { status += " (\(progress.overdue.count) overdue)" }
            out.append("| \(progress.state.account.id) | \(escape(progress.state.account.alias ?? "")) | "
                       + "\(escape(AccountKindText.short(progress.state.account))) | "
                       + "\(progress.resolvedCount)/\(progress.total) | \(progress.requiredResolved)/\(progress.requiredTotal) | \(status) |")
        }
        for item in damaged { out.append("| \(item.id) |  |  |  |  | **unreadable** |") }
        let complete = accounts.filter(\.isComplete).count
        out.append("")
        out.append("Totals: \(complete) complete, \(accounts.count - complete) incomplete"
                   + (damaged.isEmpty ? "" : ", \(damaged.count) unreadable") + ".")
        return out.joined(separator: "\n") + "\n"
    }
}
