import ChecklistModel
import ChecklistText

/// Colours the view asks for; the terminal maps them (or ignores them without colour).
public enum Tint: Int, Sendable, CaseIterable {
    case accent = 1, good, warn, bad, muted
}

/// How a cell is drawn. Kept in the cells, never as escape codes, so tests read plain text.
public struct CellStyle: Hashable, Sendable {
    public var bold = false
    public var reverse = false
    public var dim = false
    public var underline = false
    public var tint: Tint?

    public init(bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false, tint: Tint? = nil) {
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
        self.tint = tint
    }

    public static let plain = CellStyle()
    public static let bold = CellStyle(bold: true)
    public static let selected = CellStyle(reverse: true)
    public static let muted = CellStyle(dim: true, tint: .muted)
    public static let accent = CellStyle(bold: true, tint: .accent)
    public static let good = CellStyle(tint: .good)
    public static let warn = CellStyle(bold: true, tint: .warn)
    public static let bad = CellStyle(bold: true, tint: .bad)
}

/// One terminal cell. A wide character fills its cell and leaves the next one empty (`text == ""`).
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: CellStyle
    public static let blank = Cell(text: " ", style: .plain)
}

/// Cells that link to a URL (a terminal hyperlink, OSC 8): the text stays in the cells, the
/// target rides beside them, so tests read the screen as text and the link as data.
public struct GridLink: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var url: String
}

/// A frame drawn in memory: the view writes it, the terminal paints it, tests read it as text.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public internal(set) var cells: [Cell]
    /// Hyperlinked spans, painted by the terminal over the cells they cover.
    public var links: [GridLink] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// The rows that differ from `previous` (all of them when its size differs or there is none),
    /// so a terminal only redraws what a key changed.
    public func changedRows(since previous: Grid?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { row in
            let range = (row * width)..<((row + 1) * width)
            return !cells[range].elementsEqual(previous.cells[range])
        }
    }

    /// Writes sanitised text at a position, clipped to `maxWidth` columns (or the row's end).
    /// With an `ellipsis`, text that does not fit ends in it, so a cut line does not read as whole.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: CellStyle = .plain, maxWidth: Int? = nil,
                             ellipsis: String? = nil) -> Int {
        guard row >= 0, row < height, column >= 0, column < width else { return 0 }
        let limit = min(width - column, maxWidth ?? Int.max)
        var safe = PlainText.sanitizeLine(text)
        if let ellipsis { safe = DisplayWidth.truncate(safe, columns: limit, ellipsis: ellipsis) }
        var used = 0
        var lastIndex: Int?
        for character in safe {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // Combining marks join the previous cell so they never shift the columns after them.
                if let lastIndex { cells[lastIndex].text.append(character) }
                continue
            }
            if used + w > limit { break }
            let index = row * width + column + used
            cells[index] = Cell(text: String(character), style: style)
            if w == 2 { cells[index + 1] = Cell(text: "", style: style) }
            lastIndex = index
            used += w
        }
        return used
    }

    /// Fills a run of cells with a style (e.g. a selected row's highlight).
    public mutating func fill(row: Int, from column: Int = 0, width count: Int? = nil, style: CellStyle) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (count ?? width))
        guard column < end else { return }
        for c in column..<end {
            let index = row * width + c
            cells[index].style = style
        }
    }

    /// Without colour, state must still read from glyphs and text alone: drop every tint.
    public mutating func removeTints() {
        for index in cells.indices { cells[index].style.tint = nil }
    }

    /// The frame as plain text lines with trailing spaces removed: what a person would read.
    public func lines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += self[row, column].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    public var text: String { lines().joined(separator: "\n") }
}
