import ChecklistModel
import Foundation
import Testing
import TestSupport

/// A done item whose AWS check fails is contradicted: not resolved, never complete, until AWS is
/// fixed and checked again or a person overrides that failure with a recorded reason.
@Suite struct CheckOverrideTests {
    let checklist = Fixtures.defaultChecklist
    let at = Fixtures.at

    /// Every required item of a standalone account done or not applicable: complete.
    func completeState() throws -> AccountState {
        var state = try Fixtures.newState()
        let evidence: [String: [String: String]] = [
            "root-mfa": Fixtures.mfaEvidence,
            "no-root-access-keys": ["keys-deleted": "0", "confirmed-on": "2026-01-01"],
            "kms-recovery-phone": ["phone": "+15555550100", "confirmed-on": "2026-01-01"],
        ]
        for (item, values) in evidence.sorted(by: { $0.key < $1.key }) {
            try state.setStatus(.done, item: item, evidence: values, checklist: checklist, by: "alice", at: at)
        }
        try state.setStatus(.notApplicable, item: "identity-center-admin", reason: "managed by the org",
                            checklist: checklist, by: "alice", at: at)
        #expect(AccountProgress(state: state, checklist: checklist).isComplete)
        return state
    }

    func fail(_ reason: String, after seconds: Double = 60) -> CheckResult {
        CheckResult(outcome: .fail, reason: reason, at: at.addingTimeInterval(seconds), source: .awsCLI)
    }

    @Test func aFailingCheckOnADoneItemKeepsTheAccountOffComplete() throws {
        var state = try completeState()
        state.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
        let progress = AccountProgress(state: state, checklist: checklist)
        let entry = try #require(progress.entry("root-mfa"))
        #expect(entry.contradicted)
        #expect(!entry.resolved)
        #expect(entry.status == .done, "the person's status is kept as recorded")
        #expect(!progress.isComplete)
        #expect(progress.requiredResolved == progress.requiredTotal - 1)
        #expect(progress.contradictions.map(\.item.id) == ["root-mfa"])
    }

    @Test func aContradictedOptionalItemAlsoKeepsTheAccountOffComplete() throws {
        var state = try completeState()
        try state.setStatus(.done, item: "security-contact",
                            evidence: ["email": "sec@example.com"],
                            checklist: checklist, by: "alice", at: at)
        state.recordCheck(fail("no security contact is set"), item: "security-contact", by: "verify")
        let progress = AccountProgress(state: state, checklist: checklist)
        #expect(!progress.isComplete)
        #expect(progress.requiredResolved == progress.requiredTotal)
    }

    @Test func anUnknownOrPassingCheckDoesNotContradict() throws {
        for outcome in [CheckOutcome.unknown, .pass, .notApplicable] {
            var state = try completeState()
            state.recordCheck(CheckResult(outcome: outcome, reason: "r", at: at, source: .awsCLI), item: "root-mfa", by: "verify")
            let progress = AccountProgress(state: state, checklist: checklist)
            #expect(progress.isComplete, "\(outcome)")
            #expect(progress.contradictions.isEmpty)
        }
    }

    @Test func anItemWithoutACheckIsNeverContradicted() throws {
        var state = try completeState()
        let item = try #require(checklist.items.first { $0.check == nil && $0.appliesTo.reasonNotApplicable(to: state.account, credentials: .present) == nil })
        var record = state.record(item.id)
        record.status = .done
        record.check = fail("a result a hand-edited file carries")
        state.items[item.id] = record
        let progress = AccountProgress(state: state, checklist: checklist)
        #expect(progress.entry(item.id)?.contradicted == false)
        #expect(progress.isComplete)
    }

