import Foundation
import Testing

/// Two operators change one item on two machines: after both sync, neither person's words are
/// gone, both see the item marked changed by both, and only an explicit resolve settles it.
@Suite struct TeamChangedByBothTests {
    let id = "111122223333"
    let evidence = ["--evidence", "device-kinds=passkey, hardware-totp", "--evidence", "device-count=2", "--evidence", "backup-location=safe B"]

    @Test(arguments: [false, true]) func bothVersionsSurviveUntilResolved(bobFirst: Bool) throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        try alice.ok(["mark", id, "root-mfa", "done"] + evidence)
        try bob.ok(["mark", id, "root-mfa", "skip", "--reason", "waiting for YubiKeys"])  // later than alice's

        let (first, second) = bobFirst ? (bob, alice) : (alice, bob)
        try first.ok(["sync"])
        let met = try second.ok(["sync"])
        let told = try first.ok(["sync"])
        #expect(try alice.file(id) == bob.file(id))
        // The one whose sync met the clash, and the other at their next sync, are both told how to settle it.
        for output in [met.stdout, told.stdout] {
            #expect(output.contains("1 item is changed by both and waits for someone to resolve it"), "\(output)")
            #expect(output.contains("\(id) root-mfa (alice and bob): root-checklist resolve \(id) root-mfa --take mine|theirs|current"), "\(output)")
        }
        // The later change stands; alice's evidence is still in the file and readable in the history.
        #expect(try alice.status(id, "root-mfa") == "skipped")
        let history = try bob.ok(["history", id, "root-mfa"]).stdout
        #expect(history.contains("\"safe B\""), "\(history)")
        #expect(history.contains("changed by both"), "\(history)")
        for op in [alice, bob] {
            #expect(try op.ok(["list"]).stdout.contains("changed by both"))
            let summary = try op.run(["summary", id])
            #expect(summary.status == 3)
            #expect(summary.stdout.contains("Changed by both: root-mfa (alice and bob)"), "\(summary.stdout)")
            #expect(summary.stdout.contains("version by alice"), "\(summary.stdout)")
            let findings = try op.run(["findings", "--format", "csv"])
            #expect(findings.stdout.contains("changed-by-both"), "\(findings.stdout)")
            // Checking the files names what is not settled.
            let verified = try op.run(["history", "--verify"])
            #expect(verified.status == 3 && verified.stdout.contains("root-mfa was changed by both alice and bob and is not yet resolved"))
        }

        // Looking changes nothing; bob takes alice's version ("theirs" to him).
        let shown = try bob.ok(["resolve", id, "root-mfa"])
        #expect(shown.stdout.contains("1. alice"), "\(shown.stdout)")
        #expect(shown.stdout.contains("2. bob") && shown.stdout.contains("(yours)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Nothing changed"))
        let mine = try bob.run(["resolve", id, "root-mfa", "--take", "mine", "--operator", "carol"])
        #expect(mine.status == 1 && mine.stderr.contains("has no version by carol"), "\(mine.stderr)")
        try bob.ok(["resolve", id, "root-mfa", "--take", "theirs"])
        #expect(try bob.status(id, "root-mfa") == "done")
        try bob.ok(["sync"])
        try alice.ok(["sync"])
        #expect(try alice.file(id) == bob.file(id))
        let items = try alice.state(id)["items"] as? [String: [String: Any]] ?? [:]
        #expect(items["root-mfa"]?["changedByBoth"] == nil)
        #expect((items["root-mfa"]?["evidence"] as? [String: String])?["backup-location"] == "safe B")
        #expect(try alice.ok(["history", id, "root-mfa"]).stdout.contains("changed by both resolved: took alice's version of"))
        try alice.ok(["history", "--verify"])
        #expect(!(try alice.ok(["list"]).stdout.contains("changed by both")))
        // Settling it is one commit, named for what it did.
        #expect(try alice.git(["log", "-1", "--format=%an|%s"]).stdout.contains("bob|\(id) (prod): root-mfa changed by both resolved to done"))
    }

    @Test func resolvingAnItemNobodyClashedOnIsRefusedAndChangesNothing() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", id])
        let before = try alice.file(id)
        let refused = try alice.run(["resolve", id, "root-mfa", "--take", "current"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("root-mfa is not marked changed by both"), "\(refused.stderr)")
        #expect(try alice.file(id) == before)
        #expect(try alice.run(["resolve", id, "root-mfa", "--take", "both"]).status == 64)
    }
}
