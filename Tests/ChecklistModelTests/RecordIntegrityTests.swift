@testable import ChecklistModel
import DefaultChecklist
import Foundation
import Testing
import TestSupport

/// Class: record integrity. A save writes back what it did not understand, never rewrites the
/// history, and writes every time it can read.
@Suite struct RecordIntegrityTests {
    func roundTrip(_ object: [String: JSONValue]) throws -> [String: JSONValue] {
        let state = try StateCodec.decode(Data(JSONPrettyWriter.bytes(.object(object))), path: "x")
        return try #require(try JSONParser.parse(StateCodec.encode(state)).object)
    }

    @Test func unknownFieldsAtEveryLevelSurviveASave() throws {
        var object = try #require(try JSONParser.parse(StateCodec.encode(try Fixtures.richState())).object)
        let extra: JSONValue = .object(["nested": .array([.number(JSONNumber(1)), .string("two"), .null])])
        object["futureRoot"] = extra
        for key in ["account", "checklist"] {
            var members = object[key]!.object!
            members["future"] = extra
            object[key] = .object(members)
        }
        var items = object["items"]!.object!
        var record = items["root-mfa"]!.object!
        record["future"] = extra
        var check = try #require(record["check"]?.object)
        check["future"] = extra
        record["check"] = .object(check)
        items["root-mfa"] = .object(record)
        object["items"] = .object(items)
        var history = object["history"]!.array!
        var first = history[0].object!
        first["future"] = extra
        history[0] = .object(first)
        object["history"] = .array(history)

        let saved = try roundTrip(object)
        #expect(saved == object, "everything read is written back")
    }

    @Test func historyIsNeverRewritten() throws {
        var state = try Fixtures.richState()
        var object = try #require(try JSONParser.parse(StateCodec.encode(state)).object)
        var history = object["history"]!.array!
        var first = history[0].object!
        first["at"] = .string("2026-11-01T10:00:00.250+00:00")
        history[0] = .object(first)
        object["history"] = .array(history)
        let data = Data(JSONPrettyWriter.bytes(.object(object)))
        state = try StateCodec.decode(data, path: "x")
        try state.setNote("a new change", item: "sign-out-root", checklist: Fixtures.defaultChecklist, by: "t", at: Date(timeIntervalSince1970: 1_900_000_000))
        let saved = try #require(try JSONParser.parse(StateCodec.encode(state)).object)
        let savedHistory = try #require(saved["history"]?.array)
        #expect(Array(savedHistory.prefix(history.count)) == history, "old entries byte for byte")
        #expect(savedHistory.count == history.count + 1)
    }

    @Test func yearsBelowOneThousandArePadded() {
        let date = Date(timeIntervalSince1970: -31_000_000_000)
        let text = ISODate.format(date)
        #expect(text.hasPrefix("0987-"), "\(text)")
        #expect(ISODate.parse(text) == date)
    }
}
