/// Text from outside the program — AWS replies, the aws CLI's stderr, saved files — on its way to
/// standard output or a state file: treated exactly like operator text, and more strictly, since
/// nobody chose it.
public enum UntrustedText {
    /// One printable line: control characters gone, at most `limit` characters, and withheld whole
    /// when it looks like it holds a secret (an error message can echo a key or a token).
    public static func line(_ text: String, limit: Int = 300) -> String {
        var clean = PlainText.sanitizeLine(text)
        if clean.count > limit { clean = String(clean.prefix(limit - 1)) + "…" }
        if let kind = SecretScanner.finding(in: text) {
            return "(withheld: the text looks like it holds \(kind))"
        }
        return clean
    }
}
