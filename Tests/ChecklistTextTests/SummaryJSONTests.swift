import ChecklistModel
import ChecklistText
import Foundation
import Testing
import TestSupport

/// The JSON summary is a format automation reads: held to recorded bytes.
@Suite struct SummaryJSONTests {
    /// The JSON summary embeds the same account, checklist and check shapes; recorded the same way.
    @Test func summaryJSONIsExactlyTheRecordedBytes() throws {
        var state = try Fixtures.everyFieldState()
        state.checklist.digest = Fixtures.defaultChecklist.digest
        let progress = AccountProgress(state: state, checklist: Fixtures.defaultChecklist)
        let damaged = [UnreadableAccount(id: "444455556666", error: .corruptState(path: "/s/444455556666.json", detail: "$.items is missing"))]
        let text = SummaryJSON.render([progress], damaged: damaged, detailed: true, generatedAt: Fixtures.at)
        let file = RepositoryFiles.root.appendingPathComponent("Tests/ChecklistTextTests/Recorded/every-field-summary.json")
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.path); check it in and run again")
            return
        }
        #expect(text == expected, "\(text)")
    }
}