    @Test func anOverrideKeepsTheDoneWithWhoAndWhyInTheHistory() throws {
        var state = try completeState()
        state.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
        try state.overrideCheck(item: "root-mfa", reason: "keys ordered; ticket SEC-9", checklist: checklist, by: "bob", at: at.addingTimeInterval(120))
        let progress = AccountProgress(state: state, checklist: checklist)
        let entry = try #require(progress.entry("root-mfa"))
        #expect(!entry.contradicted)
        #expect(entry.resolved)
        #expect(entry.overridden == CheckOverride(reason: "keys ordered; ticket SEC-9", by: "bob", at: at.addingTimeInterval(120),
                                                  failure: "AccountMFAEnabled is 0"))
        #expect(progress.isComplete)
        #expect(progress.overrides.map(\.item.id) == ["root-mfa"])
        let last = try #require(state.history.last)
        #expect(last.action == .override && last.item == "root-mfa" && last.by == "bob" && last.to == "keys ordered; ticket SEC-9")
    }

    @Test func anOverrideNeedsADoneItemWithAFailingCheckAndAReason() throws {
        var state = try completeState()
        #expect(throws: ModelError.nothingToOverride(item: "root-mfa", hasCheck: true, check: nil)) {
            try state.overrideCheck(item: "root-mfa", reason: "r", checklist: checklist, by: "bob", at: at)
        }
        state.recordCheck(CheckResult(outcome: .pass, reason: "ok", at: at, source: .awsCLI), item: "root-mfa", by: "verify")
        #expect(throws: ModelError.nothingToOverride(item: "root-mfa", hasCheck: true, check: .pass)) {
            try state.overrideCheck(item: "root-mfa", reason: "r", checklist: checklist, by: "bob", at: at)
        }
        let unchecked = try #require(checklist.item("billing-iam-access"))
        #expect(unchecked.check == nil)
        try state.setStatus(.done, item: unchecked.id, evidence: ["activated": "yes"], checklist: checklist, by: "alice", at: at)
        #expect(throws: ModelError.nothingToOverride(item: unchecked.id, hasCheck: false, check: nil)) {
            try state.overrideCheck(item: unchecked.id, reason: "r", checklist: checklist, by: "bob", at: at)
        }
        state.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
        #expect(throws: ModelError.self) {
            try state.overrideCheck(item: "root-mfa", reason: "   ", checklist: checklist, by: "bob", at: at)
        }
        #expect(throws: ModelError.self) {
            try state.overrideCheck(item: "root-mfa", reason: "password=hunter22", checklist: checklist, by: "bob", at: at)
        }
        try state.setStatus(.pending, item: "root-mfa", checklist: checklist, by: "alice", at: at)
        #expect(throws: ModelError.self) {
            try state.overrideCheck(item: "root-mfa", reason: "r", checklist: checklist, by: "bob", at: at)
        }
        #expect(state.history.allSatisfy { $0.action != .override })
    }

    @Test func markingDoneWithAnOverrideTakesItInOneChange() throws {
        var state = try Fixtures.newState()
        state.recordCheck(fail("AccountAccessKeysPresent is 1"), item: "no-root-access-keys", by: "verify")
        #expect(throws: ModelError.self, "an override goes with done only") {
            try state.setStatus(.skipped, item: "no-root-access-keys", reason: "later", checkOverride: "r",
                                checklist: checklist, by: "bob", at: at)
        }
        try state.setStatus(.done, item: "no-root-access-keys", evidence: ["keys-deleted": "1", "confirmed-on": "2026-01-01"],
                            checkOverride: "the key belongs to the old billing export, deleted Friday",
                            checklist: checklist, by: "bob", at: at)
        let entry = try #require(AccountProgress(state: state, checklist: checklist).entry("no-root-access-keys"))
        #expect(entry.overridden?.by == "bob")
        #expect(entry.resolved)
        #expect(state.history.suffix(2).map(\.action) == [.status, .override])
    }

    @Test func aCheckThatSaysAnythingElseEndsTheOverride() throws {
        for later in [fail("AccountMFAEnabled is 0; and a second finding"),
                      CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: at.addingTimeInterval(300), source: .awsCLI),
                      CheckResult(outcome: .unknown, reason: "AccessDenied", at: at.addingTimeInterval(300), source: .awsCLI)] {
            var state = try completeState()
            state.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
            try state.overrideCheck(item: "root-mfa", reason: "accepted", checklist: checklist, by: "bob", at: at)
            state.recordCheck(later, item: "root-mfa", by: "verify")
            #expect(state.record("root-mfa").checkOverride == nil, "\(later.outcome)")
            let ended = try #require(state.history.last)
            #expect(ended.action == .override && ended.from == "accepted" && ended.to == nil)
            let progress = AccountProgress(state: state, checklist: checklist)
            #expect(progress.entry("root-mfa")?.contradicted == (later.outcome == .fail))
            // The same failure seen again, once the override ended, is a contradiction again.
            state.recordCheck(fail("AccountMFAEnabled is 0", after: 900), item: "root-mfa", by: "verify")
            #expect(AccountProgress(state: state, checklist: checklist).entry("root-mfa")?.contradicted == true)
        }
    }

    @Test func theSameFailureCheckedAgainKeepsTheOverride() throws {
        var state = try completeState()
        state.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
        try state.overrideCheck(item: "root-mfa", reason: "accepted", checklist: checklist, by: "bob", at: at)
        state.recordCheck(fail("AccountMFAEnabled is 0", after: 3600), item: "root-mfa", by: "verify")
        #expect(AccountProgress(state: state, checklist: checklist).entry("root-mfa")?.overridden?.reason == "accepted")
    }

    @Test func leavingDoneEndsTheOverride() throws {
        var state = try completeState()
        state.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
        try state.overrideCheck(item: "root-mfa", reason: "accepted", checklist: checklist, by: "bob", at: at)
        try state.setStatus(.pending, item: "root-mfa", checklist: checklist, by: "alice", at: at)
        #expect(state.record("root-mfa").checkOverride == nil)
        #expect(state.history.last?.action == .override && state.history.last?.to == nil)
        try state.setStatus(.done, item: "root-mfa", checklist: checklist, by: "alice", at: at)
        #expect(AccountProgress(state: state, checklist: checklist).entry("root-mfa")?.contradicted == true,
                "done again without an override: the failing check contradicts it")
    }

    /// An override found in a file whose check no longer fails the way it answered does not count.
    @Test func anOverrideOfAnotherFailureDoesNotCount() throws {
        var state = try completeState()
        state.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
        state.items["root-mfa"]?.checkOverride = CheckOverride(reason: "r", by: "x", at: at, failure: "something else")
        #expect(AccountProgress(state: state, checklist: checklist).entry("root-mfa")?.contradicted == true)
    }

    @Test func anOverrideSurvivesTheFileAndAMerge() throws {
        var base = try completeState()
        base.recordCheck(fail("AccountMFAEnabled is 0"), item: "root-mfa", by: "verify")
        var theirs = base
        try theirs.overrideCheck(item: "root-mfa", reason: "accepted by the CISO", checklist: checklist, by: "bob", at: at.addingTimeInterval(600))
        let read = try StateCodec.decode(StateCodec.encode(theirs), path: "t")
        #expect(read == theirs)
        let merged = try StateMerge.merge(base: base, ours: base, theirs: theirs)
        #expect(merged.state.record("root-mfa").checkOverride?.reason == "accepted by the CISO")
        #expect(merged.clashes.isEmpty)
        #expect(AccountProgress(state: merged.state, checklist: checklist).isComplete)
    }
}
