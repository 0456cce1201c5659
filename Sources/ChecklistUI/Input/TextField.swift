import ChecklistModel
import ChecklistText

/// A one-line text editor: UTF-8 aware, cursor by character, clipped to a maximum length.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 500) {
        characters = Array(text.prefix(maxLength))
        cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String { String(characters) }

    /// Inserts pasted text at the cursor in one step (linear in its length): control characters
    /// are dropped, newlines kept only where the field holds several lines, the rest cut at the
    /// field's length.
    public mutating func insert(_ text: String, keepNewlines: Bool) {
        var pasted: [Character] = []
        for character in text where characters.count + pasted.count < maxLength {
            if character == "\n" || character == "\r\n" || character == "\r" {
                pasted.append(keepNewlines ? "\n" : " ")
            } else if character == "\t" {
                pasted.append(" ")
            } else if !character.unicodeScalars.contains(where: PlainText.isControlOrFormatting) {
                pasted.append(character)
            }
        }
        characters.insert(contentsOf: pasted, at: cursor)
        cursor += pasted.count
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            // Pasted control characters never enter a field.
            guard !c.unicodeScalars.contains(where: PlainText.isControlOrFormatting), characters.count < maxLength else {
                return true
            }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeLast(characters.count - cursor)
        default:
            return false
        }
        return true
    }

    /// The visible window of the text for a box `width` columns wide, and the cursor's column in it.
    public func window(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        // Walk left from the cursor to the first character that still fits: the cost follows the box's
        // width, not the text's length (measuring the whole prefix at each step made a paste cubic).
        var start = cursor
        var cursorColumn = 0
        while start > 0 {
            let w = Self.width(characters[start - 1])
            if cursorColumn + w > width - 1 { break }
            cursorColumn += w
            start -= 1
        }
        var visible = ""
        var used = 0
        for character in characters[start...] {
            let w = Self.width(character)
            if used + w > width { break }
            visible.append(character == "\n" ? Self.newlineMark : character)
            used += w
        }
        return (visible, cursorColumn)
    }

    /// A newline in a one-line box (a pasted multi-line note) shows as one column: ↵.
    static let newlineMark: Character = "↵"

    static func width(_ character: Character) -> Int {
        character == "\n" ? 1 : DisplayWidth.of(character)
    }
}
