/// A key press, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
    case up, down, left, right, enter, escape, backspace, delete, home, end, tab, backTab, pageUp, pageDown
    case char(Character)
    case ctrl(Character)

    /// How a key is written in the footer and the help screen.
    public func label(ascii: Bool) -> String {
        switch self {
        case .up: return ascii ? "Up" : "↑"
        case .down: return ascii ? "Down" : "↓"
        case .left: return ascii ? "Left" : "←"
        case .right: return ascii ? "Right" : "→"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .home: return "Home"
        case .end: return "End"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        }
    }
}
