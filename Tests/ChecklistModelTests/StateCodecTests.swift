@testable import ChecklistModel
import ChecklistText
import Foundation
import Testing
import TestSupport

/// Random states with random text in every field, keys included: escapes, control characters,
/// combining marks, astral characters, digits and case that sort differently by other rules.
enum RandomStates {
    static let pieces = ["a", "B", "z", "_", "-", "9", "10", "é", "e\u{301}", "😀", "\u{FF01}", "\"", "\\", "/", "\n", "\r", "\t",
                         "\u{08}", "\u{0C}", "\u{01}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{85}", "\u{2028}", "\u{202E}", " ", ""]

    static func state(from base: AccountState, using rng: inout SplitMix64) -> AccountState {
        func text() -> String { (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &rng) ? value() : nil }
        var state = base
        state.account.alias = maybe(text())
        state.account.kind = maybe(AccountKind.allCases.randomElement(using: &rng)!)
        state.account.organizationId = maybe(text())
        state.account.rootCredentials = maybe(RootCredentials.allCases.randomElement(using: &rng)!)
        state.cursor = maybe(text())
        state.cursorScreen = maybe(ResumeView.allCases.randomElement(using: &rng)!)
        var record = state.record("root-mfa")
        record.status = ItemStatus.allCases.randomElement(using: &rng)!
        record.evidence = Dictionary((0..<Int.random(in: 0...4, using: &rng)).map { _ in (text(), text()) }, uniquingKeysWith: { a, _ in a })
        record.note = maybe(text())
        record.reason = maybe(text())
        let id = String(text().prefix(60)) + "x"
        state.items[id] = record
        if Bool.random(using: &rng) { state.preserved.unknown[.item(id)] = [text() + "-later": .string(text())] }
        if Bool.random(using: &rng) { state.preserved.unknown[.root] = ["z" + text(): .array([.null, .number(JSONNumber(7))])] }
        state.history.append(HistoryEntry(at: ISODate.parse("2026-01-02T03:04:05Z")!, by: text(), action: HistoryEntry.Action.allCases.randomElement(using: &rng)!,
                                          item: maybe(text()), from: maybe(text()), to: maybe(text())))
        return state
    }
}

/// The one state codec: what it writes it reads back equal; what it cannot read it explains by path.
@Suite struct StateCodecTests {
    func document(_ state: AccountState) throws -> [String: JSONValue] {
        try #require(try JSONParser.parse(StateCodec.encode(state)).object)
    }
    func detail(_ object: [String: JSONValue]) -> String {
        do {
            _ = try StateCodec.read(.object(object), path: "f.json")
            return "read"
        } catch {
            if case .corruptState(_, let detail) = error { return detail }
            return "\(error)"
        }
    }

    @Test func anyStateWrittenReadsBackEqualAndWritesTheSameBytes() throws {
        var rng = SplitMix64(seed: 5)
        let base = try Fixtures.everyFieldState()
        for _ in 0..<500 {
            let state = RandomStates.state(from: base, using: &rng)
            let bytes = StateCodec.encode(state)
            let read = try StateCodec.decode(bytes, path: "x")
            #expect(read == state, "\(state)")
            #expect(StateCodec.encode(read) == bytes)
        }
    }

    /// Mutated files either read (and then round-trip) or are refused with a located reason.
    @Test func everyRefusalIsLocated() throws {
        let valid = StateCodec.encode(try Fixtures.everyFieldState())
        var refused = 0
        for data in Mutator.mutations(of: valid, seed: 23, count: 5000) {
            do {
                let state = try StateCodec.decode(data, path: "x")
                #expect(try StateCodec.decode(StateCodec.encode(state), path: "y") == state)
            } catch {
                switch error {
                case .corruptState(_, let detail):
                    refused += 1
                    let located = detail.hasPrefix("$") || detail.contains("line ") || detail == "the top level is not a JSON object"
                    #expect(located, "\(detail)")
                    #expect(!detail.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x1B }, "\(detail)")
                case .newerSchema: continue
                default: Issue.record("unexpected \(error)")
                }
            }
        }
        #expect(refused > 1000)
    }

