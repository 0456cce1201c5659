import ChecklistModel
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

    @Test func readsTheRecordedFileBackToTheSameState() throws {
        let data = try Data(contentsOf: Self.recorded)
        #expect(try StateCodec.decode(data, path: "recorded") == Fixtures.everyFieldState())
    }
}
