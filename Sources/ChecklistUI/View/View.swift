import ChecklistModel
import ChecklistText

/// Draws the app state into a cell grid: header, body, message line, footer.
public enum View {
    public static func render(_ state: AppState) -> Grid {
        var grid = Grid(width: state.width, height: state.height)
        if state.isTooSmall {
            drawTooSmall(&grid, state)
            if !state.options.color { grid.removeTints() }
            return grid
        }
        drawHeader(&grid, state)
        if PaneLayout.of(state).right != nil {
            drawPanes(&grid, state)
            drawMessage(&grid, state)
            drawFooter(&grid, state)
            if !state.options.color { grid.removeTints() }
            return grid
        }
        switch state.screen {
        case .accountList(let selected): drawAccountList(&grid, state, selected: selected)
        case .onboarding(let form), .form(let form): drawForm(&grid, state, form: form)
        case .overview(let selected, let scroll): drawOverview(&grid, state, selected: selected, scroll: scroll)
        case .step(_, let scroll), .help(let scroll), .tasks(let scroll), .summary(let scroll), .completion(let scroll), .fixPlan(let scroll):
            drawScrolling(&grid, state, lines: Layout.bodyLines(for: state.screen, in: state), scroll: scroll)
        }
        drawMessage(&grid, state)
        drawFooter(&grid, state)
        if !state.options.color { grid.removeTints() }
        return grid
    }

    /// Where the terminal cursor goes (inside the focused text field), or nil to hide it.
    public static func cursorPosition(_ state: AppState) -> (row: Int, column: Int)? {
        guard !state.isTooSmall else { return nil }
        if let search = state.search {
            return (state.height - 2, 2 + search.input.window(width: max(1, state.width - 4)).cursorColumn)
        }
        switch state.screen {
        case .onboarding(let form), .form(let form):
            let layout = formLayout(state, form: form)
            guard form.fields.indices.contains(form.focus) else { return nil }
            let row = layout.fieldRows[form.focus]
            let window = form.fields[form.focus].input.window(width: layout.boxWidth)
            return (row, layout.boxColumn + window.cursorColumn)
        default:
            return nil
        }
    }

    static func style(for status: ItemStatus) -> CellStyle {
        switch status {
        case .done: return .good
        case .pending: return .plain
        case .skipped: return CellStyle(tint: .warn)
        case .notApplicable: return .muted
        }
    }

    static func title(_ state: AppState) -> String {
        switch state.screen {
        case .accountList:
            let narrowed = state.accountFilter != .all || !state.accountText.isEmpty
            var parts = [narrowed ? "Accounts" : "Accounts (\(state.accounts.count))"]
            if state.accountFilter != .all { parts.append(state.accountFilter.rawValue) }
            if !state.accountText.isEmpty { parts.append("matching \"\(PlainText.sanitizeLine(state.accountText))\"") }
            if narrowed { parts.append("\(state.listedAccounts.count) of \(state.accounts.count)") }
            parts.append(state.accountSort == .updated ? "newest first" : state.accountSort == .progress ? "least resolved first" : "by id")
            return parts.joined(separator: " · ")
        case .onboarding(let form), .form(let form): return form.title
        case .overview: return state.session?.checklist.title ?? "Checklist"
        case .step(let itemID, _):
            guard let checklist = state.session?.checklist, let index = checklist.index(of: itemID) else { return "" }
            return "Step \(index + 1) of \(checklist.items.count): \(checklist.items[index].title)"
        case .help: return "Keys"
        case .tasks: return "Tasks that need the root user"
        case .summary: return "Summary"
        case .completion: return "Done: every required item is resolved"
        case .fixPlan: return "Plan of the fix (nothing changed yet)"
        }
    }

    static func drawHeader(_ grid: inout Grid, _ state: AppState) {
        let style = StatusStyle(ascii: state.options.ascii)
        grid.fill(row: 0, style: .selected)
        let brand = " root-checklist"
        guard let session = state.session else {
            grid.put(brand, row: 0, column: 0, style: CellStyle(bold: true, reverse: true))
            return drawHeading(&grid, state)
        }
        let progress = session.progress
        let account = session.state.account
        let right = " \(style.bar(progress.resolvedCount, of: progress.total, width: 10)) \(progress.resolvedCount)/\(progress.total)"
            + "  required \(progress.requiredResolved)/\(progress.requiredTotal) "
        let rightWidth = DisplayWidth.of(right)
        let separator = style.ascii ? " - " : " · "
        let room = grid.width - rightWidth - 1
        // The account id is never cut: the program's name goes first when room is short, then the
        // alias is cut; the kind comes before the alias, as it decides which items apply.
        let kind = separator + (account.kind?.rawValue ?? "kind unset")
        let lead = DisplayWidth.of(brand + separator + account.id + kind) <= room ? brand + separator : " "
        var column = grid.put(lead == " " ? " " : brand, row: 0, column: 0, style: CellStyle(bold: true, reverse: true))
        if lead != " " { column += grid.put(separator, row: 0, column: column, style: .selected) }
        column += grid.put(account.id, row: 0, column: column, style: .selected)
        let rest = kind + (account.alias.map { " (\(PlainText.sanitizeLine($0)))" } ?? "")
        column += grid.put(rest, row: 0, column: column, style: .selected, maxWidth: max(0, room - column), ellipsis: state.options.ellipsis)
        grid.put(right, row: 0, column: max(column, grid.width - rightWidth), style: CellStyle(bold: true, reverse: true))
        drawHeading(&grid, state)
    }

