import SystemImports

/// Text made plain: no escape sequences, no bidi overrides, no stray control characters. What the
/// model stores and reports is plain text, whatever shows it (a terminal, a browser, a log).
public enum PlainText {
    /// True for scalars that could move a cursor, change colours or reorder the text around them.
    public static func isControlOrFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true // bidi controls
        case 0x2028, 0x2029: return true // line/paragraph separators
        case 0xFFF9...0xFFFB: return true // interlinear annotations
        default: return false
        }
    }

    /// One line: control characters (tabs and newlines included) become a single space each,
    /// other invisible formatting is dropped.
    public static func sanitizeLine(_ text: String) -> String {
        // Printable ASCII needs no change; most text is exactly that.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029 {
                result.append(" ")
            } else if !isControlOrFormatting(scalar) {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A whole report as written to a terminal or file: line breaks and tabs stay, every other
    /// control or formatting character is replaced, so no path, name or reply that slipped past
    /// its own cleaning can reach the terminal as an escape sequence.
    public static func sanitizeOutput(_ text: String) -> String {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\n" || scalar == "\r" || scalar == "\t" || !isControlOrFormatting(scalar)
        }
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return text }
        if text.unicodeScalars.allSatisfy(allowed) { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if allowed(scalar) { result.append(scalar) } else if scalar.value < 0xA0 { result.append(" ") }
        }
        return String(result)
    }

    /// Multi-line text: keeps newlines, sanitises each line.
    public static func sanitizeLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitizeLine(String($0)) }
    }
}
