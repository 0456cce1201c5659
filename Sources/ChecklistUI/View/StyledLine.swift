import ChecklistModel
import ChecklistText

/// A line of text made of styled runs.
public struct StyledLine: Equatable, Sendable {
    public var runs: [Run]

    public struct Run: Equatable, Sendable {
        public var text: String
        public var style: CellStyle
    }

    public init(_ text: String = "", _ style: CellStyle = .plain) {
        runs = text.isEmpty ? [] : [Run(text: text, style: style)]
    }

    public static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine {
        var line = lhs
        line.runs += rhs.runs
        return line
    }

    public var plainText: String { runs.map(\.text).joined() }

    /// Word-wraps `text` into lines of `width` columns, with `indent` before continuation lines.
    static func wrapped(_ text: String, width: Int, style: CellStyle = .plain, first: String = "", indent: String = "")
        -> [StyledLine] {
        let safe = PlainText.sanitizeLine(text)
        let available = max(8, width - DisplayWidth.of(first))
        return DisplayWidth.wrap(safe, columns: available).enumerated().map { index, line in
            StyledLine(index == 0 ? first : indent, .plain) + StyledLine(line, style)
        }
    }
}
