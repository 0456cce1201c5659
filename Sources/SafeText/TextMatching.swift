/// Small text helpers that Foundation offers only in its full (ICU-backed) form.
extension StringProtocol {
    /// Drops leading and trailing white space, line breaks included (Unicode White_Space).
    public func trimmingWhitespace() -> String {
        trimming(TextMatching.isWhitespace)
    }

    /// Drops leading and trailing spaces and tabs but not line breaks.
    public func trimmingSpaces() -> String {
        trimming { TextMatching.isWhitespace($0) && !TextMatching.isLineBreak($0) }
    }

    /// Whether `needle` occurs in this text, ignoring case (as `lowercased()` folds it).
    public func containsIgnoringCase(_ needle: String) -> Bool {
        needle.isEmpty || lowercased().contains(needle.lowercased())
    }

    /// Equal when compared without regard to case.
    public func equalsIgnoringCase<Other: StringProtocol>(_ other: Other) -> Bool {
        lowercased() == other.lowercased()
    }

    private func trimming(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
              let last = scalars.lastIndex(where: { !drop($0) }) else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}

public enum TextMatching {
    /// Unicode White_Space; ASCII answered without the property tables (their first use is slow).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Letters, marks and numbers: the set Foundation calls `alphanumerics`.
    public static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }
}
