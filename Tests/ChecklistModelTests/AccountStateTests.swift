import ChecklistModel
import Foundation
import Testing
import TestSupport

@Suite struct AccountStateTests {
    let checklist = Fixtures.defaultChecklist

    @Test func newAccountValidatesInput() throws {
        #expect(throws: ModelError.invalidAccountID("12345")) {
            try AccountState.new(accountID: "12345", alias: nil, rootEmail: nil, checklist: checklist, by: "t", at: Fixtures.at)
        }
        #expect(throws: ModelError.self) {
            try AccountState.new(accountID: "111122223333", alias: nil, rootEmail: "nope", checklist: checklist, by: "t", at: Fixtures.at)
        }
        #expect(throws: ModelError.self) {
            try AccountState.new(accountID: "111122223333", alias: "a\u{1B}[2J", rootEmail: nil, checklist: checklist, by: "t", at: Fixtures.at)
        }
        let state = try Fixtures.newState()
        #expect(state.cursor == checklist.items.first?.id)
        #expect(state.history.first?.action == .created)
        #expect(state.schemaVersion == AccountState.currentSchemaVersion)
    }

    @Test func doneNeedsRequiredEvidenceAndNamesIt() throws {
        var state = try Fixtures.newState()
        do {
            try state.setStatus(.done, item: "root-mfa", checklist: checklist, by: "t", at: Fixtures.at)
            Issue.record("done without evidence was accepted")
        } catch ModelError.missingEvidence(let item, let fields) {
            #expect(item == "root-mfa")
            #expect(fields == ["device-kinds", "device-count", "backup-location"])
        }
        #expect(state.record("root-mfa").status == .pending)
        try state.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "t", at: Fixtures.at)
        #expect(state.record("root-mfa").status == .done)
        #expect(state.record("root-mfa").evidence["device-kinds"] == "passkey, hardware-totp")
        #expect(state.history.last?.action == .status)
        #expect(state.history.last?.from == "pending")
        #expect(state.history.last?.to == "done")
    }

    @Test func skipAndNotApplicableNeedReasons() throws {
        var state = try Fixtures.newState()
        #expect(throws: ModelError.reasonRequired(status: .skipped)) {
            try state.setStatus(.skipped, item: "sign-out-root", checklist: checklist, by: "t", at: Fixtures.at)
        }
        #expect(throws: ModelError.reasonRequired(status: .notApplicable)) {
            try state.setStatus(.notApplicable, item: "sign-out-root", reason: "   ", checklist: checklist, by: "t", at: Fixtures.at)
        }
        try state.setStatus(.notApplicable, item: "organizations-root-access", reason: "standalone account",
                            checklist: checklist, by: "t", at: Fixtures.at)
        #expect(state.record("organizations-root-access").reason == "standalone account")
        try state.setStatus(.pending, item: "organizations-root-access", checklist: checklist, by: "t", at: Fixtures.at)
        #expect(state.record("organizations-root-access").reason == nil)
    }

    @Test func unknownItemsAndFieldsAreRefused() throws {
        var state = try Fixtures.newState()
        #expect(throws: ModelError.self) {
            try state.setStatus(.done, item: "no-such-item", checklist: checklist, by: "t", at: Fixtures.at)
        }
        #expect(throws: ModelError.self) {
            try state.setEvidence(["colour": "red"], item: "root-mfa", checklist: checklist, by: "t", at: Fixtures.at)
        }
    }

    @Test func secretsAreRefusedInNotesReasonsAndEvidence() throws {
        var state = try Fixtures.newState()
        #expect(throws: ModelError.self) {
            try state.setNote("key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", item: "root-mfa", checklist: checklist, by: "t", at: Fixtures.at)
        }
        // An access key id alone is no secret: a note may say which key was deleted.
        try state.setNote("deleted root key AKIAIOSFODNN7EXAMPLE on 2026-11-01", item: "no-root-access-keys", checklist: checklist, by: "t", at: Fixtures.at)
        try state.setStatus(.skipped, item: "sign-out-root", reason: "key AKIAIOSFODNN7EXAMPLE still used by the backup job",
                            checklist: checklist, by: "t", at: Fixtures.at)
        #expect(throws: ModelError.self) {
            try state.setStatus(.skipped, item: "root-mfa", reason: "password=letmein1", checklist: checklist, by: "t", at: Fixtures.at)
        }
        #expect(throws: ModelError.self) {
            try state.setEvidence(["vault": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"], item: "strong-root-password",
                                  checklist: checklist, by: "t", at: Fixtures.at)
        }
        #expect(state.items["root-mfa"] == nil && state.items["strong-root-password"] == nil, "nothing refused was stored")
    }

    @Test func clearingRequiredEvidenceOfADoneItemIsRefused() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "t", at: Fixtures.at)
        #expect(throws: ModelError.self) {
            try state.setEvidence(["device-count": ""], item: "root-mfa", checklist: checklist, by: "t", at: Fixtures.at)
        }
        try state.setEvidence(["enabled-on": "2026-01-02"], item: "root-mfa", checklist: checklist, by: "t", at: Fixtures.at)
        #expect(state.record("root-mfa").evidence["enabled-on"] == "2026-01-02")
    }

    @Test func restoreUndoesAndIsRecorded() throws {
        var state = try Fixtures.newState()
        let before = state.items["root-mfa"]
        try state.setStatus(.skipped, item: "root-mfa", reason: "later", checklist: checklist, by: "t", at: Fixtures.at)
        state.restore(before, item: "root-mfa", by: "t", at: Fixtures.at)
        #expect(state.record("root-mfa").status == .pending)
        #expect(state.history.last?.action == .undo)
        #expect(state.history.count == 3)
    }

    @Test func checksNeverChangeStatusButContradictionsShow() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "t", at: Fixtures.at)
        state.recordCheck(CheckResult(outcome: .fail, reason: "AccountMFAEnabled is 0", at: Fixtures.at, source: .awsCLI),
                          item: "root-mfa", by: "t")
        #expect(state.record("root-mfa").status == .done)
        let progress = AccountProgress(state: state, checklist: checklist)
        #expect(progress.contradictions.map(\.item.id) == ["root-mfa"])
    }

    @Test func completenessCountsRequiredDoneOrNotApplicable() throws {
        var state = try Fixtures.newState()
        let evidence: [String: [String: String]] = [
            "root-mfa": Fixtures.mfaEvidence,
            "no-root-access-keys": ["keys-deleted": "0", "confirmed-on": "2026-01-01"],
            "kms-recovery-phone": ["phone": "+15555550100", "confirmed-on": "2026-01-01"],
        ]
        for (item, values) in evidence {
            try state.setStatus(.done, item: item, evidence: values, checklist: checklist, by: "t", at: Fixtures.at)
        }
        try state.setStatus(.skipped, item: "identity-center-admin", reason: "next week", checklist: checklist, by: "t", at: Fixtures.at)
        #expect(!AccountProgress(state: state, checklist: checklist).isComplete)
        try state.setStatus(.notApplicable, item: "identity-center-admin", reason: "managed by the org",
                            checklist: checklist, by: "t", at: Fixtures.at)
        let progress = AccountProgress(state: state, checklist: checklist)
        #expect(progress.isComplete)
        // The member-only removal item and the management-only organization item do not apply to a
        // standalone account: they count as resolved.
        #expect(progress.requiredResolved == 5)
        #expect(progress.resolvedCount == 6)
    }

    @Test func retiredAndNewItemsAcrossChecklistVersions() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.skipped, item: "sign-out-root", reason: "later", checklist: checklist, by: "t", at: Fixtures.at)
        var newer = checklist
        newer.version += 1
        newer.items.removeAll { $0.id == "sign-out-root" }
        newer.items.append(ChecklistItem(id: "new-item", title: "New", required: true, why: "w", steps: ["s"]))
        let progress = AccountProgress(state: state, checklist: newer)
        #expect(progress.retired.map(\.id) == ["sign-out-root"])
        #expect(progress.entries.first { $0.item.id == "new-item" }?.record.status == .pending)
        #expect(!progress.isComplete)
    }

    @Test func nextPendingWrapsAndSkipsResolved() throws {
        var state = try Fixtures.newState()
        let ids = checklist.items.map(\.id)
        try state.setStatus(.skipped, item: ids[1], reason: "r", checklist: checklist, by: "t", at: Fixtures.at)
        let progress = AccountProgress(state: state, checklist: checklist)
        #expect(progress.nextPending(after: ids[0]) == ids[2])
        #expect(progress.nextPending(after: ids.last) == ids[0])
        #expect(progress.nextPending(after: nil) == ids[0])
    }
}

/// A verification recorded after a change made while AWS answered keeps the history in time order,
/// the detected kind included (it was recorded at the time AWS was asked, before the change).
@Suite struct VerificationOrderTests {
    @Test func aDetectedKindIsRecordedAfterAChangeMadeMeanwhile() throws {
        let checklist = Fixtures.defaultChecklist
        let asked = Date(timeIntervalSince1970: 1_800_000_000)
        var state = try AccountState.new(accountID: "111122223333", alias: nil, rootEmail: nil, checklist: checklist, by: "a", at: asked.addingTimeInterval(-60))
        try state.setNote("meanwhile", item: checklist.items[0].id, checklist: checklist, by: "b", at: asked.addingTimeInterval(5))
        let result = CheckResult(outcome: .pass, reason: "ok", at: asked, source: .awsCLI)
        try state.record(VerificationResult(results: [.init(itemID: checklist.items[0].id, result: result)],
                                            detected: AccountState.AccountEdit(kind: .standalone)), by: "c", at: asked)
        let times = state.history.map(\.at)
        #expect(times == times.sorted(), "\(state.history.map { "\($0.action) \($0.at)" })")
        #expect(state.account.kind == .standalone)
    }
}
