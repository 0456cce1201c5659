import ChecklistModel
import ChecklistText
import Foundation
import Testing
import TestSupport

/// History entries carry what changed from and to, so nothing a person typed is lost by a later
/// change: evidence values, notes, a status with its reason and due date, check results.
@Suite struct HistoryValuesTests {
    let checklist = Fixtures.defaultChecklist
    let at = Fixtures.at

    @Test func everyKindOfEntryKeepsItsValues() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.skipped, item: "root-mfa", reason: "waiting for YubiKeys", due: "2027-02-01", checklist: checklist, by: "bob", at: at)
        let skip = try #require(state.history.last)
        #expect(skip.before == ["status": "pending"])
        #expect(skip.after == ["status": "skipped", "reason": "waiting for YubiKeys", "due": "2027-02-01"])

        try state.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "alice", at: at)
        let evidence = try #require(state.history.first { $0.action == .evidence && $0.by == "alice" })
        #expect(evidence.after?["backup-location"] == "safe B")
        #expect(evidence.before?["backup-location"] == "")
        let done = try #require(state.history.last)
        #expect(done.before == ["status": "skipped", "reason": "waiting for YubiKeys", "due": "2027-02-01"], "the skip's words stay readable")

        try state.setEvidence(["backup-location": "bank vault"], item: "root-mfa", checklist: checklist, by: "carol", at: at)
        let changed = try #require(state.history.last)
        #expect(changed.before == ["backup-location": "safe B"] && changed.after == ["backup-location": "bank vault"])

        try state.setNote("first words", item: "root-mfa", checklist: checklist, by: "bob", at: at)
        try state.setNote("second words", item: "root-mfa", checklist: checklist, by: "alice", at: at)
        let note = try #require(state.history.last)
        #expect(note.before == ["note": "first words"] && note.after == ["note": "second words"])

        state.recordCheck(CheckResult(outcome: .fail, reason: "AccountMFAEnabled is 0", at: at, source: .awsCLI), item: "root-mfa", by: "verify")
        state.recordCheck(CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: at.addingTimeInterval(60), source: .awsCLI),
                          item: "root-mfa", by: "verify")
        let check = try #require(state.history.last { $0.action == .check })
        #expect(check.before?["reason"] == "AccountMFAEnabled is 0" && check.after?["outcome"] == "pass")

        let previous = state.record("root-mfa")
        state.restore(nil, item: "root-mfa", by: "dave", at: at)
        let undo = try #require(state.history.last)
        #expect(undo.before?["evidence.backup-location"] == "bank vault" && undo.before?["note"] == "second words")
        #expect(undo.after == ["status": "pending"])
        _ = previous

        // Everything anyone typed is still in the history, whatever came after.
        let written = state.history.flatMap { Array(($0.before ?? [:]).values) + Array(($0.after ?? [:]).values) }
        for typed in ["waiting for YubiKeys", "2027-02-01", "safe B", "bank vault", "first words", "second words"] {
            #expect(written.contains(typed), "\(typed)")
        }
        // The file keeps them, and reads them back.
        #expect(try StateCodec.decode(StateCodec.encode(state), path: "t") == state)
    }

    @Test func theHistoryShowsTheValues() throws {
        var state = try Fixtures.newState()
        try state.setStatus(.skipped, item: "root-mfa", reason: "waiting for YubiKeys", checklist: checklist, by: "bob", at: at)
        try state.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "alice", at: at)
        let text = HistoryText.render(state, item: "root-mfa")
        #expect(text.contains("status pending → skipped (reason: waiting for YubiKeys)"), "\(text)")
        #expect(text.contains("status skipped (reason: waiting for YubiKeys) → done"), "\(text)")
        #expect(text.contains("device-count: (none) → \"2\""), "\(text)")
    }
}

/// What a file from elsewhere (a remote, a person's editor) is held to before it is taken in.
@Suite struct IntegrityTests {
    let checklist = Fixtures.defaultChecklist

    @Test func doneWithoutEvidenceAndFutureDatesAreNamed() throws {
        var state = try Fixtures.newState()
        state.items["root-mfa"] = ItemRecord(status: .done, by: "x", at: Fixtures.at)
        state.items["kms-recovery-phone"] = ItemRecord(status: .done, evidence: ["phone": "+15555550100"], by: "x", at: Fixtures.at)
        state.items["security-contact"] = ItemRecord(check: CheckResult(outcome: .pass, reason: "r", at: Fixtures.at.addingTimeInterval(86_400), source: .awsCLI))
        let problems = state.integrityProblems(checklist: checklist, now: Fixtures.at)
        #expect(problems.contains { $0.hasPrefix("root-mfa is done without its required evidence") })
        #expect(problems.contains { $0.hasPrefix("kms-recovery-phone is done without its required evidence (confirmed-on)") })
        #expect(problems.contains { $0.contains("security-contact has an AWS check dated") })
        #expect(state.integrityProblems(checklist: checklist, now: Fixtures.at.addingTimeInterval(86_400)).count == 2, "not in the future then")
    }

    /// An account started with another version of the checklist may lack a field a newer version
    /// requires: only a done item with no evidence at all is refused then.
    @Test func anotherChecklistVersionIsHeldOnlyToSomeEvidence() throws {
        var state = try Fixtures.newState()
        state.checklist.version = checklist.version - 1
        state.items["kms-recovery-phone"] = ItemRecord(status: .done, evidence: ["phone": "+15555550100"], by: "x", at: Fixtures.at)
        state.items["root-mfa"] = ItemRecord(status: .done, by: "x", at: Fixtures.at)
        let problems = state.integrityProblems(checklist: checklist, now: Fixtures.at)
        #expect(problems.count == 1 && problems[0].hasPrefix("root-mfa is done without its required evidence"), "\(problems)")
    }
}
