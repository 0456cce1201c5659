import ChecklistModel
import SystemImports

extension SummaryText {
    /// `State: commit 0123456789ab of the shared state directory …`, for text and Markdown reports.
    public static func revisionLine(_ revision: StateRevision) -> String {
        let pending = revision.uncommitted
        let listed = pending.prefix(5).joined(separator: ", ") + (pending.count > 5 ? " and \(pending.count - 5) more" : "")
        return "State: commit \(revision.commit) of the shared state directory"
            + (pending.isEmpty ? "." : "; changed since then and not yet committed: \(listed).")
    }
}

/// One line of a summary and what it is: the text report prints the text, a screen styles it by its role.
public struct SummaryLine: Equatable, Sendable {
    public enum Role: Equatable, Sendable {
        case plain
        /// The progress line with the verdict (COMPLETE / INCOMPLETE).
        case verdict
        /// AWS contradicts a record, or two people changed an item: never to be missed.
        case alarm
    }

    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .plain) {
        self.text = text
        self.role = role
    }
}

/// The plain-text summary for a terminal: fits 80 columns, every item with its evidence and basis.
public enum SummaryText {
    public static func account(_ progress: AccountProgress, width: Int = 80, style: StatusStyle) -> String {
        accountLines(progress, width: width, style: style).map(\.text).joined(separator: "\n") + "\n"
    }

    /// The same summary as lines that say what they are, so a screen styles them without reading them again.
    public static func accountLines(_ progress: AccountProgress, width: Int = 80, style: StatusStyle) -> [SummaryLine] {
        var out: [SummaryLine] = []
        func add(_ lines: [String], _ role: SummaryLine.Role = .plain) { out += lines.map { SummaryLine($0, role) } }
        let state = progress.state
        let safe = PlainText.sanitizeLine
        let name = state.account.alias.map { " (\(safe($0)))" } ?? ""
        add(DisplayWidth.wrap("AWS root user checklist: account \(state.account.id)\(name)", columns: width))
        if let email = state.account.rootEmail { add(["Root email: \(safe(email))"]) }
        add(DisplayWidth.wrap("Kind:      \(AccountKindText.describe(state.account))", columns: width))
        add(["Checklist: \(safe(progress.checklist.title)) (\(state.checklist.id) v\(state.checklist.version))"])
        let verdict = (progress.isComplete ? "COMPLETE" : "INCOMPLETE") + CheckStandingText.verdictSuffix(progress)
            + FollowUpText.verdictSuffix(progress)
        add(["Progress:  [\(style.bar(progress.resolvedCount, of: progress.total, width: 20))] "
             + "\(progress.resolvedCount)/\(progress.total) resolved, required "
             + "\(progress.requiredResolved)/\(progress.requiredTotal): \(verdict)"], .verdict)
        add(DisplayWidth.wrap("Basis:     " + CheckStandingText.basis(progress.entries), columns: width))
        if let line = CheckStandingText.headLine(progress) {
            add(DisplayWidth.wrap("\(style.contradictionMark) \(line)", columns: width), .alarm)
        }
        if let line = ChangedByBothText.headLine(progress) {
            add(DisplayWidth.wrap("\(style.contradictionMark) \(line)", columns: width), .alarm)
        }
        if let line = CheckStandingText.overrideLine(progress) { add(DisplayWidth.wrap(line, columns: width)) }
        if let overdue = FollowUpText.overdueLine(progress) { add(DisplayWidth.wrap(overdue, columns: width)) }
        add(["Updated:   \(StatusStyle.date(state.updatedAt))", ""])
        for entry in progress.entries {
            out += itemLines(entry, width: width, style: style)
        }
        if !progress.retired.isEmpty {
            add(["", "Retired items (kept from an older checklist version):"])
            for retired in progress.retired {
                add(DisplayWidth.wrap("  \(style.glyph(retired.record.status)) \(safe(retired.id)): \(style.label(retired.record.status))",
                                      columns: width))
            }
        }
        return out
    }