    @Test func namesThePathAndWhatWasExpected() throws {
        let good = try document(try Fixtures.richState())
        var object = good
        object["updatedAt"] = nil
        #expect(detail(object) == "$.updatedAt is missing")

        object = good
        var items = object["items"]!.object!
        var mfa = items["root-mfa"]!.object!
        mfa["status"] = .string("finished\u{1B}[2J")
        items["root-mfa"] = .object(mfa)
        object["items"] = .object(items)
        #expect(detail(object) == "$.items.root-mfa.status must be one of pending, done, skipped, not-applicable (found \"finished [2J\")")

        mfa = good["items"]!.object!["root-mfa"]!.object!
        var check = mfa["check"]!.object!
        check["source"] = .number(JSONNumber(3))
        mfa["check"] = .object(check)
        items["root-mfa"] = .object(mfa)
        object = good
        object["items"] = .object(items)
        #expect(detail(object) == "$.items.root-mfa.check.source must be one of aws-cli, file (found 3)")

        object = good
        var history = object["history"]!.array!
        var entry = history[0].object!
        entry["at"] = .string("yesterday")
        history.append(.object(entry))
        object["history"] = .array(history)
        #expect(detail(object).hasPrefix("$.history[\(history.count - 1)].at must be an ISO 8601 time"))

        object = good
        object["items"] = .object(["a b\u{7}": .object(["status": .bool(true)])])
        #expect(detail(object) == "$.items[\"a b \"].status must be one of pending, done, skipped, not-applicable (found true)")

        object = good
        var account = object["account"]!.object!
        account["id"] = .string("12")
        object["account"] = .object(account)
        #expect(detail(object) == "$.account.id must be a 12-digit account id")

        object = good
        object["account"] = .array([])
        #expect(detail(object) == "$.account must be an object (found an array)")
    }

    /// A resume view this program does not know (a newer front end's) is kept as it was written.
    @Test func anUnknownResumeViewSurvivesASave() throws {
        var object = try document(try Fixtures.richState())
        object["cursorScreen"] = .string("wizard")
        let state = try StateCodec.read(.object(object), path: "f")
        #expect(state.cursorScreen == nil)
        #expect(try document(state)["cursorScreen"] == .string("wizard"))
        object["cursorScreen"] = .number(JSONNumber(1))
        #expect(detail(object) == "$.cursorScreen must be a string (found 1)")
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        #expect(throws: ModelError.self) { try StateCodec.decode(Data("{\n  \"schemaVersion\": 3,\n  oops\n}".utf8), path: "f") }
        do {
            _ = try StateCodec.decode(Data("{\n  \"schemaVersion\": 3,\n  oops\n}".utf8), path: "f")
        } catch {
            #expect(error.description.contains("line 3"), "\(error)")
        }
    }

    @Test(arguments: [(2, "migrated"), (4, "newer")])
    func schemaVersions(_ version: Int, _ expected: String) throws {
        var object = try document(try Fixtures.richState())
        object["schemaVersion"] = .number(JSONNumber(version))
        do {
            let state = try StateCodec.read(.object(object), path: "f")
            #expect(expected == "migrated" && state.schemaVersion == AccountState.currentSchemaVersion)
        } catch {
            #expect(expected == "newer" && error == .newerSchema(path: "f", found: 4, supported: AccountState.currentSchemaVersion))
        }
    }

    @Test func readsTimesInAnotherFormAndRefusesImpossibleDates() throws {
        var object = try document(try Fixtures.richState())
        object["createdAt"] = .string("2026-11-01T10:00:00.250Z")
        #expect(try StateCodec.read(.object(object), path: "x").createdAt == ISODate.parse("2026-11-01T10:00:00Z"))
        for impossible in ["2026-02-30T10:00:00Z", "2026-04-31T10:00:00.5Z", "2025-02-29T00:00:00+01:00", "2026-13-01T00:00:00Z"] {
            object["createdAt"] = .string(impossible)
            #expect(throws: ModelError.self, "\(impossible)") { try StateCodec.read(.object(object), path: "x") }
        }
    }

