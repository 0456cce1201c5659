import ChecklistModel
import ChecklistText
import SystemImports

extension View {
    static func drawAccountList(_ grid: inout Grid, _ state: AppState, selected: Int) {
        let style = StatusStyle(ascii: state.options.ascii)
        // What needs attention comes first; "incomplete" is left out when a mark already says so
        // and the row is short of room.
        func statusText(_ row: AccountRow, terse: Bool) -> String {
            var marks: [String] = []
            if row.contradictions > 0 { marks.append("\(style.contradictionMark)\(row.contradictions) contradicted") }
            if row.changedByBoth > 0 { marks.append("\(style.contradictionMark)\(row.changedByBoth) changed by both") }
            if row.overdue > 0 { marks.append("\(row.overdue) overdue") }
            let word = row.complete ? "complete" : "incomplete"
            return ((terse && !marks.isEmpty) ? marks : [word] + marks).joined(separator: " ")
        }
        let rows = state.listedAccounts
        func widest(terse: Bool) -> Int { max(10, rows.map { DisplayWidth.of(statusText($0, terse: terse)) }.max() ?? 0) }
        // Fixed columns first (the id is never cut), the status as wide as its longest entry, the
        // update time down to the day when room is short, and the alias takes what is left; short
        // of room, the status drops "incomplete" beside a mark, then the bar gives way to the count.
        let terse = 52 + widest(terse: false) + 18 > grid.width
        let statusWidth = widest(terse: terse)
        let showBar = 52 + statusWidth + 18 <= grid.width
        let fixed = 52 + statusWidth - (showBar ? 0 : 13)
        // The alias is the human key: short of room, the update time goes before the alias is cut.
        let longestAlias = min(40, max(8, rows.map { DisplayWidth.of(PlainText.sanitizeLine($0.alias ?? "-")) }.max() ?? 0))
        var dateWidth = grid.width - fixed - 16 >= longestAlias ? 16 : 10
        if grid.width - fixed - dateWidth < longestAlias { dateWidth = 0 }
        let aliasWidth = min(40, max(8, grid.width - fixed - dateWidth))
        grid.put(" ACCOUNT       " + DisplayWidth.pad("ALIAS", columns: aliasWidth) + "  KIND        " + (showBar ? "PROGRESS            " : "PROGR. ")
                 + DisplayWidth.pad("STATUS", columns: statusWidth) + "  " + (dateWidth == 16 ? "UPDATED (UTC)" : dateWidth == 0 ? "" : "UPDATED"),
                 row: 2, column: 0, style: .muted)
        let visible = state.bodyHeight - 1
        if rows.isEmpty && !state.accounts.isEmpty {
            // A narrowed list that shows nothing says why, and how to see the rest.
            var why: [String] = []
            if state.accountFilter != .all { why.append("\(state.accountFilter.noneText) (f shows the others)") }
            if !state.accountText.isEmpty { why.append("nothing matches \"\(PlainText.sanitizeLine(state.accountText))\" (Esc clears the search)") }
            grid.put(" " + why.joined(separator: "; ") + ".", row: 3, column: 0, style: .muted, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
        }
        let top = max(0, min(selected - visible + 1, rows.count - visible))
        for (offset, row) in rows.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let alias = DisplayWidth.pad(PlainText.sanitizeLine(row.alias ?? "-"), columns: aliasWidth)
            let kind = DisplayWidth.pad(row.kind ?? "unset", columns: 10)
            let count = DisplayWidth.pad("\(row.resolved)/\(row.total)", columns: 6)
            let bar = showBar ? "[\(style.bar(row.resolved, of: row.total, width: 10))] " + count : count
            let status = DisplayWidth.pad(statusText(row, terse: terse), columns: statusWidth)
            // Short of room, how long ago says more than a date every row shares.
            let updated = dateWidth == 10 && state.listClock != nil
                ? relative(row.updatedAt, to: state.listClock!) : String(StatusStyle.date(row.updatedAt).dropLast(4).prefix(dateWidth))
            let line = " \(row.id)  \(alias)  \(kind)  \(bar) \(status)  \(updated)"
            let rowStyle: CellStyle = index == selected ? .selected : .plain
            if index == selected { grid.fill(row: 3 + offset, style: .selected) }
            grid.put(line, row: 3 + offset, column: 0, style: rowStyle, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
        }
        // Rows above or below the screen are marked, as on the overview.
        if top > 0 { grid.put(style.ascii ? "^" : "▲", row: 3, column: grid.width - 1, style: .muted) }
        if top + visible < rows.count { grid.put(style.ascii ? "v" : "▼", row: 2 + min(visible, rows.count - top), column: grid.width - 1, style: .muted) }
    }

    /// "just now", "12 min ago", "3 h ago", "4 d ago", then the day: at most 10 columns.
    static func relative(_ date: Date, to now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(Int(seconds / 60)) min ago"
        case ..<86_400: return "\(Int(seconds / 3600)) h ago"
        case ..<(30 * 86_400): return "\(Int(seconds / 86_400)) d ago"
        default: return String(ISODate.format(date).prefix(10))
        }
    }

