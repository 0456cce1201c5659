import ChecklistModel
import Foundation
import Testing
import TestSupport

/// Follow-ups: a skip can say when it ends, a done item can be due for another look; both turn
/// overdue after their day, judged on the day the progress is read for.
@Suite struct FollowUpTests {
    let checklist = Fixtures.defaultChecklist
    let day = 86_400.0

    @Test func aSkipWithADueDateIsOverdueTheDayAfter() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.skipped, item: "security-contact", reason: "waiting for the team alias", due: "2027-02-01",
                            checklist: checklist, by: "t", at: Fixtures.at)
        let on = ISODate.parseAnyForm("2027-02-01T23:59:59Z")!
        let after = ISODate.parseAnyForm("2027-02-02T00:00:00Z")!
        #expect(AccountProgress(state: state, checklist: checklist, asOf: on).entry("security-contact")?.followUp
                == .init(kind: .due, date: "2027-02-01", overdue: false))
        let late = AccountProgress(state: state, checklist: checklist, asOf: after)
        #expect(late.entry("security-contact")?.overdue == true)
        #expect(late.overdue.map(\.item.id) == ["security-contact"])
        #expect(AccountProgress(state: state, checklist: checklist).overdue.isEmpty, "without a day nothing is judged overdue")
        // Any other status ends the skip and its due date.
        try state.setStatus(.pending, item: "security-contact", checklist: checklist, by: "t", at: Fixtures.at)
        #expect(state.record("security-contact").due == nil)
    }

    @Test func aDoneItemWithARecheckIntervalFallsDueAgain() throws {
        var state = try Fixtures.newState()
        let days = try #require(checklist.item("kms-recovery-phone")?.recheckDays)
        try state.setStatus(.done, item: "kms-recovery-phone", evidence: ["phone": "+1 206 555 0100", "confirmed-on": "2027-01-15"],
                            checklist: checklist, by: "t", at: Fixtures.at)
        let before = AccountProgress(state: state, checklist: checklist, asOf: Fixtures.at.addingTimeInterval(Double(days - 1) * day))
        #expect(before.entry("kms-recovery-phone")?.followUp?.kind == .recheck)
        #expect(before.overdue.isEmpty)
        let after = AccountProgress(state: state, checklist: checklist, asOf: Fixtures.at.addingTimeInterval(Double(days + 1) * day))
        #expect(after.overdue.map(\.item.id) == ["kms-recovery-phone"])
    }

    /// The re-check clock runs from the evidence's date (the day the phone answered), not from the
    /// day it was typed in; correcting the date moves it.
    @Test func theRecheckClockRunsFromTheEvidenceDate() throws {
        var state = try Fixtures.newState()
        // Typed in today (2027-01-15), confirmed eleven months earlier: 180 days are long past.
        try state.setStatus(.done, item: "kms-recovery-phone", evidence: ["phone": "+1 206 555 0100", "confirmed-on": "2026-02-10"],
                            checklist: checklist, by: "t", at: Fixtures.at)
        let now = AccountProgress(state: state, checklist: checklist, asOf: Fixtures.at)
        #expect(now.entry("kms-recovery-phone")?.followUp?.date == "2026-08-09")
        #expect(now.overdue.map(\.item.id) == ["kms-recovery-phone"])
        try state.setEvidence(["confirmed-on": "2027-01-10"], item: "kms-recovery-phone", checklist: checklist, by: "t", at: Fixtures.at)
        let corrected = AccountProgress(state: state, checklist: checklist, asOf: Fixtures.at)
        #expect(corrected.overdue.isEmpty, "re-confirming with a new date clears OVERDUE")
        #expect(corrected.entry("kms-recovery-phone")?.followUp?.date == "2027-07-09")
    }

    @Test(arguments: [("2027-13-01", "must be a date"), ("yesterday", "must be a date"), ("2027-01-14", "is in the past")])
    func aBadDueDateIsRefused(_ due: String, _ message: String) throws {
        var state = try Fixtures.newState()
        do {
            try state.setStatus(.skipped, item: "security-contact", reason: "r", due: due, checklist: checklist, by: "t", at: Fixtures.at)
            Issue.record("accepted \(due)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func aDueDateGoesWithASkipOnly() throws {
        var state = try Fixtures.newState()
        #expect(throws: ModelError.self) {
            try state.setStatus(.notApplicable, item: "security-contact", reason: "r", due: "2027-03-01", checklist: checklist,
                                by: "t", at: Fixtures.at)
        }
    }

    /// The due date is one field of the record: it is saved and read back like every other.
    @Test func theDueDateRoundTrips() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.skipped, item: "security-contact", reason: "r", due: "2027-03-01", checklist: checklist, by: "t", at: Fixtures.at)
        let read = try StateCodec.decode(StateCodec.encode(state), path: "x")
        #expect(read.record("security-contact").due == "2027-03-01")
    }
}