    static func itemLines(_ entry: AccountProgress.Entry, width: Int, style: StatusStyle) -> [SummaryLine] {
        let record = entry.record
        let safe = PlainText.sanitizeLine
        var lines: [SummaryLine] = []
        // The id is what `mark` and scripts take, so a reviewer's note can name it.
        let marker = (entry.item.required ? " [required]" : "") + " (\(entry.item.id))"
        let label = style.label(entry)
        // A label wider than its column (contradicted) stands alone, above the title.
        if DisplayWidth.of(label) > 8 { lines.append(SummaryLine("\(style.glyph(entry)) \(label)", entry.contradicted || entry.changedByBoth ? .alarm : .plain)) }
        let head = DisplayWidth.of(label) > 8 ? String(repeating: " ", count: 10) : "\(style.glyph(entry)) \(DisplayWidth.pad(label, columns: 8))"
        for (index, line) in DisplayWidth.wrap(safe(entry.item.title) + marker, columns: width - 10).enumerated() {
            lines.append(SummaryLine((index == 0 ? head : String(repeating: " ", count: 10)) + line))
        }
        func detail(_ text: String, _ role: SummaryLine.Role = .plain) {
            for line in DisplayWidth.wrap(text, columns: width - 4) { lines.append(SummaryLine("    " + line, role)) }
        }
        if let reason = entry.notApplicableReason {
            detail("does not apply: \(reason)")
            return lines
        }
        if let standing = CheckStandingText.detail(entry) {
            if entry.contradicted || entry.changedByBoth {
                detail("\(style.contradictionMark) \(standing)", .alarm)
            } else {
                detail(standing)
            }
        }
        for version in record.changedByBoth ?? [] {
            detail("version by \(ChangedByBothText.heading(version, operator: nil)): \(HistoryText.version(version.values))")
        }
        if let by = record.by, let at = record.at, record.status != .pending {
            detail("by \(safe(by)) on \(StatusStyle.date(at))")
        }
        if let reason = record.reason { detail("reason: \(safe(reason))") }
        if let followUp = FollowUpText.describe(entry) { detail("follow up: \(followUp)") }
        for field in entry.item.evidence {
            if let value = record.evidence[field.key] { detail("\(safe(field.label)): \(safe(value))") }
        }
        if let note = record.note { detail("note: \(safe(note))") }
        if let check = record.check {
            detail("AWS check: \(check.outcome.rawValue) (\(check.source.rawValue), \(StatusStyle.date(check.at))): \(safe(check.reason))")
        } else if record.status != .pending {
            detail("basis: attested by a person (no AWS check recorded)")
        }
        return lines
    }

    /// Per item across the fleet, the items AWS fails or contradicts first (required before
    /// recommended): "root-mfa [required]: fails in 3 of 5 (1 contradicted); 2 done, 3 pending".
    static func itemTotals(_ accounts: [AccountProgress], width: Int) -> [String] {
        guard let first = accounts.first, accounts.count > 1 else { return [] }
        struct Row { var id: String; var required: Bool; var failing: Int; var contradicted: Int; var unknown: Int; var applies: Int; var done: Int }
        let rows = first.checklist.items.map { item -> Row in
            let entries = accounts.compactMap { $0.entry(item.id) }.filter(\.applies)
            return Row(id: item.id, required: item.required,
                       failing: entries.filter { $0.record.check?.outcome == .fail }.count,
                       contradicted: entries.filter(\.contradicted).count,
                       unknown: entries.filter { $0.record.check?.outcome == .unknown }.count,
                       applies: entries.count, done: entries.filter(\.resolved).count)
        }.filter { $0.applies > 0 && ($0.failing > 0 || $0.unknown > 0) }
            .sorted { ($0.failing > 0 ? 0 : 1, $0.required ? 0 : 1, -$0.failing) < ($1.failing > 0 ? 0 : 1, $1.required ? 0 : 1, -$1.failing) }
        guard !rows.isEmpty else { return [] }
        var out = ["", "AWS checks per item (of the accounts each applies to):"]
        for row in rows {
            var parts: [String] = []
            if row.failing > 0 { parts.append("fails in \(row.failing) of \(row.applies)" + (row.contradicted > 0 ? " (\(row.contradicted) contradicted)" : "")) }
            if row.unknown > 0 { parts.append("unknown in \(row.unknown)") }
            out += DisplayWidth.wrap("\(row.id)\(row.required ? " [required]" : ""): \(parts.joined(separator: ", ")); "
                                     + "\(row.done) of \(row.applies) resolved", columns: width - 2).map { "  " + $0 }
        }
        return out
    }

