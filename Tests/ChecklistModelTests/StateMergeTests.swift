import ChecklistModel
import ChecklistText
import Foundation
import Testing
import TestSupport

/// The merge driver's rules, one test each, then random concurrent edits that must lose nothing.
@Suite struct StateMergeTests {
    let checklist = Fixtures.defaultChecklist
    let at = Fixtures.at
    let phone = ["phone": "+12065550100", "confirmed-on": "2027-01-15"]

    func later(_ seconds: Double) -> Date { at.addingTimeInterval(seconds) }

    func merge(_ base: AccountState?, _ ours: AccountState, _ theirs: AccountState) throws -> StateMerge.Result {
        try StateMerge.merge(base: base, ours: ours, theirs: theirs)
    }

    @Test func changesToDifferentItemsAreBothKept() throws {
        let base = try Fixtures.newState()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "alice", at: later(10))
        try bob.setStatus(.skipped, item: "security-contact", reason: "waiting on the SOC", checklist: checklist, by: "bob", at: later(5))
        let result = try merge(base, alice, bob)
        #expect(result.clashes.isEmpty)
        #expect(result.state.record("root-mfa").status == .done)
        #expect(result.state.record("security-contact").status == .skipped)
        #expect(result.state.record("security-contact").reason == "waiting on the SOC")
        // Base entry once, then both sides' entries in time order.
        #expect(result.state.history.map(\.by) == ["tester@host", "bob", "alice", "alice"])
        #expect(result.state.history.count == base.history.count + 3)
    }

    @Test func anItemChangedOnOneSideTakesThatSide() throws {
        var base = try Fixtures.newState()
        try base.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "carol", at: later(1))
        var bob = base
        try bob.setStatus(.pending, item: "root-mfa", checklist: checklist, by: "bob", at: later(2))
        // Either side being "ours" gives their change.
        #expect(try merge(base, base, bob).state.record("root-mfa").status == .pending)
        #expect(try merge(base, bob, base).state.record("root-mfa").status == .pending)
        #expect(try merge(base, base, bob).clashes.isEmpty)
    }

    @Test func anItemChangedOnBothSidesKeepsTheLaterChangeAndReportsIt() throws {
        let base = try Fixtures.newState()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "kms-recovery-phone", evidence: phone, checklist: checklist, by: "alice", at: later(10))
        try bob.setStatus(.notApplicable, item: "kms-recovery-phone", reason: "no KMS keys here", checklist: checklist, by: "bob", at: later(20))
        for (ours, theirs) in [(alice, bob), (bob, alice)] {
            let result = try merge(base, ours, theirs)
            #expect(result.state.record("kms-recovery-phone").status == .notApplicable)
            #expect(result.state.record("kms-recovery-phone").by == "bob")
            #expect(result.clashes.count == 1)
            let text = MergeText.clash(result.clashes[0], account: "111122223333")
            #expect(text.contains("kms-recovery-phone changed by"))
            #expect(text.contains("bob's later change kept"))
            // Both changes stay in the history.
            let statusChanges = result.state.history.filter { $0.item == "kms-recovery-phone" && $0.action == .status }
            #expect(Set(statusChanges.map(\.by)) == ["alice", "bob"])
        }
    }

    @Test func theSameChangeOnBothSidesIsNoClash() throws {
        let base = try Fixtures.newState()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "ops", at: later(10))
        try bob.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "ops", at: later(10))
        let result = try merge(base, alice, bob)
        #expect(result.clashes.isEmpty)
        // Identical entries are one entry, not two.
        #expect(result.state.history.count == alice.history.count)
    }

    @Test func aSimultaneousClashIsDecidedTheSameWayFromBothSides() throws {
        let base = try Fixtures.newState()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "alice", at: later(10))
        try bob.setStatus(.skipped, item: "root-mfa", reason: "token on order", checklist: checklist, by: "bob", at: later(10))
        let one = try merge(base, alice, bob), other = try merge(base, bob, alice)
        #expect(one.state.record("root-mfa") == other.state.record("root-mfa"))
        #expect(one.clashes.count == 1 && other.clashes.count == 1)
    }

    @Test func checkResultsAreNotClashesTheNewerOneIsKept() throws {
        var base = try Fixtures.newState()
        try base.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "alice", at: later(1))
        var alice = base, bob = base
        alice.recordCheck(CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: later(50), source: .awsCLI), item: "root-mfa", by: "alice")
        bob.recordCheck(CheckResult(outcome: .fail, reason: "AccountMFAEnabled is 0", at: later(40), source: .awsCLI), item: "root-mfa", by: "bob")
        for (ours, theirs) in [(alice, bob), (bob, alice)] {
            let result = try merge(base, ours, theirs)
            #expect(result.clashes.isEmpty)
            #expect(result.state.record("root-mfa").check?.outcome == .pass)
            #expect(result.state.record("root-mfa").status == .done)
            #expect(result.state.history.filter { $0.action == .check }.count == 2)
        }
    }

    @Test func aCheckOnOneSideAndAStatusChangeOnTheOtherAreBothKept() throws {
        let base = try Fixtures.newState()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "alice", at: later(10))
        bob.recordCheck(CheckResult(outcome: .fail, reason: "AccountMFAEnabled is 0", at: later(20), source: .awsCLI), item: "root-mfa", by: "bob")
        for (ours, theirs) in [(alice, bob), (bob, alice)] {
            let result = try merge(base, ours, theirs)
            #expect(result.clashes.isEmpty)
            #expect(result.state.record("root-mfa").status == .done)
            #expect(result.state.record("root-mfa").check?.outcome == .fail)
        }
    }

    @Test func accountFieldsMergeLikeItems() throws {
        let base = try Fixtures.newState()
        var alice = base, bob = base
        try alice.editAccount(.init(alias: "prod-eu"), by: "alice", at: later(10))
        try bob.editAccount(.init(alias: "prod-west", kind: .member), by: "bob", at: later(5))
        let result = try merge(base, alice, bob)
        #expect(result.state.account.alias == "prod-eu")
        #expect(result.state.account.kind == .member)
        #expect(result.clashes == [MergeClash(subject: .account("alias"), ours: .init(by: "alice", at: later(10)),
                                              theirs: .init(by: "bob", at: later(5)), keptTheirs: false)])
        #expect(MergeText.clash(result.clashes[0], account: "111122223333").contains("the account's alias changed by bob and by alice; alice's later change kept"))
    }

    @Test func filesCreatedOnBothSidesMergeWithoutABase() throws {
        var alice = try Fixtures.newState(), bob = try Fixtures.newState()
        bob.history[0].by = "bob"
        try alice.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, checklist: checklist, by: "alice", at: later(10))
        try bob.setStatus(.skipped, item: "group-root-email", reason: "later", checklist: checklist, by: "bob", at: later(20))
        let result = try merge(nil, alice, bob)
        #expect(result.state.record("root-mfa").status == .done)
        #expect(result.state.record("group-root-email").status == .skipped)
        #expect(result.state.history.filter { $0.action == .created }.count == 2)
    }

    @Test func sidesOfDifferentAccountsAreRefused() throws {
        #expect(throws: ModelError.self) { try merge(nil, try Fixtures.newState(), try Fixtures.newState("444455556666")) }
    }

    @Test func fieldsThisVersionDoesNotKnowSurviveTheMerge() throws {
        let base = try Fixtures.everyFieldState()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "group-root-email", evidence: ["address": "aws-root@example.com", "owner": "platform"], checklist: checklist, by: "alice", at: later(300))
        bob.preserved.unknown[.account]?["costCentre"] = .string("42")
        try bob.setNote("from bob", item: "security-contact", checklist: checklist, by: "bob", at: later(200))
        let result = try merge(base, alice, bob)
        #expect(result.state.preserved.unknown[.account]?["team"] == .string("platform"))
        #expect(result.state.preserved.unknown[.account]?["costCentre"] == .string("42"))
        #expect(result.state.preserved.unknown[.item("root-mfa")] == base.preserved.unknown[.item("root-mfa")])
        // The first entry keeps its own spelling of the time and its extra field, wherever it lands.
        let encoded = String(decoding: StateCodec.encode(result.state), as: UTF8.self)
        #expect(encoded.contains("2027-01-15T08:00:00.000Z"))
        #expect(encoded.contains("\"host\" : \"laptop\""))
        let reread = try StateCodec.decode(StateCodec.encode(result.state), path: "merged")
        #expect(reread.history.count == base.history.count + 2 + (alice.history.count - base.history.count - 1))
    }

    /// Random edits on two sides of one base: nothing either side did goes missing, each item ends
    /// as one of the sides has it (the one side's when only one changed it), and both merge orders agree.
    @Test(arguments: 0..<200) func randomConcurrentEditsLoseNothing(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &+ 0x5eed)
        var base = try Fixtures.newState()
        var clock = 0.0
        func edit(_ state: inout AccountState, by: String, count: Int) throws {
            let items = ["root-mfa", "no-root-access-keys", "security-contact", "group-root-email", "sign-out-root"]
            for _ in 0..<count {
                clock += Double(random.next() % 5)  // equal times happen too
                let item = items[Int(random.next() % UInt64(items.count))]
                switch random.next() % 6 {
                case 5: try state.setEvidence(["backup-location": "b\(random.next() % 4)"], item: "root-mfa", checklist: checklist, by: by, at: later(clock))
                case 0: try state.setStatus(.skipped, item: item, reason: "r\(random.next() % 3)", checklist: checklist, by: by, at: later(clock))
                case 1: try state.setStatus(.pending, item: item, checklist: checklist, by: by, at: later(clock))
                case 2: try state.setNote("n\(random.next() % 3)", item: item, checklist: checklist, by: by, at: later(clock))
                case 3: state.recordCheck(CheckResult(outcome: .unknown, reason: "r\(random.next() % 4)", at: later(clock), source: .awsCLI), item: item, by: by)
                default: try state.editAccount(.init(alias: "a\(random.next() % 3)"), by: by, at: later(clock))
                }
            }
        }
        try edit(&base, by: "carol", count: Int(random.next() % 4))
        var alice = base, bob = base
        try edit(&alice, by: "alice", count: 1 + Int(random.next() % 6))
        try edit(&bob, by: "bob", count: 1 + Int(random.next() % 6))
        let one = try merge(base, alice, bob).state, other = try merge(base, bob, alice).state

        func keys(_ s: AccountState) -> [String] { s.history.map { "\($0.at.timeIntervalSince1970)|\($0.by)|\($0.action)|\($0.item ?? "")|\($0.from ?? "")|\($0.to ?? "")" } }
        for side in [alice, bob] {
            var remaining = keys(one)
            for key in keys(side) {
                let index = try #require(remaining.firstIndex(of: key), "a history entry went missing: \(key)")
                remaining.remove(at: index)
            }
        }
        // One clash entry per item changed on both sides; every other entry is one side's.
        let clashes = one.history.filter { $0.action == .clash }
        #expect(one.history.count == alice.history.count + bob.history.count - base.history.count + clashes.count)
        #expect(Set(keys(one)) == Set(keys(other)))
        #expect(one.items == other.items)
        #expect(one.account == other.account)
        #expect(one.historyProblems().isEmpty)
        // Every word either operator typed (reason, note, evidence) is still readable in the merged
        // history, whichever side merged.
        func words(_ state: AccountState) -> [String] {
            state.history.compactMap(\.after).flatMap { [$0["reason"], $0["note"], $0["backup-location"]] }.compactMap { $0 }
        }
        for side in [alice, bob] {
            for merged in [one, other] {
                let kept = Set(words(merged))
                for word in words(side) { #expect(kept.contains(word), "\(word) is gone from the merged history") }
            }
        }
        for (id, record) in one.items {
            // An item both changed is marked, holding each side's version.
            if let versions = record.changedByBoth {
                #expect(clashes.contains { $0.item == id })
                #expect(versions.contains { $0.values == ItemVersion(alice.record(id)).values })
                #expect(versions.contains { $0.values == ItemVersion(bob.record(id)).values })
            }
            var opOnly = record; opOnly.check = nil; opOnly.changedByBoth = nil
            var a = alice.record(id), b = bob.record(id), o = base.record(id)
            a.check = nil; b.check = nil; o.check = nil
            #expect(opOnly == a || opOnly == b || (opOnly == ItemRecord() && (a == ItemRecord() || b == ItemRecord())))
            if a == o { #expect(opOnly == b) }
            if b == o { #expect(opOnly == a) }
        }
        // Sorted by time within what each side appended.
        #expect(try StateCodec.decode(StateCodec.encode(one), path: "m").items == one.items)
    }
}
