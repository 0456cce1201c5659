import ChecklistModel
import SystemImports

/// The part of the HTML page a reviewer reads on paper: a section per account, linked from the
/// matrix, with every item's status, evidence, who and when, the check and its reason, follow-ups.
extension SummaryHTML {
    static func anchor(_ id: String) -> String { "acct-" + id.filter(\.isNumber) }

    static func section(_ progress: AccountProgress, style: StatusStyle) -> String {
        let account = progress.state.account
        let alias = account.alias.map { " (\(escape($0)))" } ?? ""
        var verdict = progress.isComplete ? "<span class=\"good\">complete</span>" : "<span class=\"bad\">incomplete</span>"
        if !progress.contradictions.isEmpty { verdict += ", <span class=\"bad\">\(progress.contradictions.count) contradicted</span>" }
        if !progress.overdue.isEmpty { verdict += ", \(progress.overdue.count) overdue" }
        var html = "<section id=\"\(anchor(account.id))\"><h2>\(account.id)\(alias)</h2>\n"
        html += "<p>\(escape(AccountKindText.describe(account))). \(progress.resolvedCount) of \(progress.total) resolved, required "
            + "\(progress.requiredResolved) of \(progress.requiredTotal): \(verdict). Basis: \(escape(CheckStandingText.basis(progress.entries))). "
            + "Checklist \(escape(progress.state.checklist.id)) v\(progress.state.checklist.version). "
            + "Updated \(escape(StatusStyle.date(progress.state.updatedAt))).</p>\n"
        html += "<table class=\"items\"><colgroup><col style=\"width:24%\"><col style=\"width:24%\"><col style=\"width:20%\"><col style=\"width:10%\"><col style=\"width:22%\"></colgroup>"
            + "<thead><tr><th>Item</th><th>Status</th><th>Evidence and note</th><th>By, when</th><th>AWS check</th></tr></thead><tbody>\n"
        for entry in progress.entries {
            let record = entry.record
            var status = "\(escape(style.glyph(entry))) \(escape(style.label(entry)))"
            if let reason = entry.notApplicableReason { status += "<br><span class=\"muted\">\(escape(reason))</span>" }
            if let reason = record.reason { status += "<br>reason: \(escape(reason))" }
            let flagged = entry.contradicted || entry.changedByBoth
            if let standing = CheckStandingText.detail(entry) { status += "<br><span class=\"\(flagged ? "bad" : "muted")\">\(escape(standing))</span>" }
            for version in record.changedByBoth ?? [] {
                status += "<br>version by \(escape(ChangedByBothText.heading(version, operator: nil))): \(escape(HistoryText.version(version.values)))"
            }
            if let followUp = FollowUpText.describe(entry) { status += "<br><span class=\"\(entry.overdue ? "bad" : "muted")\">follow up: \(escape(followUp))</span>" }
            var evidence = entry.item.evidence.compactMap { field in
                record.evidence[field.key].map { "\(escape(field.label)): \(escape($0))" }
            }
            if let note = record.note { evidence.append("note: " + PlainText.sanitizeLines(note).map(escape).joined(separator: "<br>")) }
            let who = record.status != .pending ? [record.by.map(escape), record.at.map { escape(StatusStyle.date($0)) }].compactMap { $0 }.joined(separator: "<br>") : ""
            let check = record.check.map { check in
                "<span class=\"\(check.outcome == .fail ? "bad" : check.outcome == .pass ? "good" : "muted")\">\(check.outcome.rawValue)</span> "
                    + "(\(escape(check.source.rawValue)), \(escape(StatusStyle.date(check.at)))): \(escape(check.reason))"
            } ?? (entry.item.check == nil ? "<span class=\"muted\">no automated check</span>" : "<span class=\"muted\">not checked</span>")
            let required = entry.item.required ? " <span class=\"muted\">[required]</span>" : ""
            html += "<tr class=\"\(flagged ? "contradicted" : entry.status.rawValue)\"><td class=\"name\">\(escape(entry.item.title))\(required)<br>"
                + "<code>\(escape(entry.item.id))</code></td><td class=\"name\">\(status)</td><td class=\"name\">\(evidence.joined(separator: "<br>"))</td>"
                + "<td class=\"name\">\(who)</td><td class=\"name\">\(check)</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    /// "1 account", "2 accounts".
    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