    /// The pretty layout is Foundation's (`.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`),
    /// which state files were first written in: held on random documents.
    @Test func layoutMatchesFoundationOnRandomDocuments() throws {
        var rng = SplitMix64(seed: 9)
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &rng) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &rng))
            case 2: return .number(JSONNumber(Int.random(in: -1_000_000...1_000_000, using: &rng)))
            case 3: return .string((0..<Int.random(in: 0...4, using: &rng)).map { _ in RandomStates.pieces.randomElement(using: &rng)! }.joined())
            case 4: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in value(depth + 1) })
            default:
                return .object(Dictionary((0..<Int.random(in: 0...3, using: &rng)).map { _ in
                    ((0..<Int.random(in: 1...3, using: &rng)).map { _ in RandomStates.pieces.randomElement(using: &rng)! }.joined(), value(depth + 1))
                }, uniquingKeysWith: { a, _ in a }))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for _ in 0..<300 {
            let document = JSONValue.object(["root": value(0)])
            let reference = try encoder.encode(EncodableJSON(value: document))
            #expect(Data(JSONPrettyWriter.bytes(document)) == reference, "\(document)")
        }
    }
}

/// JSONEncoder's view of a JSONValue, the reference for the layout.
struct EncodableJSON: Encodable {
    let value: JSONValue
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    func encode(to encoder: Encoder) throws {
        switch value {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .number(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number.integer!)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(EncodableJSON(value: element)) }
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for (key, member) in members { try container.encode(EncodableJSON(value: member), forKey: Key(stringValue: key)) }
        }
    }
}

/// The codec's field lists spell out every stored property of the state types: a property added
/// to a type but not to `StateFields` would be dropped on the next save, and fails here.
@Suite struct StateFieldListTests {
    func properties(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label).sorted() }
    func keys(_ document: JSONValue) -> [String] { (document.object ?? [:]).keys.sorted() }

    @Test func theCodecWritesEveryProperty() throws {
        var state = try Fixtures.everyFieldState()
        let at = Fixtures.at
        let check = CheckResult(outcome: .fail, reason: "r", at: at, source: .awsCLI)
        let override = CheckOverride(reason: "o", by: "b", at: at, failure: "r")
        let record = ItemRecord(status: .skipped, evidence: ["k": "v"], note: "n", reason: "r", by: "b", at: at, check: check,
                                due: "2027-01-31", checkOverride: override,
                                changedByBoth: [ItemVersion(by: "a", at: at, values: ["status": "done"]), ItemVersion(by: "b", at: nil, values: [:])])
        state.items["every-field"] = record
        let entry = HistoryEntry(at: at, by: "b", action: .status, item: "every-field", from: "pending", to: "skipped",
                                 before: ["status": "pending"], after: ["status": "skipped", "reason": "r"])
        state.history.append(entry)
        state.account.status = .suspended
        state.checkAccess = "role:OrganizationAccountAccessRole"
        state.preserved = PreservedFields()
        let written = StateCodec.document(state).object!
        // `preserved` is not a field: it is what the file held besides the fields.
        #expect(properties(state).filter { $0 != "preserved" } == keys(.object(written)))
        #expect(properties(state.account) == keys(StateCodec.document(state.account)))
        #expect(properties(state.checklist) == keys(StateCodec.document(state.checklist)))
        #expect(properties(check) == keys(StateCodec.document(check)))
        #expect(properties(record) == keys(written["items"]!.object!["every-field"]!))
        #expect(properties(override) == keys(written["items"]!.object!["every-field"]!.object!["checkOverride"]!))
        #expect(properties(entry) == keys(written["history"]!.array!.last!))
        #expect(properties(record.changedByBoth![0]) == keys(written["items"]!.object!["every-field"]!.object!["changedByBoth"]!.array![0]))
    }

    /// The account's field table (history of an edit, the merge) names every property but the id,
    /// and each reads back what it writes.
    @Test func theAccountFieldTableCoversTheAccount() throws {
        let info = AccountInfo(id: "111122223333", alias: "a", rootEmail: "r@example.com", kind: .member, organizationId: "o-abcdefghij",
                               managementAccountId: "444455556666", rootCredentials: .removed, status: .suspended)
        #expect(AccountInfo.fields.map(\.name).sorted() == properties(info).filter { $0 != "id" })
        var copy = AccountInfo(id: info.id)
        for field in AccountInfo.fields { field.set(&copy, field.get(info)) }
        #expect(copy == info)
    }
}
