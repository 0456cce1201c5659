import ChecklistModel
import ChecklistText
import Testing
import TestSupport

@Suite struct SummaryTextTests {
    /// Items an account recorded that a newer checklist version no longer has are listed, not lost.
    @Test func retiredItemsAreListed() throws {
        let checklist = Fixtures.defaultChecklist
        var state = try Fixtures.newState()
        try state.setStatus(.skipped, item: "sign-out-root", reason: "later", checklist: checklist, by: "t", at: Fixtures.at)
        var newer = checklist
        newer.version += 1
        newer.items.removeAll { $0.id == "sign-out-root" }
        let text = SummaryText.account(AccountProgress(state: state, checklist: newer), style: StatusStyle(ascii: true))
        #expect(text.contains("Retired items"))
        #expect(text.contains("sign-out-root"))
    }
}
