@testable import ChecklistModel
import Foundation
import Testing
import TestSupport

/// The strict JSON parser that reads state files, checklists and saved AWS replies.
@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Data(text.utf8)) }

    func error(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5e3, true, false, null, "x\n\u00e9\ud83d\ude00\/"], "b": {}, "c": []} "#)
        let object = try #require(value.object)
        let list = try #require(object["a"]?.array)
        #expect(list[0].number?.integer == 1)
        #expect(list[1].number?.double == -2500)
        #expect(list[1].number?.integer == nil)
        #expect(list[2] == .bool(true) && list[3] == .bool(false) && list[4] == .null)
        #expect(list[5].string == "x\né😀/")
        #expect(object["b"] == .object([:]) && object["c"] == .array([]))
    }

    @Test func wholeNumbersWrittenWithFractionsAreStillWhole() throws {
        #expect(try parse("2.0").number?.wholeNumber == 2)
        #expect(try parse("1e3").number?.wholeNumber == 1000)
        #expect(try parse("2.5").number?.wholeNumber == nil)
        #expect(try parse("18446744073709551616").number?.integer == nil)
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONParser.parse(Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))) == .array([.number(JSONNumber("1")!)]))
    }

    @Test(arguments: [
        ("", JSONSyntaxError.Kind.endOfFile, 1, 1),
        ("{\"a\": 1,", .endOfFile, 1, 9),
        ("{\n  \"a\": tru }", .syntax, 2, 11),
        ("[1 2]", .syntax, 1, 4),
        ("[01]", .syntax, 1, 3),
        ("[1.]", .syntax, 1, 4),
        ("[-]", .syntax, 1, 3),
        ("{\"a\":1}x", .syntax, 1, 8),
        ("[1e400]", .numberOutOfRange, 1, 2),
        ("[\"a\u{01}\"]", .controlCharacter, 1, 4),
        ("[\"\\ud800\"]", .loneSurrogate, 1, 3),
        ("[\"\\udc00\"]", .loneSurrogate, 1, 3),
        ("[\"\\x\"]", .syntax, 1, 4),
        ("{\"k\": 1,\n \"k\": 2}", .duplicateKey("k"), 2, 2),
        ("{\"\u{E9}\": 1, \"e\u{301}\": 2}", .lookalikeKeys("\u{E9}", "e\u{301}"), 1, 10),
        ("{\"\\u00e9\": 1, \"\u{E9}\": 2}", .duplicateKey("\u{E9}"), 1, 15),
        ("[\"é\" 1]", .syntax, 1, 6),
    ])
    func locatesErrors(_ text: String, _ kind: JSONSyntaxError.Kind, _ line: Int, _ column: Int) {
        let found = error(text)
        #expect(found?.kind == kind, "\(text)")
        #expect(found?.line == line && found?.column == column, "\(text): \(String(describing: found))")
    }

    /// RFC 8259 compares names by code points: lookalikes are named as such, never called a repeat,
    /// and names that differ only in case or width are simply different keys.
    @Test func lookalikeNamesAreExplainedNotMerged() throws {
        let message = try #require(error("{\"\u{E9}\": 1, \"e\u{301}\": 2}")).description
        #expect(message.contains("U+E9") || message.contains("U+00E9"), "\(message)")
        #expect(message.contains("U+0065 U+0301"), "\(message)")
        #expect(!message.contains("given twice"))
        let distinct = try #require(try parse("{\"a\": 1, \"A\": 2, \"\u{FF41}\": 3}").object)
        #expect(distinct.count == 3)
    }

    @Test func refusesInvalidUTF8() throws {
        let bytes = Data([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D])
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
    }

    @Test func depthIsBoundedWithoutExhaustingTheStack() throws {
        let fine = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(throws: Never.self) { try parse(fine) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(error(deep)?.kind == .tooDeep)
    }

    @Test func messagesAreOneSafeLine() {
        let message = error(#"{"a\u001b[2J": 1, "a\u001b[2J": 2}"#)?.description ?? ""
        #expect(message.hasPrefix("the key"))
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func writerRoundTrips() throws {
        let text = #"{"a":[1,-2.5e3,true,false,null,"q\"\\\n\u0001é"],"b":{"c":{}}}"#
        let value = try parse(text)
        #expect(try JSONParser.parse(Data(JSONPrettyWriter.bytes(value))) == value)
    }

    /// Against Foundation's parser on mutated state files: whatever this parser accepts, Foundation
    /// accepts too and reads the same values.
    @Test func agreesWithFoundationOnMutatedDocuments() throws {
        let valid = StateCodec.encode(try Fixtures.richState())
        var accepted = 0
        for data in Mutator.mutations(of: valid, seed: 11, count: 4000) {
            guard let ours = try? JSONParser.parse(data) else { continue }
            accepted += 1
            let theirs = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
            #expect(theirs.map { Self.same(ours, $0) } == true, "\(String(decoding: data, as: UTF8.self))")
        }
        #expect(accepted > 200)
    }

    static func same(_ ours: JSONValue, _ theirs: Any) -> Bool {
        switch ours {
        case .null: return theirs is NSNull
        case .bool(let flag): return (theirs as? NSNumber).map { String(cString: $0.objCType) == "c" && $0.boolValue == flag } ?? false
        case .number(let number): return (theirs as? NSNumber)?.doubleValue == number.double
        case .string(let text): return (theirs as? String) == text
        case .array(let elements):
            guard let list = theirs as? [Any], list.count == elements.count else { return false }
            return zip(elements, list).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let dictionary = theirs as? [String: Any], dictionary.count == members.count else { return false }
            return members.allSatisfy { key, value in dictionary[key].map { same(value, $0) } ?? false }
        }
    }
}

/// The text helpers that replace Foundation's ICU-backed ones.
@Suite struct TextMatchingTests {
    /// Letters added in Unicode 16 and later are letters to the standard library but not yet to
    /// Foundation's tables here; every older scalar must agree.
    @Test func alphanumericsMatchFoundationForEveryBMPScalar() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), (scalar.properties.age?.major ?? 0) < 16 else { continue }
            #expect(TextMatching.isAlphanumeric(scalar) == CharacterSet.alphanumerics.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test(arguments: ["", "  ", " a ", "\t\na b\r\n", "\u{00A0}x\u{2003}", "x\n", "\u{2028}y"])
    func trimmingMatchesFoundation(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }

    /// ASCII is answered without the property tables: every scalar up to U+3000 still trims as they say.
    @Test func trimmingFollowsWhiteSpaceForEveryScalarUpToU3000() {
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar) + "x" + String(scalar)
            let lineBreak = (0x0A...0x0D).contains(value) || value == 0x85 || value == 0x2028 || value == 0x2029
            #expect(text.trimmingWhitespace() == (scalar.properties.isWhitespace ? "x" : text), "U+\(String(value, radix: 16))")
            #expect(text.trimmingSpaces() == (scalar.properties.isWhitespace && !lineBreak ? "x" : text), "U+\(String(value, radix: 16))")
        }
    }

    @Test func caseInsensitiveEquality() {
        #expect("MFA".equalsIgnoringCase("mfa"))
        #expect(!"MFA".equalsIgnoringCase("mfa "))
    }
}
