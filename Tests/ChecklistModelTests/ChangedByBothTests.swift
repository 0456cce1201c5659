import ChecklistModel
import ChecklistText
import Foundation
import Testing
import TestSupport

/// An item two people changed on two sides of a merge: both versions kept, the item marked until
/// someone resolves it, and the resolution recorded.
@Suite struct ChangedByBothTests {
    let checklist = Fixtures.defaultChecklist
    func later(_ seconds: Double) -> Date { Fixtures.at.addingTimeInterval(seconds) }

    /// alice marks root MFA done with her evidence; bob, later, skips it "waiting for YubiKeys".
    func twoOperators() throws -> (base: AccountState, alice: AccountState, bob: AccountState) {
        let base = try Fixtures.newState()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, note: "tokens in safe B",
                            checklist: checklist, by: "alice", at: later(10))
        try bob.setStatus(.skipped, item: "root-mfa", reason: "waiting for YubiKeys", due: "2027-02-01",
                          checklist: checklist, by: "bob", at: later(20))
        return (base, alice, bob)
    }

    func merged() throws -> AccountState {
        let (base, alice, bob) = try twoOperators()
        return try StateMerge.merge(base: base, ours: alice, theirs: bob).state
    }

    @Test func bothVersionsAreKeptAndTheItemIsMarkedFromEitherSide() throws {
        let (base, alice, bob) = try twoOperators()
        let one = try StateMerge.merge(base: base, ours: alice, theirs: bob).state
        let other = try StateMerge.merge(base: base, ours: bob, theirs: alice).state
        #expect(one.items == other.items)
        #expect(one.history == other.history)
        let record = one.record("root-mfa")
        // The later change stands...
        #expect(record.status == .skipped && record.by == "bob" && record.reason == "waiting for YubiKeys")
        // ...and alice's words are in the mark and in a history entry of their own.
        let versions = try #require(record.changedByBoth)
        #expect(versions.map(\.by) == ["alice", "bob"])
        #expect(versions[0].evidence == Fixtures.mfaEvidence)
        #expect(versions[0].values["note"] == "tokens in safe B")
        #expect(versions[1].values["due"] == "2027-02-01")
        let entry = try #require(one.history.last { $0.action == .clash })
        #expect(entry.by == "alice" && entry.item == "root-mfa" && entry.from == "done" && entry.to == "skipped")
        #expect(entry.before?["evidence.backup-location"] == "safe B")
        #expect(entry.after?["reason"] == "waiting for YubiKeys")
        #expect(HistoryText.change(entry).contains("\"safe B\""))
        #expect(one.changedByBoth == ["root-mfa"])
        #expect(one.historyProblems().isEmpty)
        // The mark is written and read back.
        let reread = try StateCodec.decode(StateCodec.encode(one), path: "m")
        #expect(reread.items == one.items)
        #expect(reread.history == one.history)
    }

    @Test func aMarkedRequiredItemKeepsTheAccountOffComplete() throws {
        var state = try merged()
        try state.resolveChangedByBoth(item: "root-mfa", take: .theirs, checklist: checklist, by: "bob", at: later(30))
        // Every other required item settled: only the mark stands between the account and COMPLETE.
        for item in checklist.items where item.required && item.id != "root-mfa" {
            try state.setStatus(.notApplicable, item: item.id, reason: "test", checklist: checklist, by: "t", at: later(40))
        }
        #expect(AccountProgress(state: state, checklist: checklist).isComplete)
        var marked = state
        var record = marked.record("root-mfa")
        record.changedByBoth = [ItemVersion(by: "a", at: later(1), values: ["status": "done"]),
                                ItemVersion(by: "b", at: later(2), values: ["status": "pending"])]
        marked.items["root-mfa"] = record
        let progress = AccountProgress(state: marked, checklist: checklist)
        #expect(!progress.isComplete)
        #expect(progress.changedByBoth.map(\.item.id) == ["root-mfa"])
        #expect(progress.entry("root-mfa")?.resolved == false)
    }

    @Test func resolvingTakesMineTheirsOrCurrentAndRecordsIt() throws {
        let state = try merged()
        // alice takes her own version back: done with her evidence and note.
        var mine = state
        try mine.resolveChangedByBoth(item: "root-mfa", take: .mine, checklist: checklist, by: "alice", at: later(30))
        #expect(mine.record("root-mfa").status == .done)
        #expect(mine.record("root-mfa").evidence == Fixtures.mfaEvidence)
        #expect(mine.record("root-mfa").note == "tokens in safe B")
        #expect(mine.record("root-mfa").changedByBoth == nil && mine.record("root-mfa").by == "alice")
        let entry = try #require(mine.history.last)
        #expect(entry.action == .resolve && entry.from == "skipped" && entry.to == "done")
        #expect(entry.after?["took"] == "version" && entry.after?["versionBy"] == "alice" && entry.after?["versionAt"] == "2027-01-15T08:00:10Z")
        #expect(entry.before?["reason"] == "waiting for YubiKeys")
        #expect(HistoryText.change(entry).contains("took alice's version of 2027-01-15 08:00 UTC"))
        #expect(mine.historyProblems().isEmpty)
        // bob taking "theirs" is the same version.
        var theirs = state
        try theirs.resolveChangedByBoth(item: "root-mfa", take: .theirs, checklist: checklist, by: "bob", at: later(30))
        #expect(theirs.record("root-mfa").status == .done && theirs.record("root-mfa").evidence == Fixtures.mfaEvidence)
        // Keeping the current values ends the mark and nothing else.
        var current = state
        try current.resolveChangedByBoth(item: "root-mfa", take: .current, checklist: checklist, by: "carol", at: later(30))
        var expected = state.record("root-mfa")
        expected.changedByBoth = nil
        #expect(current.record("root-mfa") == expected)
        #expect(current.history.last?.after?["took"] == "current")
        // What was taken is kept in fields of its own: a person may be called anything, "current" too.
        #expect(HistoryText.change(HistoryEntry(at: later(40), by: "x", action: .resolve, item: "root-mfa", to: "done",
                                                after: ["status": "done", "took": "version", "versionBy": "current"]))
                    .contains("took current's version"))
    }

    @Test func resolvingWhatIsNotThereIsRefusedWithTheWayOut() throws {
        var state = try merged()
        #expect(throws: ModelError.notChangedByBoth(item: "security-contact")) {
            try state.resolveChangedByBoth(item: "security-contact", take: .current, checklist: checklist, by: "alice", at: later(30))
        }
        #expect(throws: ModelError.noSuchVersion(item: "root-mfa", choice: .mine, operator: "carol", authors: ["alice", "bob"])) {
            try state.resolveChangedByBoth(item: "root-mfa", take: .mine, checklist: checklist, by: "carol", at: later(30))
        }
        let message = ModelError.noSuchVersion(item: "root-mfa", choice: .mine, operator: "carol", authors: ["alice", "bob"]).message()
        #expect(message == "item root-mfa has no version by carol (its versions are by alice and bob): take theirs or current")
        #expect(state.record("root-mfa").changedByBoth != nil)
    }

    @Test func aResolutionOnOneSideWinsOverTheUntouchedMarkOnTheOther() throws {
        let base = try merged()
        var alice = base
        try alice.resolveChangedByBoth(item: "root-mfa", take: .mine, checklist: checklist, by: "alice", at: later(30))
        for (ours, theirs) in [(alice, base), (base, alice)] {
            let result = try StateMerge.merge(base: base, ours: ours, theirs: theirs)
            #expect(result.clashes.isEmpty)
            #expect(result.state.record("root-mfa") == alice.record("root-mfa"))
        }
    }

    @Test func twoDifferentResolutionsMarkTheItemAgainWithOnlyThoseVersions() throws {
        let base = try merged()
        var alice = base, bob = base
        try alice.resolveChangedByBoth(item: "root-mfa", take: .mine, checklist: checklist, by: "alice", at: later(30))
        try bob.resolveChangedByBoth(item: "root-mfa", take: .mine, checklist: checklist, by: "bob", at: later(40))
        let result = try StateMerge.merge(base: base, ours: alice, theirs: bob)
        let versions = try #require(result.state.record("root-mfa").changedByBoth)
        #expect(versions.map(\.by) == ["alice", "bob"])
        #expect(versions.map(\.at) == [later(30), later(40)])
        #expect(result.state.historyProblems().isEmpty)
    }

    @Test func mergingTheSameClashTwiceWritesItOnce() throws {
        let (base, alice, bob) = try twoOperators()
        // Both met the clash on their own machines (each merged the other's push).
        let atAlice = try StateMerge.merge(base: base, ours: alice, theirs: bob).state
        let atBob = try StateMerge.merge(base: base, ours: bob, theirs: alice).state
        let again = try StateMerge.merge(base: alice, ours: atAlice, theirs: atBob)
        #expect(again.clashes.isEmpty)
        #expect(again.state.history.filter { $0.action == .clash }.count == 1)
        #expect(again.state.record("root-mfa") == atAlice.record("root-mfa"))
    }

    @Test func aMarkThatIsNotAListOfVersionsIsAClearReadError() throws {
        var text = String(decoding: try StateCodec.encode(try merged()), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"changedByBoth\" : [", with: "\"changedByBoth\" : [\"x\", ")
        let error = try #require(throws: ModelError.self) { try StateCodec.decode(Data(text.utf8), path: "m") }
        #expect(error.message().contains("$.items.root-mfa.changedByBoth must be a list of two or more versions"))
    }

    /// A mark comes only from a merge, which writes its clash entry: a file (a push, a hand edit)
    /// that carries one without it is not what this program writes.
    @Test func aMarkNoMergeMetIsNotWhatThisProgramWrites() throws {
        let merged = try merged()
        #expect(merged.integrityProblems(checklist: checklist, now: later(60)).isEmpty)
        var forged = try Fixtures.newState()
        var record = forged.record("root-mfa")
        record.changedByBoth = [ItemVersion(by: "alice", at: later(1), values: ["status": "done", "evidence.device-count": "9"]),
                                ItemVersion(by: "bob", at: later(2), values: ["status": "pending"])]
        forged.items["root-mfa"] = record
        #expect(forged.integrityProblems(checklist: checklist, now: later(60))
            .contains("root-mfa is marked changed by both, but no merge that met it is in its history"))
    }
}
