import ChecklistModel
import ChecklistText

extension View {
    /// The body in two panes: each drawn as its own screen at the pane's width, then placed.
    static func drawPanes(_ grid: inout Grid, _ state: AppState) {
        let layout = PaneLayout.of(state)
        guard let right = layout.right else { return }
        let body = 2..<(2 + state.bodyHeight)
        let leftState = PaneLayout.state(state, in: layout.left), rightState = PaneLayout.state(state, in: right)
        var leftGrid = Grid(width: layout.left.width, height: state.height)
        var rightGrid = Grid(width: right.width, height: state.height)
        switch state.screen {
        case .accountList(let selected):
            drawAccountList(&leftGrid, leftState, selected: selected)
            drawAccountItems(&rightGrid, rightState, row: state.listedAccounts.indices.contains(selected) ? state.listedAccounts[selected] : nil)
        case .overview(let selected, let scroll):
            drawOverview(&leftGrid, leftState, selected: selected, scroll: scroll)
            if let session = state.session, session.checklist.items.indices.contains(selected) {
                let step = Screen.step(itemID: session.checklist.items[selected].id, scroll: 0)
                drawScrolling(&rightGrid, rightState, lines: Layout.bodyLines(for: step, in: rightState), scroll: 0)
            }
        case .step(let itemID, let scroll):
            let index = state.session?.checklist.index(of: itemID) ?? 0
            let visible = max(1, state.bodyHeight - 2)
            drawOverview(&leftGrid, leftState, selected: index, scroll: max(0, index - visible + 1))
            drawScrolling(&rightGrid, rightState, lines: Layout.bodyLines(for: state.screen, in: rightState), scroll: scroll)
        default:
            return
        }
        grid.place(leftGrid, rows: body, column: layout.left.column)
        grid.place(rightGrid, rows: body, column: right.column)
        for row in body { grid.put(state.options.ascii ? "|" : "│", row: row, column: layout.left.width, style: .muted) }
    }

    /// The selected account's items beside the account list: status and latest check per item.
    static func drawAccountItems(_ grid: inout Grid, _ state: AppState, row: AccountRow?) {
        guard let row else { return }
        let style = StatusStyle(ascii: state.options.ascii)
        let name = row.alias.map { "\(row.id) (\(PlainText.sanitizeLine($0)))" } ?? row.id
        grid.put(" " + name, row: 2, column: 0, style: .bold, maxWidth: grid.width - 1, ellipsis: state.options.ellipsis)
        let checkWidth = row.items.map { DisplayWidth.of($0.check) }.max() ?? 0
        // Rows no wider than the overview's, so the eye can follow one from title to check.
        let rowWidth = min(grid.width, maxRowWidth)
        for (offset, item) in row.items.prefix(max(0, state.bodyHeight - 2)).enumerated() {
            let line = 3 + offset + 1
            let glyph = item.flagged ? style.contradictionMark : style.glyph(item.status)
            grid.put(" " + glyph, row: line, column: 0, style: item.flagged ? .bad : View.style(for: item.status))
            let titleWidth = max(10, rowWidth - 5 - (checkWidth > 0 ? checkWidth + 2 : 0))
            grid.put(item.title, row: line, column: 3, style: .plain, maxWidth: titleWidth, ellipsis: state.options.ellipsis)
            if !item.check.isEmpty {
                grid.put(item.check, row: line, column: rowWidth - 1 - checkWidth, style: item.check.hasSuffix("fail") || item.flagged ? .bad : .muted)
            }
        }
    }
}
