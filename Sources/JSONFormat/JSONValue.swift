/// A parsed JSON document, made of Swift values only.
///
/// The program reads JSON with `JSONParser` rather than Foundation's JSONSerialization: that keeps the
/// full Foundation (with its ICU data and tens of thousands of start-up relocations) out of the binary,
/// and it locates every syntax error by line and column.
///
/// Not `indirect`: arrays and objects already hold their elements on the heap, and boxing every
/// value cost one allocation per number, so a file of small numbers took 40 times its size in memory.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public var string: String? { if case .string(let text) = self { text } else { nil } }
    public var object: [String: JSONValue]? { if case .object(let members) = self { members } else { nil } }
    public var array: [JSONValue]? { if case .array(let elements) = self { elements } else { nil } }
    public var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }
    public var number: JSONNumber? { if case .number(let number) = self { number } else { nil } }
    public var isNull: Bool { self == .null }
}

/// A JSON number as written, with its value as a Double and, when it is written as a whole number
/// that fits, as an Int.
public struct JSONNumber: Sendable, Equatable {
    public let text: String
    public let double: Double
    /// Set only for integer literals (no fraction, no exponent) within Int's range.
    public let integer: Int?

    public init?(_ text: String) {
        guard let double = Double(text) else { return nil }
        self.text = text
        self.double = double
        let integral = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        integer = integral ? Int(text) : nil
    }

    public init(_ integer: Int) {
        text = String(integer)
        double = Double(integer)
        self.integer = integer
    }

    /// The value as a whole number, also when written with a fraction or exponent (`2.0`, `1e3`).
    public var wholeNumber: Int? {
        if let integer { return integer }
        guard double.isFinite, double == double.rounded() else { return nil }
        return Int(exactly: double)
    }
}
