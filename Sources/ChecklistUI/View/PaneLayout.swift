import ChecklistModel

/// How the body is split, as rectangles of columns: one pane below 140 columns; from 140 the
/// account list beside the selected account's items, and the overview beside the open step.
/// The view draws each pane as the screen it is, at the pane's width, so both panes say exactly
/// what the single screens say.
public struct PaneLayout: Equatable, Sendable {
    public struct Pane: Equatable, Sendable {
        public var column: Int
        public var width: Int
    }
    public var left: Pane
    /// Nil below `twoPanes` columns, and on screens that have no second pane.
    public var right: Pane?

    public static let twoPanes = 140

    public static func of(_ state: AppState) -> PaneLayout {
        let whole = PaneLayout(left: Pane(column: 0, width: state.width), right: nil)
        guard state.width >= twoPanes, !state.isTooSmall else { return whole }
        // The list side keeps what its rows need (the account list's columns, the overview's titles);
        // the reading side gets the rest.
        let leftWidth: Int
        switch state.screen {
        case .accountList: leftWidth = min(100, max(80, state.width / 2))
        case .overview, .step: leftWidth = min(90, max(64, state.width * 9 / 20))
        default: return whole
        }
        return PaneLayout(left: Pane(column: 0, width: leftWidth),
                          right: Pane(column: leftWidth + 1, width: state.width - leftWidth - 1))
    }

    /// The state as one pane sees it: the same state, as wide as the pane.
    static func state(_ state: AppState, in pane: Pane) -> AppState {
        var narrowed = state
        narrowed.width = pane.width
        return narrowed
    }

    /// The width the step's text is laid out for on `screen` (the right pane's, beside the overview).
    static func stepWidth(_ state: AppState) -> Int {
        if case .step = state.screen, let right = of(state).right { return right.width }
        return state.width
    }
}

extension Grid {
    /// Copies `rows` of `pane` into this grid from `column` on (a pane drawn as a screen of its own width).
    mutating func place(_ pane: Grid, rows: Range<Int>, column: Int) {
        for row in rows where row < height && row < pane.height {
            for c in 0..<min(pane.width, width - column) {
                let index = row * width + column + c
                cells[index] = pane[row, c]
            }
        }
        for link in pane.links where rows.contains(link.row) {
            links.append(GridLink(row: link.row, column: link.column + column, width: link.width, url: link.url))
        }
    }
}
