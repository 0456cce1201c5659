/// The CIS root-usage metric filter, `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy
/// NOT EXISTS && $.eventType != "AwsServiceEvent" }`, compared term by term: a filter that adds a
/// condition narrows what it sees (Security Hub CloudWatch.1 fails it), one that offers it as one
/// alternative of several only broadens it.
enum RootUsagePattern: Equatable {
    /// Exactly the CIS conjunction, in any order and spacing.
    case exact
    /// The CIS conjunction is one alternative (`||`) of several: it still sees every root use.
    case broadened
    /// The CIS terms with further conditions: some root use goes unseen.
    case narrowed
    /// Something else.
    case other

    static let terms: Set<String> = ["$.useridentity.type=\"root\"", "$.useridentity.invokedbynotexists", "$.eventtype!=\"awsserviceevent\""]

    static func classify(_ pattern: String) -> RootUsagePattern {
        var text = String(pattern.lowercased().filter { !$0.isWhitespace }.map { $0 == "'" ? "\"" : $0 })
        if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        let alternatives = split(text, on: "||").map { Set(split(stripParentheses($0), on: "&&").map(stripParentheses)) }
        if alternatives.count == 1, alternatives[0] == terms { return .exact }
        if alternatives.contains(terms) { return .broadened }
        if alternatives.contains(where: { $0.isStrictSuperset(of: terms) }) { return .narrowed }
        return .other
    }

    /// Splits at `separator` outside parentheses and quotes.
    static func split(_ text: String, on separator: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { quoted.toggle() }
            if !quoted {
                if character == "(" { depth += 1 }
                if character == ")" { depth -= 1 }
                if depth == 0, text[index...].hasPrefix(separator) {
                    parts.append(current)
                    current = ""
                    index = text.index(index, offsetBy: separator.count)
                    continue
                }
            }
            current.append(character)
            index = text.index(after: index)
        }
        parts.append(current)
        return parts
    }

    static func stripParentheses(_ text: String) -> String {
        var result = text
        while result.hasPrefix("("), result.hasSuffix(")"), closesAtEnd(result) { result = String(result.dropFirst().dropLast()) }
        return result
    }

    /// Whether the parenthesis that opens `text` closes only at its end ("(a)&&(b)" is two groups).
    static func closesAtEnd(_ text: String) -> Bool {
        var depth = 0
        for (offset, character) in text.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth == 0 && offset != text.count - 1 { return false }
            }
        }
        return depth == 0
    }
}
