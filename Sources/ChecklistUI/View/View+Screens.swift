import ChecklistModel
import ChecklistText
import SystemImports

extension View {
    static func drawAccountList(_ grid: inout Grid, _ state: AppState, selected: Int) {
        let style = StatusStyle(ascii: state.options.ascii)
        func statusText(_ row: AccountRow) -> String {
            var text = row.complete ? "complete" : "incomplete"
            if row.contradictions > 0 { text += " \(style.contradictionMark)\(row.contradictions)" }
            if row.overdue > 0 { text += " \(row.overdue) overdue" }
            return text
        }
        // Fixed columns first (the id is never cut), the status as wide as its longest entry, the
        // update time down to the day when room is short, and the alias takes what is left.
        let statusWidth = max(10, state.accounts.map { DisplayWidth.of(statusText($0)) }.max() ?? 0)
        let fixed = 40 + statusWidth
        let dateWidth = grid.width - fixed - 16 >= 8 ? 16 : 10
        let aliasWidth = max(8, grid.width - fixed - dateWidth)
        grid.put(" ACCOUNT       " + DisplayWidth.pad("ALIAS", columns: aliasWidth) + "  PROGRESS            "
                 + DisplayWidth.pad("STATUS", columns: statusWidth) + "  " + (dateWidth == 16 ? "UPDATED (UTC)" : "UPDATED"),
                 row: 2, column: 0, style: .muted)
        let visible = state.bodyHeight - 1
        let top = max(0, min(selected - visible + 1, state.accounts.count - visible))
        for (offset, row) in state.accounts.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let alias = DisplayWidth.pad(PlainText.sanitizeLine(row.alias ?? "-"), columns: aliasWidth)
            let bar = "[\(style.bar(row.resolved, of: row.total, width: 10))] " + DisplayWidth.pad("\(row.resolved)/\(row.total)", columns: 6)
            let status = DisplayWidth.pad(statusText(row), columns: statusWidth)
            let line = " \(row.id)  \(alias)  \(bar) \(status)  \(StatusStyle.date(row.updatedAt).dropLast(4).prefix(dateWidth))"
            let rowStyle: CellStyle = index == selected ? .selected : .plain
            if index == selected { grid.fill(row: 3 + offset, style: .selected) }
            grid.put(line, row: 3 + offset, column: 0, style: rowStyle)
        }
    }

    static func drawOverview(_ grid: inout Grid, _ state: AppState, selected: Int, scroll: Int) {
        guard let session = state.session else { return }
        let style = StatusStyle(ascii: state.options.ascii)
        let visible = max(1, state.bodyHeight - 2)
        let titleWidth = max(10, grid.width - 29)
        for (offset, entry) in session.progress.entries.dropFirst(scroll).prefix(visible).enumerated() {
            let index = scroll + offset
            let row = 2 + offset
            let isSelected = index == selected
            let base: CellStyle = isSelected ? .selected : .plain
            if isSelected { grid.fill(row: row, style: .selected) }
            var column = 1
            var glyphStyle = View.style(for: entry.status)
            glyphStyle.reverse = isSelected
            column += grid.put(style.glyph(entry.status), row: row, column: column, style: glyphStyle)
            column += 1
            let title = PlainText.sanitizeLine(entry.item.title)
            grid.put(DisplayWidth.truncate(title, columns: titleWidth, ellipsis: style.ascii ? "~" : "…"),
                     row: row, column: column, style: base)
            column = 2 + 1 + titleWidth + 1
            if entry.item.required {
                var required = CellStyle(tint: .warn)
                required.reverse = isSelected
                grid.put("required", row: row, column: column, style: required)
            }
            column += 10
            var checkText = ""
            var checkStyle: CellStyle = .muted
            if entry.overdue {
                checkText = "overdue"
                checkStyle = CellStyle(tint: .warn)
            } else if let check = entry.record.check {
                checkText = check.outcome == .unknown ? "AWS ?" : "AWS \(check.outcome.rawValue)"
                checkStyle = check.outcome == .pass ? .good : check.outcome == .fail ? .bad : CellStyle(tint: .warn)
            }
            if entry.contradicted {
                checkText = "\(style.contradictionMark) AWS fail"
                checkStyle = .bad
            }
            checkStyle.reverse = isSelected
            grid.put(checkText, row: row, column: column, style: checkStyle, maxWidth: grid.width - column)
        }
        let legend = ["\(style.glyph(.done)) done", "\(style.glyph(.pending)) pending", "\(style.glyph(.skipped)) skipped",
                      "\(style.glyph(.notApplicable)) n/a", "\(style.contradictionMark) done but AWS check failed"]
        grid.put(" " + legend.joined(separator: "   "), row: 2 + state.bodyHeight - 1, column: 0, style: .muted)
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
        let intro = DisplayWidth.wrap(PlainText.sanitizeLine(form.intro), columns: state.width - 2)
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
            grid.put(" " + error, row: bottom, column: 0, style: .bad, maxWidth: grid.width - 1)
        }
    }
}
