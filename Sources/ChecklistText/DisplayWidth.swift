import ChecklistModel
import SystemImports

/// Terminal column widths: wide East Asian characters and emoji take two columns, combining marks none.
/// `String.count` counts characters, which misaligns every table that holds CJK or emoji. Scalars
/// are counted as the C library's wcwidth counts them (ncurses places characters by it): the
/// tables are generated from it (`scripts/generate-display-width`) and a test holds the two equal.
public enum DisplayWidth {
    /// Columns a character occupies (0, 1 or 2).
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 && scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if scalars.contains(where: { (0x1F3FB...0x1F3FF).contains($0.value) || $0.value == 0x200D }) { return 2 }
        return of(first)
    }

    /// Columns a single scalar occupies.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Columns a string occupies.
    public static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte; most text takes this path.
        var ascii = true
        for byte in text.utf8 where byte < 0x20 || byte > 0x7E {
            ascii = false
            break
        }
        if ascii { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The Unicode version the tables follow: what the C library they were read from implements
    /// (glibc 2.36: Unicode 14.0). Scalars added later are counted as one column, as is anything
    /// the C library calls unprintable.
    public static let unicodeVersion = (major: 14, minor: 0)

    static func isZeroWidth(_ v: UInt32) -> Bool { contains(zeroWidth, v) }
    static func isWide(_ v: UInt32) -> Bool { contains(doubleWidth, v) }

    /// Binary search over sorted, disjoint ranges.
    /// Whether `v` lies in one of the table's ranges (pairs of inclusive bounds, ascending).
    private static func contains(_ table: [UInt32], _ v: UInt32) -> Bool {
        var low = 0
        var high = table.count / 2
        while low < high {
            let middle = (low + high) / 2
            if table[2 * middle + 1] < v { low = middle + 1 } else { high = middle }
        }
        return low < table.count / 2 && table[2 * low] <= v && v <= table[2 * low + 1]
    }

    /// The longest prefix of `text` that fits in `columns`.
    public static func prefix(_ text: String, columns: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let width = of(character)
            if used + width > columns { break }
            used += width
            result.append(character)
        }
        return result
    }

    /// Truncates with an ellipsis when `text` is wider than `columns`.
    public static func truncate(_ text: String, columns: Int, ellipsis: String = "…") -> String {
        guard of(text) > columns else { return text }
        guard columns > 0 else { return "" }
        return prefix(text, columns: columns - of(ellipsis)) + ellipsis
    }

    /// Pads with spaces on the right to exactly `columns` (truncating first when wider).
    public static func pad(_ text: String, columns: Int) -> String {
        let fitted = truncate(text, columns: columns)
        return fitted + String(repeating: " ", count: max(0, columns - of(fitted)))
    }

    /// Word-wraps to lines no wider than `columns`; words longer than a line are split.
    /// A line holding only a URL may overflow rather than break the link.
    public static func wrap(_ text: String, columns: Int, keepURLs: Bool = true) -> [String] {
        guard columns > 0 else { return [] }
        // Printable ASCII and newlines, most of every screen: the same wrapping on bytes, without
        // splitting into grapheme clusters (a fifth of the first frame went there).
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) {
            return wrapASCII(text, columns: columns, keepURLs: keepURLs)
        }
        return wrapCharacters(text, columns: columns, keepURLs: keepURLs)
    }

    /// `wrap` for text of printable ASCII and newlines only: a byte is a column.
    static func wrapASCII(_ text: String, columns: Int, keepURLs: Bool) -> [String] {
        var lines: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var line: [UInt8] = []
            var start = 0
            func word(_ range: Range<Int>) {
                let slice = bytes[range]
                if !line.isEmpty && line.count + 1 + slice.count <= columns {
                    line.append(0x20)
                    line += slice
                    return
                }
                if !line.isEmpty {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                }
                let isURL = keepURLs && slice.starts(with: "https://".utf8)
                var rest = slice[...]
                if rest.count > columns && !isURL {
                    while rest.count > columns {
                        lines.append(String(decoding: rest.prefix(columns), as: UTF8.self))
                        rest = rest.dropFirst(columns)
                    }
                }
                line += rest
            }
            var index = 0
            while index <= bytes.count {
                let byte: UInt8 = index < bytes.count ? bytes[index] : 0x0A
                if byte == 0x20 || byte == 0x0A {
                    if index > start { word(start..<index) }
                    start = index + 1
                    if byte == 0x0A {
                        lines.append(String(decoding: line, as: UTF8.self))
                        line.removeAll(keepingCapacity: true)
                    }
                }
                index += 1
            }
        }
        return lines
    }

    /// `wrap` for any text, by characters and their display widths.
    static func wrapCharacters(_ text: String, columns: Int, keepURLs: Bool) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for wordSub in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(wordSub)
                var wordWidth = of(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= columns {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                let isURL = keepURLs && word.hasPrefix("https://")
                if wordWidth > columns && !isURL {
                    // One pass over the word, cutting a line whenever the next character would not fit:
                    // cutting a prefix and re-measuring the rest each time was quadratic in its length.
                    var chunk = ""
                    var chunkWidth = 0
                    for character in word {
                        let width = of(character)
                        if chunkWidth + width > columns && chunkWidth > 0 {
                            lines.append(chunk)
                            chunk = ""
                            chunkWidth = 0
                        }
                        chunk.append(character)
                        chunkWidth += width
                    }
                    word = chunk
                    wordWidth = chunkWidth
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}
