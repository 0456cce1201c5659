import ChecklistModel
import ChecklistText
import Foundation
import TestSupport
import Testing

/// The bytes of a state file are a format teams diff and review: a state written by this program
/// must stay byte-for-byte what the recorded file holds (written by the Codable-era writer).
@Suite struct StateFileFormatTests {
    static let recorded = RepositoryFiles.root.appendingPathComponent("Tests/ChecklistModelTests/Recorded/every-field-state.json")

    @Test func writesExactlyTheRecordedBytes() throws {
        let written = StateCodec.encode(try Fixtures.everyFieldState())
        guard let expected = try? Data(contentsOf: Self.recorded) else {
            try written.write(to: Self.recorded)
            Issue.record("recorded \(Self.recorded.path); check it in and run again")
            return
        }
        #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
    }

    /// A file written before history entries kept their values: read, and written back exactly as
    /// it was (its entries are never rewritten), and shown as written.
    @Test func anOlderFileKeepsItsHistoryAsWritten() throws {
        let older = RepositoryFiles.root.appendingPathComponent("Tests/ChecklistModelTests/Recorded/older-state-without-history-values.json")
        let data = try Data(contentsOf: older)
        let state = try StateCodec.decode(data, path: "older")
        #expect(state.history.allSatisfy { $0.before == nil && $0.after == nil })
        #expect(StateCodec.encode(state) == data, "an older file's bytes survive a save unchanged")
        let evidence = try #require(state.history.first { $0.action == .evidence })
        #expect(HistoryText.change(evidence).hasPrefix("evidence fields now "), "shown as written")
    }

    @Test func readsTheRecordedFileBackToTheSameState() throws {
        let data = try Data(contentsOf: Self.recorded)
        #expect(try StateCodec.decode(data, path: "recorded") == Fixtures.everyFieldState())
    }
}
