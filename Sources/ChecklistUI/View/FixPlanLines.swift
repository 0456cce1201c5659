import ChecklistModel
import ChecklistText

extension Layout {
    /// The plan screen's lines: a step's command under its number, its "changes:" and "undo:" under
    /// their labels, each wrapped to the screen.
    static func fixPlanLines(_ state: AppState, width: Int) -> [StyledLine] {
        guard case .planned(let proposal)? = state.fixing else { return [] }
        var lines: [StyledLine] = []
        for (index, line) in proposal.lines.enumerated() {
            let text = line.drop { $0 == " " }
            if line.hasPrefix("   "), let colon = text.firstIndex(of: ":") {
                let label = "   " + text[...colon] + String(repeating: " ", count: max(1, 9 - text[...colon].count))
                lines += StyledLine.wrapped(String(text[text.index(after: colon)...].drop { $0 == " " }), width: width, first: label,
                                            indent: String(repeating: " ", count: label.count))
            } else if let number = text.firstIndex(of: "."), text[..<number].allSatisfy(\.isNumber), !text[..<number].isEmpty {
                let head = String(text[...number]) + " "
                lines += StyledLine.wrapped(String(text[text.index(after: number)...].drop { $0 == " " }), width: width, style: .bold,
                                            first: head, indent: String(repeating: " ", count: head.count))
            } else {
                lines += StyledLine.wrapped(line, width: width, style: index == 0 ? .bold : .plain)
            }
        }
        lines.append(StyledLine())
        lines += StyledLine.wrapped("Nothing has changed yet. y makes these calls (after you type the account id); Esc goes back.",
                                    width: width, style: .muted)
        return lines
    }
}
