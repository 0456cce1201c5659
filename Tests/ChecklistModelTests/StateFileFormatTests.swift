import ChecklistModel
import ChecklistText
import Foundation
import TestSupport
import Testing

/// The bytes of a state file are a format teams diff and review: a state written by this program
/// must stay byte-for-byte what the recorded file holds (written by the Codable-era writer).
@Suite struct StateFileFormatTests {
    static let recorded = RepositoryFiles.root.appendingPathComponent("Tests/ChecklistModelTests/Recorded/every-field-state.json")

    /// Every field of every stored type set, unknown fields at each level, a history time in another spelling.
    static func everyFieldState() throws -> AccountState {
        var state = try Fixtures.richState()
        state.account.kind = .member
        state.account.organizationId = "o-abcdefghij"
        state.account.managementAccountId = "999988887777"
        state.account.rootCredentials = .removed
        state.items["root-mfa"]?.check?.source = .file
        state.checklist.digest = String(repeating: "ab", count: 32)
        var preserved = PreservedFields()
        preserved.unknown[.root] = ["addedLater": .array([.number(JSONNumber(1)), .null, .bool(true)])]
        preserved.unknown[.account] = ["team": .string("platform")]
        preserved.unknown[.checklist] = ["channel": .string("stable")]
        preserved.unknown[.item("root-mfa")] = ["ticket": .object(["id": .string("SEC-1")])]
        preserved.unknown[.check(item: "root-mfa")] = ["requestId": .string("r-1")]
        preserved.unknown[.history(0)] = ["host": .string("laptop")]
        preserved.historyTimes[0] = "2027-01-15T08:00:00.000Z"
        state.preserved = preserved
        return state
    }

    @Test func writesExactlyTheRecordedBytes() throws {
        let written = StateCodec.encode(try Self.everyFieldState())
        guard let expected = try? Data(contentsOf: Self.recorded) else {
            try written.write(to: Self.recorded)
            Issue.record("recorded \(Self.recorded.path); check it in and run again")
            return
        }
        #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
    }

    /// The JSON summary embeds the same account, checklist and check shapes; recorded the same way.
    @Test func summaryJSONIsExactlyTheRecordedBytes() throws {
        var state = try Self.everyFieldState()
        state.checklist.digest = Fixtures.defaultChecklist.digest
        let progress = AccountProgress(state: state, checklist: Fixtures.defaultChecklist)
        let damaged = [(id: "444455556666", error: ModelError.corruptState(path: "/s/444455556666.json", detail: "$.items is missing"))]
        let text = SummaryJSON.render([progress], damaged: damaged, detailed: true, generatedAt: Fixtures.at)
        let file = RepositoryFiles.root.appendingPathComponent("Tests/ChecklistModelTests/Recorded/every-field-summary.json")
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.path); check it in and run again")
            return
        }
        #expect(text == expected, "\(text)")
    }

    @Test func readsTheRecordedFileBackToTheSameState() throws {
        let data = try Data(contentsOf: Self.recorded)
        #expect(try StateCodec.decode(data, path: "recorded") == Self.everyFieldState())
    }
}
