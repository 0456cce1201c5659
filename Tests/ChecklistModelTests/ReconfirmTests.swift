import ChecklistModel
import ChecklistText
import Foundation
import Testing
import TestSupport

/// Follow-ups that keep time: a person confirms an item again, or a passing AWS check does where
/// the item says a check counts; either restarts the re-check clock.
@Suite struct ReconfirmTests {
    let checklist = Fixtures.defaultChecklist
    let day = 86_400.0
    var later: Date { Fixtures.at.addingTimeInterval(200 * day) }  // past the phone's 180 days

    func phoneDone() throws -> AccountState {
        var state = try Fixtures.newState()
        try state.setStatus(.done, item: "kms-recovery-phone", evidence: ["phone": "+1 206 555 0100", "confirmed-on": "2027-01-15",
                                                                         "answered-by": "ops desk"],
                            checklist: checklist, by: "t", at: Fixtures.at)
        return state
    }

    @Test func confirmingAgainMovesTheDateEvidenceAndTheClock() throws {
        var state = try phoneDone()
        #expect(AccountProgress(state: state, checklist: checklist, asOf: later).entry("kms-recovery-phone")?.overdue == true)
        try state.reconfirm(item: "kms-recovery-phone", checklist: checklist, by: "alice", at: later)
        let today = String(ISODate.format(later).prefix(10))
        #expect(state.record("kms-recovery-phone").evidence["confirmed-on"] == today)
        let entry = try #require(AccountProgress(state: state, checklist: checklist, asOf: later).entry("kms-recovery-phone"))
        #expect(entry.overdue == false)
        #expect(entry.followUp?.date == String(ISODate.format(later.addingTimeInterval(180 * day)).prefix(10)))
        let confirm = try #require(state.history.last)
        #expect(confirm.action == .confirm && confirm.by == "alice" && confirm.to == today && confirm.after?["next"] == entry.followUp?.date)
        #expect(state.history.dropLast().last?.action == .evidence, "the date's change is its own entry, with both values")
        #expect(HistoryText.change(confirm).contains("confirmed again on \(today)"))
    }

    @Test func anItemWithoutADateFieldIsConfirmedAtTheDayGiven() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.done, item: "security-contact", evidence: ["email": "secops@example.com", "name": "SecOps"],
                            checklist: checklist, by: "t", at: Fixtures.at)
        try state.reconfirm(item: "security-contact", on: "2027-06-01", checklist: checklist, by: "bob", at: later)
        #expect(state.record("security-contact").at == ISODate.parseAnyForm("2027-06-01T00:00:00Z"))
        #expect(AccountProgress(state: state, checklist: checklist, asOf: later).entry("security-contact")?.followUp?.date == "2028-05-31")
    }

    @Test func whatCannotBeConfirmedIsRefusedAndNothingChanges() throws {
        var state = try phoneDone()
        let before = state
        #expect(throws: ModelError.self) { try state.reconfirm(item: "root-mfa", checklist: checklist, by: "a", at: later) }
        #expect(throws: ModelError.self) { try state.reconfirm(item: "kms-recovery-phone", on: "2099-01-01", checklist: checklist, by: "a", at: later) }
        #expect(throws: ModelError.self) { try state.reconfirm(item: "kms-recovery-phone", on: "01/02/2027", checklist: checklist, by: "a", at: later) }
        try state.setStatus(.pending, item: "sign-out-root", checklist: checklist, by: "a", at: Fixtures.at)
        let pending = state
        #expect(throws: ModelError.self) { try state.reconfirm(item: "sign-out-root", checklist: checklist, by: "a", at: later) }
        #expect(state == pending && before.record("kms-recovery-phone") == state.record("kms-recovery-phone"))
    }

    /// Where the item says a check counts, a passing one restarts the clock; a failing one, or a
    /// pass on an item where AWS cannot say what matters (a phone that answers), does not.
    @Test func aPassingCheckCountsWhereTheItemSaysSo() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.done, item: "security-contact", evidence: ["email": "secops@example.com", "name": "SecOps"],
                            checklist: checklist, by: "t", at: Fixtures.at)
        let checkedAt = Fixtures.at.addingTimeInterval(300 * day)
        var failing = state
        failing.recordCheck(CheckResult(outcome: .fail, reason: "other contact", at: checkedAt, source: .awsCLI), item: "security-contact", by: "v")
        let asOf = Fixtures.at.addingTimeInterval(400 * day)
        #expect(AccountProgress(state: failing, checklist: checklist, asOf: asOf).entry("security-contact")?.overdue == true)
        state.recordCheck(CheckResult(outcome: .pass, reason: "matches", at: checkedAt, source: .awsCLI), item: "security-contact", by: "v")
        let entry = try #require(AccountProgress(state: state, checklist: checklist, asOf: asOf).entry("security-contact"))
        #expect(entry.overdue == false)
        #expect(entry.followUp?.date == String(ISODate.format(checkedAt.addingTimeInterval(365 * day)).prefix(10)))
        #expect(FollowUpText.describe(entry)?.contains("a passing AWS check counts") == true)

        // A pass from saved replies (verify --from) is stamped when it was read, not when AWS answered: it does not count.
        var fromFiles = failing
        fromFiles.recordCheck(CheckResult(outcome: .pass, reason: "matches", at: checkedAt, source: .file), item: "security-contact", by: "v")
        #expect(AccountProgress(state: fromFiles, checklist: checklist, asOf: asOf).entry("security-contact")?.overdue == true)

        var phone = try phoneDone()
        phone.recordCheck(CheckResult(outcome: .pass, reason: "the recorded number", at: later, source: .awsCLI), item: "kms-recovery-phone", by: "v")
        #expect(AccountProgress(state: phone, checklist: checklist, asOf: later).entry("kms-recovery-phone")?.overdue == true,
                "AWS knows the number, not whether anyone answers it")
    }

    @Test func checkConfirmsGoesWithARecheckAndACheck() throws {
        var document = Fixtures.minimalDocument()
        var items = document["items"] as? [[String: Any]] ?? []
        items[0]["checkConfirms"] = true
        document["items"] = items
        let data = try JSONSerialization.data(withJSONObject: document)
        #expect(throws: ChecklistError.self) { try ChecklistLoader.load(data: data, source: "test") }
    }
}

/// How a check reaches a member, as typed in the account form, kept in one spelling.
@Suite struct CheckAccessTests {
    @Test func theWayInIsReadInOneSpelling() throws {
        #expect(try AccountState.validatedCheckAccess("role OrganizationAccountAccessRole") == "role:OrganizationAccountAccessRole")
        #expect(try AccountState.validatedCheckAccess(" role:Audit ") == "role:Audit")
        #expect(try AccountState.validatedCheckAccess("Assume-Root") == "assume-root")
        #expect(try AccountState.validatedCheckAccess("") == nil)
        for bad in ["role", "role a b", "root", "role:" + String(repeating: "x", count: 65), "role \u{1B}[2J"] {
            #expect(throws: ModelError.self, "\(bad)") { try AccountState.validatedCheckAccess(bad) }
        }
    }
}
