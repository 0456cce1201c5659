/// Double-quoted string literals for languages that share C's backslash escapes (JSON, Swift).
public enum QuotedText {
    /// Quotes `text`, escaping quotes, backslashes, line breaks and tabs, and writing every other
    /// control character (and DEL) with `controlEscape`, which differs between languages.
    public static func quote(_ text: String, controlEscape: (UInt32) -> String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += controlEscape(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