    /// `--all`: one line per account plus totals.
    /// `truncate`: aliases are cut to fit 80 columns (a terminal); otherwise (a pipe, a file) the
    /// alias column is as wide as the longest, since an alias is what people tell accounts apart by.
    public static func fleet(_ accounts: [AccountProgress], damaged: [UnreadableAccount],
                             width: Int = 80, truncate: Bool = true, style: StatusStyle) -> String {
        let longest = accounts.map { DisplayWidth.of(PlainText.sanitizeLine($0.state.account.alias ?? "-")) }.max() ?? 0
        let aliasWidth = truncate ? 13 : max(13, longest)
        var out = ["ACCOUNT       " + DisplayWidth.pad("ALIAS", columns: aliasWidth) + " KIND        PROGRESS             REQUIRED  STATUS"]
        for progress in accounts {
            let alias = DisplayWidth.pad(PlainText.sanitizeLine(progress.state.account.alias ?? "-"), columns: aliasWidth)
            let kind = DisplayWidth.pad(AccountKindText.short(progress.state.account), columns: 11)
            let bar = "[\(style.bar(progress.resolvedCount, of: progress.total, width: 10))]"
            let count = DisplayWidth.pad("\(progress.resolvedCount)/\(progress.total)", columns: 6)
            let required = DisplayWidth.pad("\(progress.requiredResolved)/\(progress.requiredTotal)", columns: 9)
            var status = progress.isComplete ? "complete" : "incomplete"
            if !progress.contradictions.isEmpty { status += " \(style.contradictionMark)\(progress.contradictions.count) contradicted" }
            if !progress.changedByBoth.isEmpty { status += " \(style.contradictionMark)\(progress.changedByBoth.count) changed by both" }
            if !progress.overdue.isEmpty { status += " \(progress.overdue.count) overdue" }
            out.append("\(progress.state.account.id)  \(alias) \(kind) \(bar) \(count) \(required) \(status)")
        }
        for item in damaged {
            out.append("\(item.id)  (unreadable: see the error below)")
        }
        let complete = accounts.filter(\.isComplete).count
        out.append("")
        let count = accounts.count + damaged.count
        var totals = "Totals: \(count) account\(count == 1 ? "" : "s"), \(complete) complete, "
            + "\(accounts.count - complete) incomplete"
        if !damaged.isEmpty { totals += ", \(damaged.count) unreadable" }
        let contradicted = accounts.filter { !$0.contradictions.isEmpty }.count
        if contradicted > 0 { totals += ", \(contradicted) with contradictions" }
        let overdue = accounts.filter { !$0.overdue.isEmpty }.count
        if overdue > 0 { totals += ", \(overdue) with overdue follow-ups" }
        out += DisplayWidth.wrap(totals, columns: width)
        out += itemTotals(accounts, width: width)
        if accounts.contains(where: { $0.state.account.kind == nil }) {
            out.append("* kind never set: treated as standalone (set it with `root-checklist edit ID --kind KIND`, or run verify)")
        }
        return out.joined(separator: "\n") + "\n"
    }
}