    static func drawHeading(_ grid: inout Grid, _ state: AppState) {
        let style = StatusStyle(ascii: state.options.ascii)
        let heading = title(state)
        // Sharing goes at the right end; the heading gives it room only while it keeps 20 columns itself.
        var sharing = state.sharing.map { " " + (style.ascii ? $0.text.replacingDots : $0.text) + " " } ?? ""
        let sharingWidth = DisplayWidth.of(sharing)
        if sharingWidth > 0 && grid.width - sharingWidth < 20 { sharing = "" }
        let room = grid.width - 1 - DisplayWidth.of(sharing)
        grid.put(" " + heading, row: 1, column: 0, style: .bold, maxWidth: room)
        if DisplayWidth.of(heading) + 1 >= room { grid.put(style.ascii ? ">" : "…", row: 1, column: room, style: .bold) }
        if !sharing.isEmpty {
            let tint: CellStyle = state.sharing?.problem != nil ? .bad : .muted
            grid.put(sharing, row: 1, column: grid.width - DisplayWidth.of(sharing), style: tint, maxWidth: DisplayWidth.of(sharing))
        }
    }

    static func drawMessage(_ grid: inout Grid, _ state: AppState) {
        let row = grid.height - 2
        if let search = state.search {
            let window = search.input.window(width: max(1, grid.width - 4))
            var column = grid.put(" /", row: row, column: 0, style: .accent)
            column += grid.put(window.text, row: row, column: column, style: .bold, maxWidth: grid.width - column - 1)
            let hint = search.found ? "   Enter stays, Esc goes back" : "   no match"
            grid.put(hint, row: row, column: column, style: search.found ? .muted : .bad, maxWidth: max(0, grid.width - column - 1),
                     ellipsis: state.options.ellipsis)
            return
        }
        if let unsaved = state.session?.unsaved, state.flash == nil {
            grid.put(" NOT SAVED: \(unsaved.text)", row: row, column: 0, style: .bad, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
            return
        }
        if let running = state.checking, state.flash == nil {
            let frames = state.options.ascii ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
            let spinner = frames[running.frame % frames.count]
            grid.put(" \(spinner) Checking \(running.check) against AWS (\(running.seconds) s)\(state.options.ellipsis) keys still work; Esc cancels",
                     row: row, column: 0, style: .accent, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
            return
        }
        guard let flash = state.flash else { return }
        let style: CellStyle
        switch flash.kind {
        case .info: style = .accent
        case .success: style = .good
        case .error: style = .bad
        }
        // A long message wraps onto the line above rather than ending mid-thought; past two lines it ends in an ellipsis.
        let lines = state.messageExtraLines == 1 ? DisplayWidth.wrap(PlainText.sanitizeLine(flash.text), columns: grid.width - 2) : [flash.text]
        let shown = Array(lines.prefix(2))
        for (index, line) in shown.enumerated() {
            let text = index == 1 && lines.count > 2 ? lines[1...].joined(separator: " ") : line
            grid.put(" " + text, row: row - (shown.count - 1) + index, column: 0, style: style, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
        }
    }

    static func drawFooter(_ grid: inout Grid, _ state: AppState) {
        let hints = KeyMap.footer(for: state.screen.kind, ascii: state.options.ascii, shared: state.sharing != nil)
        func cost(_ hint: FooterHint) -> Int {
            DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.label) + 2
        }
        var budget = grid.width - 1 - hints.filter(\.essential).map(cost).reduce(0, +)
        var shown: [FooterHint] = []
        for hint in hints where !hint.essential {
            // Stop at the first hint that does not fit so the order stays the priority order.
            guard cost(hint) <= budget else { break }
            budget -= cost(hint)
            shown.append(hint)
        }
        shown += hints.filter(\.essential)
        let row = grid.height - 1
        var column = 1
        for hint in shown {
            column += grid.put(hint.keys, row: row, column: column, style: .accent)
            column += 1
            column += grid.put(hint.label, row: row, column: column, style: .muted)
            column += 2
        }
    }

    static func drawTooSmall(_ grid: inout Grid, _ state: AppState) {
        let lines = ["Terminal too small (need \(AppState.minimumWidth)×\(AppState.minimumHeight),",
                     "now \(state.width)×\(state.height)). Enlarge it;",
                     "your progress is saved. q quits."]
        let top = max(0, (grid.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let text = state.options.ascii ? line.replacing("×", with: "x") : line
            let left = max(0, (grid.width - DisplayWidth.of(text)) / 2)
            grid.put(text, row: top + index, column: left, style: index == 0 ? .bold : .plain)
        }
    }

    static func drawScrolling(_ grid: inout Grid, _ state: AppState, lines: [StyledLine], scroll: Int) {
        let height = state.bodyHeight
        for (offset, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            draw(line, &grid, row: 2 + offset, column: 1, width: grid.width - 2)
        }
        if lines.count > height {
            let arrows = state.options.ascii ? ("^", "v") : ("▲", "▼")
            if scroll > 0 { grid.put(arrows.0, row: 2, column: grid.width - 1, style: .muted) }
            if scroll + height < lines.count { grid.put(arrows.1, row: 1 + height, column: grid.width - 1, style: .muted) }
        }
    }

    static func draw(_ line: StyledLine, _ grid: inout Grid, row: Int, column: Int, width: Int) {
        var used = 0
        var linkStart: Int?
        for run in line.runs {
            // The link covers the run that is not indentation: the URL's own text.
            if line.link != nil && linkStart == nil && !run.text.allSatisfy({ $0 == " " }) { linkStart = used }
            used += grid.put(run.text, row: row, column: column + used, style: run.style, maxWidth: max(0, width - used))
        }
        if let url = line.link, let start = linkStart, used > start {
            grid.links.append(GridLink(row: row, column: column + start, width: used - start, url: url))
        }
    }
}
