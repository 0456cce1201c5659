import ChecklistModel
import SystemImports

/// The fleet as CSV for spreadsheets (RFC 4180): one row per account, one column per item.
public enum SummaryCSV {
    /// A field quoted when it must be, and defused when a spreadsheet would read it as a formula:
    /// an alias such as `=HYPERLINK(…)` comes from the organization, not from a person here.
    public static func field(_ text: String) -> String {
        var value = PlainText.sanitizeLine(text)
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "'" }) || value.hasPrefix(" ") || value.hasSuffix(" ") else {
            return value
        }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// The item columns: every item of the checklists in use, in the first checklist's order.
    static func itemIDs(_ accounts: [AccountProgress]) -> [String] {
        var seen: Set<String> = []
        var ids: [String] = []
        for progress in accounts {
            for entry in progress.entries where seen.insert(entry.item.id).inserted { ids.append(entry.item.id) }
        }
        return ids
    }

    public static func render(_ accounts: [AccountProgress], damaged: [UnreadableAccount]) -> String {
        let items = itemIDs(accounts)
        // Each item has its status column and its latest AWS check beside it ("fail: reason").
        var lines = [(["account_id", "alias", "kind", "status", "complete", "resolved", "total", "required_resolved",
                       "required_total", "contradictions", "overdue", "updated_at"] + items.flatMap { [$0, "\($0) check"] })
            .map(field).joined(separator: ",")]
        for progress in accounts {
            let account = progress.state.account
            var row = [account.id, account.alias ?? "", account.effectiveKind.rawValue, account.status?.rawValue ?? "",
                       progress.isComplete ? "yes" : "no", "\(progress.resolvedCount)", "\(progress.total)",
                       "\(progress.requiredResolved)", "\(progress.requiredTotal)",
                       progress.contradictions.map(\.item.id).joined(separator: " "),
                       progress.overdue.map(\.item.id).joined(separator: " "), ISODate.format(progress.state.updatedAt)]
            for id in items {
                guard let entry = progress.entry(id) else { row += ["", ""]; continue }
                var cell = entry.contradicted ? CheckStandingText.contradictedLabel : entry.status.rawValue
                if entry.changedByBoth { cell += " (\(ChangedByBothText.label))" }
                if entry.overridden != nil { cell += " (AWS check overridden)" }
                if entry.overdue { cell += " (overdue)" }
                row.append(cell)
                row.append(entry.record.check.map { "\($0.outcome.rawValue): \($0.reason)" } ?? "")
            }
            lines.append(row.map(field).joined(separator: ","))
        }
        for item in damaged {
            lines.append(([item.id, "", "", "", "unreadable"] + Array(repeating: "", count: 7 + 2 * items.count)).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
