import ChecklistModel
import ChecklistText

/// A line of text made of styled runs.
public struct StyledLine: Equatable, Sendable {
    public var runs: [Run]
    /// The URL the whole line links to (drawn as a terminal hyperlink).
    public var link: String?

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

    /// A URL laid out whole: on one line when it fits, else split after a `/`, `-`, `.` or `?`
    /// (or anywhere, for a run with none) into lines that each link to the whole URL, so nothing
    /// of it is cut off and clicking any part opens all of it.
    static func url(_ url: String, width: Int, indent: String) -> [StyledLine] {
        let safe = PlainText.sanitizeLine(url)
        let available = max(8, width - DisplayWidth.of(indent))
        var pieces: [String] = []
        var rest = Substring(safe)
        while DisplayWidth.of(String(rest)) > available {
            let head = DisplayWidth.prefix(String(rest), columns: available)
            var cut = head.endIndex
            if let breakAt = head.lastIndex(where: { "/-.?&".contains($0) }), breakAt > head.startIndex {
                cut = head.index(after: breakAt)
            }
            pieces.append(String(head[..<cut]))
            rest = rest.dropFirst(head.distance(from: head.startIndex, to: cut))
        }
        pieces.append(String(rest))
        return pieces.map { piece in
            var line = StyledLine(indent) + StyledLine(piece, .muted)
            line.link = safe
            return line
        }
    }

    /// Word-wraps `text` into lines of `width` columns, with `indent` before continuation lines: the
    /// first line is as wide as `first` leaves, the rest as wide as `indent` leaves (a long label
    /// must not narrow every line after it).
    static func wrapped(_ text: String, width: Int, style: CellStyle = .plain, first: String = "", indent: String = "")
        -> [StyledLine] {
        let safe = PlainText.sanitizeLine(text)
        let lines = DisplayWidth.wrap(safe, columns: max(8, width - DisplayWidth.of(first)))
        guard let head = lines.first else { return [] }
        var rest = lines.dropFirst().map { $0 }
        if DisplayWidth.of(first) != DisplayWidth.of(indent), !rest.isEmpty, safe.hasPrefix(head) {
            let remainder = safe.dropFirst(head.count).drop { $0 == " " }
            rest = DisplayWidth.wrap(String(remainder), columns: max(8, width - DisplayWidth.of(indent)))
        }
        return [StyledLine(first, .plain) + StyledLine(head, style)] + rest.map { StyledLine(indent, .plain) + StyledLine($0, style) }
    }
}