    /// An item's check column in a word or two, most urgent first: what the overview and the pane
    /// beside the account list show.
    static func checkText(_ entry: AccountProgress.Entry) -> (text: String, style: CellStyle) {
        if entry.changedByBoth { return (ChangedByBothText.label, .bad) }
        if entry.contradicted { return (CheckStandingText.contradictedLabel, .bad) }
        if entry.overridden != nil { return ("overridden", CellStyle(tint: .warn)) }
        if entry.overdue { return ("overdue", CellStyle(tint: .warn)) }
        guard let check = entry.record.check else { return ("", .muted) }
        return (check.outcome == .unknown ? "AWS ?" : "AWS \(check.outcome.rawValue)",
                check.outcome == .pass ? .good : check.outcome == .fail ? .bad : CellStyle(tint: .warn))
    }

    /// Rows no wider than this on very wide terminals: the eye can follow a row from title to status.
    static let maxRowWidth = 110

    static func drawOverview(_ grid: inout Grid, _ state: AppState, selected: Int, scroll: Int) {
        guard let session = state.session else { return }
        let style = StatusStyle(ascii: state.options.ascii)
        let visible = max(1, state.bodyHeight - 2)
        let shown = Array(session.progress.entries.dropFirst(scroll).prefix(visible))
        let check = checkText
        // Columns only as wide as what the visible rows hold: the titles get every other column.
        let rowWidth = min(grid.width - 2, maxRowWidth)
        let requiredWidth = shown.contains { $0.item.required } ? 8 : 0
        let checkWidth = shown.map { DisplayWidth.of(check($0).text) }.max() ?? 0
        // Each row starts with the number a digit key jumps to.
        let numberWidth = String(session.checklist.items.count).count
        let titleWidth = max(10, rowWidth - 4 - numberWidth - (requiredWidth > 0 ? requiredWidth + 2 : 0) - (checkWidth > 0 ? checkWidth + 2 : 0))
        for (offset, entry) in shown.enumerated() {
            let index = scroll + offset
            let row = 2 + offset
            let isSelected = index == selected
            let base: CellStyle = isSelected ? .selected : .plain
            if isSelected { grid.fill(row: row, style: .selected) }
            var column = 1
            var numberStyle = CellStyle.muted
            numberStyle.reverse = isSelected
            let number = String(index + 1)
            column += grid.put(String(repeating: " ", count: numberWidth - number.count) + number + " ", row: row, column: column, style: numberStyle)
            var glyphStyle = entry.contradicted || entry.changedByBoth ? CellStyle.bad : View.style(for: entry.status)
            glyphStyle.reverse = isSelected
            column += grid.put(style.glyph(entry), row: row, column: column, style: glyphStyle)
            column += 1
            let title = PlainText.sanitizeLine(entry.item.title)
            grid.put(DisplayWidth.truncate(title, columns: titleWidth, ellipsis: state.options.ellipsis),
                     row: row, column: column, style: base)
            column += titleWidth + 2
            if entry.item.required {
                var required = CellStyle(tint: .warn)
                required.reverse = isSelected
                grid.put("required", row: row, column: column, style: required)
            }
            if requiredWidth > 0 { column += requiredWidth + 2 }
            var (checkText, checkStyle) = check(entry)
            checkStyle.reverse = isSelected
            grid.put(checkText, row: row, column: column, style: checkStyle, maxWidth: max(0, grid.width - column))
        }
        let legend = ["\(style.glyph(.done)) done", "\(style.glyph(.pending)) pending", "\(style.glyph(.skipped)) skipped",
                      "\(style.glyph(.notApplicable)) n/a", "\(style.contradictionMark) contradicted by AWS"]
        let long = " " + legend.joined(separator: "   ")
        let text = DisplayWidth.of(long) < grid.width ? long : " " + legend.dropLast().joined(separator: "  ") + "  \(style.contradictionMark) contradicted"
        grid.put(text, row: 2 + state.bodyHeight - 1, column: 0, style: .muted, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
        if scroll > 0 { grid.put(style.ascii ? "^" : "▲", row: 2, column: grid.width - 1, style: .muted) }
        if scroll + visible < session.checklist.items.count {
            grid.put(style.ascii ? "v" : "▼", row: 1 + visible, column: grid.width - 1, style: .muted)
        }
    }

    struct FormLayout {
        var fieldRows: [Int]
        var boxColumn: Int
        var boxWidth: Int
        var introLines: [String]
        var top: Int
    }

    /// Rows of a form: the intro, then per field a label line (with its hint or error) and an input
    /// line; scrolled so the focused field is visible.
    static func formLayout(_ state: AppState, form: Form) -> FormLayout {
        let boxColumn = 4
        let boxWidth = max(10, state.width - boxColumn - 2)
        // An intro may hold lines of its own (a version each); each is wrapped on its own.
        let intro = PlainText.sanitizeLines(form.intro).flatMap { DisplayWidth.wrap($0, columns: state.width - 2) }
        let perField = 3
        let available = state.bodyHeight - intro.count - 2
        var first = 0
        while (form.focus - first + 1) * perField > available && first < form.focus { first += 1 }
        let top = 2 + intro.count + 1
        let rows = form.fields.indices.map { top + 1 + ($0 - first) * perField }
        return FormLayout(fieldRows: rows, boxColumn: boxColumn, boxWidth: boxWidth, introLines: intro, top: top)
    }

    static func drawForm(_ grid: inout Grid, _ state: AppState, form: Form) {
        let layout = formLayout(state, form: form)
        for (index, line) in layout.introLines.enumerated() { grid.put(" " + line, row: 2 + index, column: 0, style: .muted) }
        let bottom = 2 + state.bodyHeight - 1
        for (index, field) in form.fields.enumerated() {
            let row = layout.fieldRows[index]
            guard row - 1 >= layout.top, row < bottom else { continue }
            let focused = index == form.focus
            let marker = focused ? (state.options.ascii ? ">" : "›") : " "
            var column = 1
            column += grid.put("\(marker) \(field.label)\(field.required ? " *" : "")", row: row - 1, column: column,
                               style: focused ? .bold : .plain)
            if let error = field.error {
                let lead = "  " + (state.options.ascii ? "! " : "✗ ")
                let room = grid.width - column - 1 - DisplayWidth.of(lead)
                let lines = DisplayWidth.wrap(error, columns: max(10, room))
                grid.put(lead + (lines.first ?? ""), row: row - 1, column: column, style: .bad,
                         maxWidth: grid.width - column - 1, ellipsis: state.options.ellipsis)
                // An error too long for the label line goes on under the input box, so the advice
                // (often the part that says what to do) is not cut off.
                if lines.count > 1, row + 1 < bottom {
                    grid.put(lines.dropFirst().joined(separator: " "), row: row + 1, column: layout.boxColumn, style: .bad,
                             maxWidth: grid.width - layout.boxColumn - 1, ellipsis: state.options.ellipsis)
                }
            } else if DisplayWidth.of("  " + field.hint) <= grid.width - column - 1 {
                grid.put("  " + field.hint, row: row - 1, column: column, style: .muted)
            } else if row + 1 < bottom {
                // Too long for the label line: whole, under the input box, where nothing else goes.
                let hintColumn = DisplayWidth.of(field.hint) <= grid.width - layout.boxColumn - 1 ? layout.boxColumn : 1
                grid.put(field.hint, row: row + 1, column: hintColumn, style: .muted,
                         maxWidth: grid.width - hintColumn - 1, ellipsis: state.options.ellipsis)
            } else {
                grid.put("  " + field.hint, row: row - 1, column: column, style: .muted, maxWidth: grid.width - column - 1,
                         ellipsis: state.options.ellipsis)
            }
            var box = CellStyle(underline: true)
            if focused { box.reverse = true }
            grid.fill(row: row, from: layout.boxColumn, width: layout.boxWidth, style: box)
            grid.put(field.input.window(width: layout.boxWidth).text, row: row, column: layout.boxColumn, style: box,
                     maxWidth: layout.boxWidth)
        }
        if let error = form.error {
            grid.put(" " + error, row: bottom, column: 0, style: .bad, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
        }
    }
}
