import ChecklistModel
import SystemImports

/// The fleet as one self-contained HTML page a reviewer opens or prints: an accounts × items
/// matrix with status, check results and contradictions, totals per item and per account. Inline
/// CSS only: no script, no remote asset, nothing fetched. Every text is escaped.
public enum SummaryHTML {
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in PlainText.sanitizeLine(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}
        h1{font-size:1.4em}table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:2px 6px;text-align:center}
        th.item{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal}
        td.name{text-align:left;white-space:nowrap}.done{background:#d7f5d7}.pending{background:#fff}
        .skipped{background:#fff2c6}.contradicted{background:#fde2e2}.not-applicable{background:#eee;color:#666}.fail{outline:3px solid #c00;outline-offset:-3px}
        .overdue{text-decoration:underline wavy #b60}.bad{color:#c00;font-weight:bold}.muted{color:#666}
        tfoot td{font-weight:bold}.good{color:#060}table.items td,table.items th{vertical-align:top;font-size:.9em;white-space:normal;text-align:left}table.items{width:100%;table-layout:fixed}
        table.items td{overflow-wrap:anywhere}
        section{margin-top:2em}h2{font-size:1.15em}footer{margin-top:2em;color:#666;font-size:.85em}a{color:inherit}
        @media print{body{margin:0;padding-right:2px}th,td{font-size:10px}section{break-before:page}tr{break-inside:avoid}a{text-decoration:none}}
        """

    /// `producer`: the program's version line, for the footer.
    public static func render(_ accounts: [AccountProgress], damaged: [UnreadableAccount], generatedAt: Date,
                              style: StatusStyle, revision: StateRevision? = nil, producer: String = "root-checklist") -> String {
        let items = SummaryCSV.itemIDs(accounts)
        let titles = Dictionary(accounts.flatMap { $0.entries.map { ($0.item.id, $0.item.title) } }, uniquingKeysWith: { first, _ in first })
        let complete = accounts.filter(\.isComplete).count
        let basis = CheckStandingText.basis(accounts.flatMap(\.entries))
        let contradicted = accounts.filter { !$0.contradictions.isEmpty }.count
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>AWS root user checklist: \(plural(accounts.count + damaged.count, "account"))</title>
            <style>\(css)</style>
            </head>
            <body>
            <h1>AWS root user checklist: \(plural(accounts.count + damaged.count, "account"))</h1>
            <p>Generated \(escape(StatusStyle.date(generatedAt))) by root-checklist. \(complete) complete, \(accounts.count - complete) incomplete\
            \(damaged.isEmpty ? "" : ", \(damaged.count) unreadable")\(contradicted == 0 ? "" : " (<span class=\"bad\">\(contradicted) with contradicted items</span>)"). Basis: \(escape(basis)).\
            \(revision.map { " " + escape(SummaryText.revisionLine($0)) } ?? "")</p>
            <table>
            <thead><tr><th>Account</th><th>Alias</th><th>Kind</th><th>Resolved</th>
            """
        for id in items { html += "<th class=\"item\" title=\"\(escape(titles[id] ?? id))\">\(escape(id))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for progress in accounts {
            let account = progress.state.account
            var kind = escape(account.effectiveKind.rawValue)
            if let status = account.status, status != .active { kind += " <span class=\"bad\">(\(escape(status.rawValue)))</span>" }
            html += "<tr><td class=\"name\"><a href=\"#\(anchor(account.id))\">\(account.id)</a></td><td class=\"name\">\(escape(account.alias ?? ""))</td><td>\(kind)</td>"
            html += "<td class=\"\(progress.isComplete ? "done" : "pending")\">\(progress.resolvedCount)/\(progress.total)"
                + (progress.isComplete ? "" : " <span class=\"bad\">incomplete\(CheckStandingText.verdictSuffix(progress))</span>") + "</td>"
            for id in items {
                guard let entry = progress.entry(id) else { html += "<td class=\"muted\">-</td>"; continue }
                // A contradicted done is not drawn as done (green): AWS says otherwise.
                var classes = [entry.contradicted || entry.changedByBoth ? "contradicted" : entry.status.rawValue]
                var detail = "\(titles[id] ?? id): \(style.label(entry))"
                if let standing = CheckStandingText.detail(entry) { detail += "; \(standing)" }
                if let check = entry.record.check { detail += "; AWS check \(check.outcome.rawValue): \(check.reason)" }
                if let reason = entry.record.reason ?? entry.notApplicableReason { detail += "; \(reason)" }
                if entry.contradicted || entry.changedByBoth { classes.append("fail") }
                if entry.overdue { classes.append("overdue"); detail += "; overdue (\(FollowUpText.describe(entry) ?? ""))" }
                let mark = entry.overridden != nil ? " (overridden)" : entry.record.check?.outcome == .pass && !entry.contradicted ? " ✔" : ""
                // What AWS said is printed in the cell, not only in hover text a printout loses.
                let said = entry.applies ? entry.record.check.flatMap { check -> String? in
                    switch check.outcome {
                    case .fail: return "<br><span class=\"bad\">AWS fail</span>"
                    case .unknown: return "<br><span class=\"muted\">AWS ?</span>"
                    default: return nil
                    }
                } ?? "" : ""
                html += "<td class=\"\(classes.joined(separator: " "))\" title=\"\(escape(detail))\">\(escape(style.glyph(entry)))\(escape(mark))\(said)</td>"
            }
            html += "</tr>\n"
        }
        for item in damaged {
            html += "<tr><td class=\"name\">\(escape(item.id))</td><td class=\"bad\" colspan=\"\(3 + items.count)\">unreadable: \(escape(item.error.description))</td></tr>\n"
        }
        html += "</tbody>\n<tfoot><tr><td colspan=\"4\">Resolved per item</td>"
        for id in items {
            let entries = accounts.compactMap { $0.entry(id) }
            html += "<td>\(entries.filter(\.resolved).count)/\(entries.count)</td>"
        }
        // Per item across the fleet: what AWS said, so a reviewer sees "fails in 22 of 22" at once.
        for (label, outcome) in [("AWS check fails", CheckOutcome.fail), ("AWS check unknown", .unknown), ("AWS check passes", .pass)] {
            html += "</tr>\n<tr><td colspan=\"4\">\(label)</td>"
            for id in items {
                let entries = accounts.compactMap { $0.entry(id) }.filter(\.applies)
                html += "<td>\(entries.filter { $0.record.check?.outcome == outcome }.count)</td>"
            }
        }
        html += """
            </tr></tfoot>
            </table>
            <p class="muted">\(escape(style.glyph(.done))) done, \(escape(style.glyph(.pending))) pending, \(escape(style.glyph(.skipped))) skipped, \
            \(escape(style.glyph(.notApplicable))) not applicable; ✔ checked against AWS; a red frame (\(escape(style.contradictionMark))): contradicted, marked done but the AWS check fails, or changed by both sides of a sync and not yet resolved; \
            (overridden): done against a failing AWS check by a recorded override; \
            underlined: overdue for a follow-up; "AWS fail" and "AWS ?" under a glyph: the latest check failed or could not settle the item. \
            Hover a cell for its reason and check; <code>root-checklist findings</code> lists them with their reasons.</p>
            """
        html += "\n"
        for progress in accounts { html += section(progress, style: style) }
        let digests = Set(accounts.compactMap { $0.state.checklist.digest }).sorted()
        let checklists = Set(accounts.map { "\($0.state.checklist.id) v\($0.state.checklist.version)" }).sorted()
        html += "<footer>Made by \(escape(producer)) on \(escape(StatusStyle.date(generatedAt))). Checklist \(escape(checklists.joined(separator: ", ")))"
            + (digests.isEmpty ? "" : ", content digest \(escape(digests.map { String($0.prefix(16)) + "…" }.joined(separator: ", ")))")
            + (revision.map { ". State: commit \(escape($0.commit)) of the shared state directory" } ?? "") + ".</footer>\n"
        return html + "</body>\n</html>\n"
    }
}
