import SystemImports
import SafeText

/// A strict JSON (RFC 8259) parser over UTF-8 bytes.
///
/// Strict on purpose, since its input is a state or checklist file someone may have edited by hand:
/// invalid UTF-8, lone surrogates, control characters in strings, duplicate keys and nesting deeper
/// than `maxDepth` are errors, each located by line and column. A leading UTF-8 byte order mark is
/// skipped, as editors on some systems add one.
public struct JSONParser {
    public static let maxDepth = 512
    /// Values one document may hold. Memory follows the number of values, not the bytes: `[0,0,…]`
    /// packs one value into every two bytes. A state file with 10,000 history entries holds about
    /// 100,000; this bound keeps the largest accepted file within a few hundred megabytes.
    public static let maxValues = 2_000_000
    /// Documents up to this size give each object room for eight members at once (see `object`).
    static let headStartLimit = 256 * 1024

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var depth = 0
    private var values = 0

    /// Parses a whole document; anything but whitespace after the value is an error.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = data.withUnsafeBytes { buffer in
            var parser = JSONParser(bytes: buffer)
            return Result { () throws(JSONSyntaxError) -> JSONValue in try parser.document() }
        }
        return try result.get()
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    private mutating func document() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw failure(.syntax) }
        return value
    }

    private func failure(_ kind: JSONSyntaxError.Kind, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(kind: kind, offset: offset ?? index, in: bytes)
    }

    private var atEnd: Bool { index >= bytes.count }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, or an "ends early" error.
    private mutating func peek() throws(JSONSyntaxError) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw failure(.endOfFile) }
        return bytes[index]
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        values += 1
        guard values <= Self.maxValues else { throw failure(.tooManyValues) }
        switch try peek() {
        case UInt8(ascii: "{"): return try nested { (parser: inout JSONParser) throws(JSONSyntaxError) in try parser.object() }
        case UInt8(ascii: "["): return try nested { (parser: inout JSONParser) throws(JSONSyntaxError) in try parser.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure(.syntax)
        }
    }

    private mutating func nested(_ body: (inout JSONParser) throws(JSONSyntaxError) -> JSONValue) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maxDepth else { throw failure(.tooDeep) }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        index += 1
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return .object([:])
        }
        // Room for the members most objects of a state file have: growing 1 → 2 → 4 → 8 rehashed
        // every key at each step, more hashing than the inserts themselves. Only in documents of a
        // state file's usual size: in a large hostile one of many one-member objects the head start
        // would multiply the memory.
        var members: [String: JSONValue] = bytes.count <= Self.headStartLimit ? Dictionary(minimumCapacity: 8) : [:]
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw failure(.syntax) }
            let keyOffset = index
            let key = try string()
            guard try peek() == UInt8(ascii: ":") else { throw failure(.syntax) }
            index += 1
            let member = try value()
            // Swift compares strings by canonical equivalence, RFC 8259 by code points: two names
            // that only look alike ("é" as one scalar or two) are not the same key, but one dictionary
            // cannot hold both, so they are refused for that reason, never merged or called a repeat.
            // One hash per key: the insert itself tells of a repeat (the first spelling stays as the key).
            if members.updateValue(member, forKey: key) != nil, let existing = members.index(forKey: key) {
                let first = members.keys[existing]
                throw failure(first.unicodeScalars.elementsEqual(key.unicodeScalars) ? .duplicateKey(key) : .lookalikeKeys(first, key),
                              at: keyOffset)
            }
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw failure(.syntax)
            }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw failure(.syntax)
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw failure(.endOfFile) }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure(.syntax, at: index + offset)
        }
        index += count
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        func digits(_ parser: inout JSONParser) -> Int {
            let first = parser.index
            while parser.index < parser.bytes.count, (0x30...0x39).contains(parser.bytes[parser.index]) { parser.index += 1 }
            return parser.index - first
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard !atEnd else { throw failure(.endOfFile) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            throw failure(.syntax)
        }
        if !atEnd, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw failure(atEnd ? .endOfFile : .syntax) }
        }
        if !atEnd, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if !atEnd, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw failure(atEnd ? .endOfFile : .syntax) }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        // Grammar-checked above, so only a magnitude beyond Double (1e400) is left to refuse.
        guard let number = JSONNumber(text), number.double.isFinite else { throw failure(.numberOutOfRange, at: start) }
        return number
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Most strings have no escapes: find the closing quote and validate the bytes in one go.
        // Most are ASCII too, which needs no validating: String(validating:) is generic and looked up
        // type metadata on every call (a tenth of reading a fleet's files).
        var high: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if high < 0x80 {
                    return String(decoding: slice.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
                }
                guard let text = String(validating: slice, as: UTF8.self) else { throw failure(.invalidUTF8, at: start) }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure(.controlCharacter) }
            high |= byte
            index += 1
        }
        guard index < bytes.count else { throw failure(.endOfFile) }
        return try escapedString(from: start)
    }

    private mutating func escapedString(from start: Int) throws(JSONSyntaxError) -> String {
        var utf8: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard index < bytes.count else { throw failure(.endOfFile) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: utf8, as: UTF8.self) else { throw failure(.invalidUTF8, at: start) }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw failure(.endOfFile) }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                default: throw failure(.syntax, at: index - 1)
                }
            default:
                guard byte >= 0x20 else { throw failure(.controlCharacter) }
                utf8.append(byte)
                index += 1
            }
        }
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate cannot be a Swift string and is an error.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> [UInt8] {
        let escapeStart = index - 2
        let first = try hex4()
        var scalarValue = UInt32(first)
        if (0xD800...0xDBFF).contains(first) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure(.loneSurrogate, at: escapeStart)
            }
            index += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure(.loneSurrogate, at: escapeStart) }
            scalarValue = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            throw failure(.loneSurrogate, at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw failure(.loneSurrogate, at: escapeStart) }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt16 {
        guard bytes.count - index >= 4 else { throw failure(.endOfFile) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.syntax)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }
}

