import Foundation
import Testing

/// The ends of a walk, as a new user meets them in a real terminal.
@Suite(.enabled(if: Tmux.available)) struct CompletionWalkthroughTests {
    static let items = ["strong-root-password", "group-root-email", "root-mfa", "no-root-access-keys", "kms-recovery-phone",
                        "security-contact", "billing-iam-access", "identity-center-admin", "monitor-root-usage",
                        "organizations-root-access", "remove-root-credentials", "split-recovery-control", "sign-out-root"]

    @Test func finishTheChecklistAndSeeTheCompletionScreen() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod", "--kind", "standalone"])
        for item in Self.items.dropLast() {
            let status = item == "strong-root-password" ? "skip" : "n/a"
            let mark = try bin.run(["mark", "111122223333", item, status, "--reason", "handled elsewhere"])
            #expect(mark.status == 0, "\(item): \(mark.stderr)")
        }
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 80, height: 24)
        try tmux.waitFor("Step 13 of 13")
        try tmux.keys("x")
        try tmux.waitFor("Reason")
        try tmux.type("we never sign in as root")
        try tmux.keys("Enter")
        let screen = try tmux.waitFor("Complete: every required item is resolved")
        #expect(screen.contains("Skipped"), "\(screen)")
        #expect(screen.contains("Set a strong, unique root password (recommended): handled"), "\(screen)")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        #expect(try bin.run(["summary", "111122223333"]).status == 0, "complete, as summary reports it too")
    }

    /// Done, then the AWS check fails: the step says so and offers r; r reopens, keeping the evidence.
    @Test func reopenAnItemAfterAFailedCheck() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let done = try bin.run(["mark", "111122223333", "root-mfa", "done", "--evidence", "device-kinds=passkey",
                                "--evidence", "device-count=2", "--evidence", "backup-location=safe B"])
        #expect(done.status == 0, "\(done.stderr)")
        let tools = try WalkthroughCheckTests.fakeAWS(in: try bin.scratchFile("aws"), mfaEnabled: 0)
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 80, height: 24,
                            environment: ["PATH": "\(tools.path):/usr/bin:/bin"])
        try tmux.waitFor("of 13")
        try tmux.keys("3")
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("v")
        try tmux.waitFor("AWS check fail (your done is contradicted; O overrides)")
        try tmux.waitFor("Status: ⚠ contradicted")
        try tmux.keys("j")
        try tmux.waitFor("(v checks again, O overrides, r")
        try tmux.keys("r")
        try tmux.waitFor("is pending")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=")
        let state = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        #expect(state.contains("\"backup-location\" : \"safe B\""), "reopening keeps the evidence")
        #expect(state.contains("\"outcome\" : \"fail\""))
    }

    /// The whole way out of a contradiction by override, as a new user meets it: v says AWS
    /// disagrees, O asks why, and the summary printed on quit names who kept it done and why.
    @Test func overrideAContradictionFromTheWalkthrough() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--kind", "standalone"])
        try bin.completeRequired("111122223333")
        let tools = try WalkthroughCheckTests.fakeAWS(in: try bin.scratchFile("aws"), mfaEnabled: 0)
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 80, height: 24,
                            environment: ["PATH": "\(tools.path):/usr/bin:/bin", "ROOT_CHECKLIST_OPERATOR": "dana"])
        try tmux.waitFor("of 13")
        try tmux.keys("3")
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("v")
        try tmux.waitFor("your done is contradicted")
        try tmux.waitFor("required 4/5")
        try tmux.keys("O")
        try tmux.waitFor("AWS says: AccountMFAEnabled is 0")
        try tmux.type("hardware keys arrive on Monday")
        try tmux.keys("Enter")
        try tmux.waitFor("Saved: done; AWS check overridden by dana")
        try tmux.waitFor("required 5/5")
        try tmux.keys("Escape")
        try tmux.waitFor("overridden")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let summary = try bin.run(["summary", "111122223333"])
        #expect(summary.status == 0, "\(summary.stdout)")
        #expect(summary.stdout.contains("Overridden: root-mfa by dana (hardware keys arrive on Monday)"))
    }
}
