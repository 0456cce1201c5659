import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// `F` on a step: values, the plan, the typed account id, the calls, the record.
@Suite struct FixFlowTests {
    static let planLines = ["Fix security-contact of account 111122223333: Set the security alternate contact",
                            "Calls made with: the account's own credentials (account 111122223333)",
                            "Now: no security contact is set",
                            "1. aws account put-alternate-contact --alternate-contact-type SECURITY --email-address sec@example.com",
                            "   changes: sets the security contact",
                            "   undo:    aws account delete-alternate-contact --alternate-contact-type SECURITY"]

    func harness() -> Harness {
        var app = Harness.opened(width: 100, height: 30)
        app.state.fixable = ["security-contact": ["email", "name", "phone", "title"], "organizations-root-access": []]
        app.performer.fixPlan = { account, item, _ in .fixPlanned(FixProposal(accountID: account, itemID: item, lines: Self.planLines, calls: 1)) }
        app.openStep("security-contact")
        return app
    }

    func fill(_ app: inout Harness) {
        app.press(.char("F"))
        #expect(app.form?.purpose == .fixValues(itemID: "security-contact"))
        for value in ["sec@example.com", "Security team", "+1 206 555 0100", "Security"] {
            app.type(value)
            app.press(.tab)
        }
        app.press(.enter)
    }

    @Test func valuesThenThePlanThenTheTypedIDThenTheCalls() throws {
        var app = harness()
        let passed = CheckResult(outcome: .pass, reason: "the security contact is sec@example.com", at: app.now, source: .awsCLI)
        let record = FixRecord(calls: [.init(command: "account put-alternate-contact …", outcome: .done(requestID: "req-1"))])
        app.performer.fixRun = { account, item in
            .fixFinished(accountID: account, itemID: item, FixOutcome(record: record, evidence: ["email": "sec@example.com", "name": "Security team"],
                                                                     verification: VerificationResult(results: [.init(itemID: item, result: passed)]),
                                                                     problem: nil))
        }
        fill(&app)
        #expect(app.performer.effects.contains(.planFix(accountID: "111122223333", itemID: "security-contact",
                                                        values: ["email": "sec@example.com", "name": "Security team", "phone": "+1 206 555 0100", "title": "Security"])))
        #expect(app.screen == .fixPlan(scroll: 0))
        #expect(app.text.contains("Plan of the fix (nothing changed yet)"))
        #expect(app.text.contains("1. aws account put-alternate-contact"))
        #expect(app.text.contains("y make these calls"), "\(app.text)")
        #expect(app.saved.isEmpty, "nothing is saved by planning")
        app.press(.char("y"))
        app.type("111122223334")
        app.press(.enter)
        #expect(app.form?.error?.contains("not this account's id or alias") == true)
        #expect(!app.performer.effects.contains(.runFix(accountID: "111122223333", itemID: "security-contact")))
        app.press(.escape)
        #expect(app.screen == .fixPlan(scroll: 0), "Esc goes back to the plan")
        app.press(.char("y"))
        app.type("prod")
        app.press(.enter)
        #expect(app.performer.effects.contains(.runFix(accountID: "111122223333", itemID: "security-contact")))
        #expect(app.currentStep == "security-contact", "back on the step")
        #expect(app.state.flash?.text.hasPrefix("Fixed; AWS check pass") == true, "\(String(describing: app.state.flash))")
        #expect(app.record("security-contact").evidence["email"] == "sec@example.com")
        #expect(app.record("security-contact").check?.outcome == .pass)
        #expect(app.account?.history.last { $0.action == .fix }?.after?["call1.result"] == "request req-1")
        #expect(app.saved.count == 1, "one save for the whole fix")
    }

    @Test func aStoppedFixRecordsWhatWasDoneAndNoEvidence() {
        var app = harness()
        let record = FixRecord(calls: [.init(command: "one", outcome: .done(requestID: nil)), .init(command: "two", outcome: .failed("AccessDenied")),
                                       .init(command: "three", outcome: .notRun)])
        app.performer.fixRun = { account, item in
            .fixFinished(accountID: account, itemID: item, FixOutcome(record: record, evidence: [:], verification: nil, problem: "stopped"))
        }
        fill(&app)
        app.press(.char("y"))
        app.type("111122223333")
        app.press(.enter)
        #expect(app.state.flash?.text.hasPrefix("Fix stopped at call 2") == true)
        #expect(app.account?.history.last?.to == "stopped")
        #expect(app.record("security-contact").evidence.isEmpty)
    }

    /// The step says a fix exists only where one does.
    @Test func theStepOffersAFixOnlyWhereOneExists() {
        var app = harness()
        #expect(app.bodyText.contains("Fix from here  (F)"))
        app.openStep("billing-iam-access")
        #expect(!app.bodyText.contains("Fix from here"))
    }

    @Test func refusalsAndItemsWithoutAFix() {
        var app = harness()
        app.performer.fixPlan = { account, item, _ in .fixRefused(accountID: account, itemID: item, reason: "these AWS credentials belong to account 9") }
        fill(&app)
        #expect(app.state.flash?.text == "No fix: these AWS credentials belong to account 9")
        #expect(app.state.fixing == nil)
        #expect(app.currentStep == "security-contact")
        app.openStep("billing-iam-access")
        app.press(.char("F"))
        #expect(app.state.flash?.text.hasPrefix("This item has no fix through AWS's API here") == true)
        #expect(app.form == nil)
    }

    /// A fix without values plans at once; nothing to change is said without a plan screen.
    @Test func nothingToChangeIsSaid() {
        var app = harness()
        app.performer.fixPlan = { account, item, _ in .fixPlanned(FixProposal(accountID: account, itemID: item, lines: ["x"], calls: 0)) }
        app.openStep("organizations-root-access")
        app.press(.char("F"))
        #expect(app.state.flash?.text.hasPrefix("Nothing to change") == true)
        #expect(app.screen.kind == .step)
    }

    /// Esc on the plan drops it; an answer that comes after leaving is not taken for another plan.
    @Test func leavingThePlanDropsIt() {
        var app = harness()
        fill(&app)
        app.press(.escape)
        #expect(app.state.fixing == nil)
        app.send(.fixPlanned(FixProposal(accountID: "111122223333", itemID: "security-contact", lines: ["late"], calls: 1)))
        #expect(app.screen.kind == .step, "a late plan does not open by itself")
    }
}
