import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// C on a done item with a follow-up confirms it again: a date form where the item keeps the day,
/// at once where it does not; anything else is told there is nothing to confirm.
@Suite struct ConfirmKeyTests {
    static func withPhone() throws -> AccountState {
        var account = Harness.newAccount()
        try account.setStatus(.done, item: "kms-recovery-phone", evidence: ["phone": "+12065550100", "confirmed-on": "2027-01-10",
                                                                           "answered-by": "ops desk"],
                              checklist: Harness.checklist, by: "t", at: Date(timeIntervalSince1970: 1_800_000_000))
        try account.setStatus(.done, item: "security-contact", evidence: ["email": "secops@example.com", "name": "SecOps"],
                              checklist: Harness.checklist, by: "t", at: Date(timeIntervalSince1970: 1_800_000_000))
        return account
    }

    @Test func cAsksForTheDayAndRestartsTheClock() throws {
        var app = Harness.opened(width: 100, account: try Self.withPhone())
        app.now = ISODate.parseAnyForm("2027-09-01T10:00:00Z")!
        app.openStep("kms-recovery-phone")
        #expect(app.bodyText.contains("OVERDUE"))
        app.press(.char("C"))
        let form = try #require(app.form)
        #expect(form.fields.first?.input.text == "2027-09-01", "today, suggested")
        app.press(.enter)
        #expect(app.form == nil)
        #expect(app.record("kms-recovery-phone").evidence["confirmed-on"] == "2027-09-01")
        #expect(app.saved.last?.history.last?.action == .confirm)
        #expect(app.state.flash?.text.hasPrefix("Confirmed again: re-check by 2028-02-28") == true, "\(app.state.flash?.text ?? "")")
        #expect(!app.bodyText.contains("OVERDUE"))
    }

    @Test func anItemWithoutADayIsConfirmedAtOnce() throws {
        var app = Harness.opened(account: try Self.withPhone())
        app.now = ISODate.parseAnyForm("2028-03-01T10:00:00Z")!
        app.openStep("security-contact")
        app.press(.char("C"))
        #expect(app.form == nil)
        #expect(app.saved.last?.history.last?.action == .confirm)
        #expect(app.state.flash?.text.hasPrefix("Confirmed again:") == true)
    }

    @Test func nothingToConfirmIsSaid() {
        var app = Harness.opened()
        app.press(.char("C"))
        #expect(app.form == nil && app.saved.isEmpty)
        #expect(app.state.flash?.text.hasPrefix("Nothing to confirm") == true)
    }
}
