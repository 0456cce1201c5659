import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// Follow-ups in the walkthrough: a due date on a skip, overdue items marked in the overview, on
/// the step and in the account list.
@Suite struct FollowUpViewTests {
    @Test func aSkipTakesAnOptionalDueDate() {
        var app = Harness.opened()
        app.openStep("security-contact")
        app.press(.char("s"))
        #expect(app.form?.fields.map(\.key) == [.reason, .due])
        app.type("alias pending")
        app.press(.tab)
        app.type("2027-13-40")
        app.press(.enter)
        #expect(app.form?.fields[1].error == "A date as YYYY-MM-DD, like 2027-01-31")
        for _ in 0..<10 { app.press(.backspace) }
        app.type("2027-02-01")
        app.press(.enter)
        #expect(app.record("security-contact").status == .skipped)
        #expect(app.record("security-contact").due == "2027-02-01")
        // A not-applicable form has no due date: it ends nothing.
        app.openStep("sign-out-root")
        app.press(.char("x"))
        #expect(app.form?.fields.map(\.key) == [.reason])
    }

    @Test func overdueItemsAreMarkedInTheOverviewTheStepAndTheList() throws {
        var account = Harness.newAccount()
        try account.setStatus(.skipped, item: "security-contact", reason: "alias pending", due: "2027-02-01",
                              checklist: Harness.checklist, by: "t", at: Date(timeIntervalSince1970: 1_800_000_000))
        var app = Harness.opened(width: 100, account: account)
        app.now = ISODate.parseAnyForm("2027-03-01T10:00:00Z")!
        app.openStep("security-contact")
        #expect(app.bodyText.contains("Follow up: due 2027-02-01, OVERDUE"), "\(app.bodyText)")
        app.press(.escape)
        let row = app.text.split(separator: "\n").first { $0.contains("Register a security alternate contact") } ?? ""
        #expect(row.contains("overdue"), "\(row)")
        app.press(.escape, .char("R"))
        #expect(app.text.contains("incomplete 1 overdue"), "\(app.text)")
        #expect(app.state.flash?.text == "Read 1 account.")
    }
}
