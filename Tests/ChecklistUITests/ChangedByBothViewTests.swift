import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// An item changed by both sides of a sync, in the walkthrough: marked everywhere it is drawn,
/// both versions on its step, and M settles it through a form that is recorded.
@Suite struct ChangedByBothViewTests {
    /// The account as alice's sync left it: bob's later skip kept, alice's done with evidence beside it.
    static func clashed() throws -> AccountState {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let base = Harness.newAccount()
        var alice = base, bob = base
        try alice.setStatus(.done, item: "root-mfa", evidence: ["device-kinds": "passkey", "device-count": "2", "backup-location": "safe B"],
                            checklist: Harness.checklist, by: "tester@host", at: at.addingTimeInterval(10))
        try bob.setStatus(.skipped, item: "root-mfa", reason: "waiting for YubiKeys", checklist: Harness.checklist, by: "bob",
                          at: at.addingTimeInterval(20))
        var merged = try StateMerge.merge(base: base, ours: alice, theirs: bob).state
        merged.cursor = "root-mfa"
        return merged
    }

    @Test func theStepShowsBothVersionsSideBySideAndTheWayOut() throws {
        let app = Harness.opened(width: 100, height: 40, account: try Self.clashed())
        #expect(app.text.contains("Status: ⚠ changed by both"), "\(app.text)")
        let body = app.bodyText
        #expect(body.contains("Changed by both tester@host and bob"), "\(body)")
        #expect(body.contains("M takes a version or keeps the current values"))
        // Two columns: each version's heading on one line, divided by a rule.
        let headings = try #require(body.split(separator: "\n").first { $0.contains("tester@host, ") && $0.contains("│ bob, ") })
        #expect(headings.contains("(yours)"))
        #expect(body.contains("safe B"))
        #expect(body.contains("reason: waiting for YubiKeys"))
    }

    @Test func aNarrowStepStacksTheVersions() throws {
        let app = Harness.opened(width: 60, height: 40, account: try Self.clashed())
        let lines = app.bodyText.split(separator: "\n")
        #expect(!lines.contains { $0.contains("│") }, "\(app.bodyText)")
        #expect(lines.contains { $0.hasPrefix(" tester@host, ") || $0.contains("tester@host, 20") })
        #expect(app.bodyText.contains("safe B"))
    }

    @Test func theOverviewAndTheListMarkIt() throws {
        var app = Harness.opened(account: try Self.clashed())
        app.press(.escape)
        #expect(app.text.contains("⚠ Turn on MFA"), "\(app.text)")
        #expect(app.text.contains("changed by both"))
        app.press(.escape)
        #expect(app.text.contains("⚠1 changed by both"), "\(app.text)")
    }

    @Test func mResolvesThroughAFormAndItIsSavedAndRecorded() throws {
        var app = Harness.opened(width: 100, height: 40, account: try Self.clashed())
        app.press(.char("M"))
        let form = try #require(app.form)
        #expect(form.intro.contains("1. tester@host"))
        #expect(form.intro.contains("(yours)"))
        app.type("both")
        app.press(.enter)
        #expect(app.form?.fields.first?.error != nil, "only mine, theirs or current")
        app.press(.ctrl("u"))
        app.type("mine")
        app.press(.enter)
        #expect(app.form == nil)
        let record = app.record("root-mfa")
        #expect(record.status == .done && record.evidence["backup-location"] == "safe B")
        #expect(record.changedByBoth == nil)
        #expect(app.saved.last?.record("root-mfa") == record, "saved at once")
        #expect(app.account?.history.last?.action == .resolve)
        #expect(app.state.flash?.text.hasPrefix("Resolved: done") == true)
        #expect(app.text.contains("Status: ✓ done"))
        app.press(.char("M"))
        #expect(app.form == nil)
        #expect(app.state.flash?.text.hasPrefix("Nothing to resolve") == true)
        // Undo takes the resolution back, mark and all.
        app.press(.char("u"))
        #expect(app.record("root-mfa").changedByBoth != nil)
    }

    @Test func helpListsTheKey() throws {
        #expect(KeyMap.helpLines(ascii: false).contains { $0.contains("M") && $0.contains("Resolve an item changed by both") })
    }
}
