/// One problem found in a JSON document, located by its JSON path (`$.items[2].id`).
public struct JSONProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// Collects every problem instead of stopping at the first, so one run shows an author all of them.
public final class ProblemSink {
    public private(set) var problems: [JSONProblem] = []
    public init() {}
    public func add(_ path: String, _ message: String) { problems.append(JSONProblem(path: path, message: message)) }
}

/// A JSON object being read, with its path for error messages.
public struct JSONObject {
    public let values: [String: JSONValue]
    public let path: String
    public let sink: ProblemSink

    public init?(_ value: JSONValue?, path: String, sink: ProblemSink) {
        guard let dict = value?.object else {
            sink.add(path, "must be an object")
            return nil
        }
        self.values = dict
        self.path = path
        self.sink = sink
    }

    public func childPath(_ key: String) -> String { "\(path).\(key)" }

    /// Counting characters walks grapheme clusters; the byte count bounds it from above, so most
    /// strings are settled without the walk.
    public static func longer(_ text: String, than limit: Int) -> Bool {
        text.utf8.count > limit && text.count > limit
    }

    public func isBlank(_ text: String) -> Bool {
        text.trimmingWhitespace().isEmpty
    }

    public func rejectUnknownKeys(_ allowed: Set<String>) {
        for key in values.keys.sorted() where !allowed.contains(key) {
            sink.add(childPath(key), "is not a known field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    public func string(_ key: String, required: Bool = true, maxLength: Int = 2000, pattern: ((String) -> Bool)? = nil,
                patternHint: String = "") -> String? {
        guard let raw = values[key] else {
            if required { sink.add(childPath(key), "is required") }
            return nil
        }
        guard let text = raw.string else {
            sink.add(childPath(key), "must be a string")
            return nil
        }
        if required && isBlank(text) {
            sink.add(childPath(key), "must not be empty")
        }
        if Self.longer(text, than: maxLength) {
            sink.add(childPath(key), "is longer than \(maxLength) characters")
        }
        if let pattern, !pattern(text) {
            sink.add(childPath(key), patternHint)
        }
        return text
    }

    public func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let raw = values[key] else { return fallback }
        guard let flag = raw.bool else {
            sink.add(childPath(key), "must be true or false")
            return fallback
        }
        return flag
    }

    public func number(_ key: String) -> Double? {
        guard let raw = values[key] else { return nil }
        guard let number = raw.number else {
            sink.add(childPath(key), "must be a number")
            return nil
        }
        return number.double
    }

    public func integer(_ key: String, range: ClosedRange<Int>) -> Int? {
        guard let raw = values[key] else {
            sink.add(childPath(key), "is required")
            return nil
        }
        guard let value = raw.number?.wholeNumber, range.contains(value) else {
            sink.add(childPath(key), "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    public func array(_ key: String, required: Bool = true, maxCount: Int, minCount: Int = 0) -> [(value: JSONValue, path: String)] {
        guard let raw = values[key] else {
            if required { sink.add(childPath(key), "is required") }
            return []
        }
        guard let list = raw.array else {
            sink.add(childPath(key), "must be an array")
            return []
        }
        if list.count > maxCount { sink.add(childPath(key), "has more than \(maxCount) entries") }
        if list.count < minCount { sink.add(childPath(key), "needs at least \(minCount) \(minCount == 1 ? "entry" : "entries")") }
        return list.prefix(maxCount).enumerated().map { ($0.element, "\(childPath(key))[\($0.offset)]") }
    }

    public func strings(_ key: String, required: Bool = true, maxCount: Int, minCount: Int = 0, maxLength: Int = 1000) -> [String] {
        array(key, required: required, maxCount: maxCount, minCount: minCount).compactMap { entry in
            guard let text = entry.value.string else {
                sink.add(entry.path, "must be a string")
                return nil
            }
            if isBlank(text) { sink.add(entry.path, "must not be empty") }
            if Self.longer(text, than: maxLength) { sink.add(entry.path, "is longer than \(maxLength) characters") }
            return text
        }
    }
}