/// Why a document is not valid JSON, and where: "syntax error at line 3, column 7".
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case syntax, endOfFile, tooDeep, tooManyValues, invalidUTF8, controlCharacter, loneSurrogate, numberOutOfRange
        case duplicateKey(String)
        /// Distinct names that are canonically equivalent Unicode.
        case lookalikeKeys(String, String)
    }

    public let kind: Kind
    public let line: Int
    public let column: Int

    init(kind: Kind, offset: Int, in bytes: UnsafeRawBufferPointer) {
        self.kind = kind
        var line = 1
        var column = 1
        for byte in UnsafeRawBufferPointer(rebasing: bytes[..<min(offset, bytes.count)]) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        self.line = line
        self.column = column
    }

    public var description: String {
        let what = switch kind {
        case .syntax: "syntax error"
        case .endOfFile: "the file ends early"
        case .tooDeep: "nested too deeply (more than \(JSONParser.maxDepth) levels)"
        case .tooManyValues: "more than \(JSONParser.maxValues) values"
        case .invalidUTF8: "text that is not valid UTF-8"
        case .controlCharacter: "a control character inside a string (escape it)"
        case .loneSurrogate: "a \\u escape that is half of a surrogate pair"
        case .numberOutOfRange: "a number too large to represent"
        case .duplicateKey(let key): "the key \"\(PlainText.sanitizeLine(String(key.prefix(60))))\" given twice"
        case .lookalikeKeys(let first, let second):
            "the keys \(Self.scalars(first)) and \(Self.scalars(second)), different names that read the same (Unicode normalization), so one must be renamed"
        }
        return "\(what) at line \(line), column \(column)"
    }

    /// `"é" (U+0065 U+0301)`: the text and the scalars that tell two lookalikes apart.
    static func scalars(_ key: String) -> String {
        let codes = key.unicodeScalars.prefix(12).map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
        return "\"\(PlainText.sanitizeLine(String(key.prefix(30))))\" (\(codes.joined(separator: " ")))"
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
