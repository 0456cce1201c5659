import ChecklistModel
import SystemImports

/// A step's verify command as an operator runs it: the account's own values filled into its
/// placeholders, a trailing remark such as "(from the management account)" kept apart so a copy
/// runs as it is, and laid out for a terminal without ever breaking inside a word.
public struct StepCommand: Equatable, Sendable {
    /// The command, ready to paste into a shell.
    public var text: String
    /// A remark that went with it in the checklist, not part of what runs.
    public var note: String?
    /// Placeholders left in `text` because their value is not known here.
    public var unfilled: [String]

    public init(text: String, note: String?, unfilled: [String]) {
        self.text = text
        self.note = note
        self.unfilled = unfilled
    }

    /// The placeholders checklists use, with what fills them.
    public static let placeholders = ["ACCOUNT_ID", "HOME_REGION"]

    /// Nil when `raw` is not a shell command ("Console only: …", "Manual: …"): such lines get no prompt.
    public static func parse(_ raw: String, accountID: String?, region: String?) -> StepCommand? {
        var text = PlainText.sanitizeLine(raw).trimmingSpaces()
        guard let first = text.split(separator: " ").first,
              let lead = first.unicodeScalars.first, ("a"..."z").contains(lead),
              first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) })
        else { return nil }
        var note: String?
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), !text[open...].dropFirst().contains("(") {
            note = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            text = String(text[..<open]).trimmingSpaces()
        }
        // Values come from flags and files: only a real account id or Region code enters a command
        // someone will paste into a shell; anything else leaves the placeholder to fill by hand.
        if let accountID, EvidenceValidator.isAccountID(accountID) { text = text.replacing("ACCOUNT_ID", with: accountID) }
        if let region = region?.lowercased(), EvidenceValidator.isRegion(region) { text = text.replacing("HOME_REGION", with: region) }
        let unfilled = placeholders.filter { text.contains($0) }
        return StepCommand(text: text, note: note, unfilled: unfilled)
    }

    /// Shell-style lines: `$ ` first, breaks only between words outside quotes, each broken line
    /// ending in ` \` and the next indented, so what is shown is what runs. Only a single word wider
    /// than the line is split, with `↩` (or `>` in ASCII) where it goes on.
    public func lines(width: Int, ascii: Bool = false) -> [String] {
        let prompt = "$ "
        let indent = "    "
        let words = Self.words(text)
        var lines: [String] = []
        var current = prompt
        var lineHasWord = false
        for word in words {
            let room = width - DisplayWidth.of(current) - (lineHasWord ? 1 : 0) - 2
            if lineHasWord && DisplayWidth.of(word) > room {
                lines.append(current + " \\")
                current = indent
                lineHasWord = false
            }
            var rest = word
            while DisplayWidth.of(current) + (lineHasWord ? 1 : 0) + DisplayWidth.of(rest) > width - 2 {
                let available = max(1, width - 2 - DisplayWidth.of(current) - (lineHasWord ? 1 : 0))
                let piece = DisplayWidth.prefix(rest, columns: available)
                guard !piece.isEmpty else { break }
                lines.append(current + (lineHasWord ? " " : "") + piece + (ascii ? ">" : "↩"))
                rest = String(rest.dropFirst(piece.count))
                current = indent
                lineHasWord = false
            }
            current += (lineHasWord ? " " : "") + rest
            lineHasWord = true
        }
        lines.append(current)
        return lines
    }

    /// Words split at spaces outside quotes, so a quoted argument is never broken in two.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
                current.append(character)
            } else if character == " " {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
