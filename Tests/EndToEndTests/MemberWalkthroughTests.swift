import ChecklistModel
import Foundation
import Testing

/// A member account whose root credentials were removed, walked to complete in a real terminal:
/// no password, MFA or split-control item has to be touched.
@Suite(.enabled(if: Tmux.available, "tmux is required: apt-get install tmux"))
struct MemberWalkthroughTests {
    @Test func aMemberWithoutRootCredentialsIsWalkedToComplete() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "payments", "--kind", "member"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 100, height: 30)
        let first = try tmux.waitFor("Step 1 of 13")
        #expect(first.contains("member (payments)"), "the header shows the kind")

        // The account form: the management account removed this member's root credentials.
        try tmux.keys("a")
        try tmux.waitFor("Root credentials")
        try tmux.keys("Tab", "Tab", "Tab")
        try tmux.type("removed")
        try tmux.keys("Enter")
        let saved = try tmux.waitFor("root credentials removed")
        #expect(saved.contains("Does not apply"), "step 1, the root password, no longer applies: \(saved)")

        try tmux.keys("n", "n", "n")
        try tmux.waitFor("Step 4 of 13")
        try tmux.keys("d")
        try tmux.waitFor("Keys deleted now")
        try tmux.type("0")
        try tmux.keys("Tab")
        try tmux.type("2026-11-01")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 5 of 13")

        try tmux.keys("d")
        try tmux.waitFor("Evidence:")
        try tmux.type("+15555550100")
        try tmux.keys("Tab")
        try tmux.type("2026-11-01")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 6 of 13")

        try tmux.keys("n", "n")
        try tmux.waitFor("Step 8 of 13")
        try tmux.keys("d")
        try tmux.waitFor("Evidence:")
        try tmux.type("eu-west-1")
        try tmux.keys("Tab")
        try tmux.type("ops-admins")
        try tmux.keys("Tab")
        try tmux.type("AdministratorAccess")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 9 of 13")

        try tmux.keys("n", "n")
        try tmux.waitFor("Step 11 of 13")
        try tmux.keys("d")
        try tmux.waitFor("Removed on")
        try tmux.type("2026-11-02")
        try tmux.keys("Tab")
        try tmux.type("sts-assume-root")
        try tmux.keys("Tab")
        try tmux.type("platform team")
        try tmux.keys("Enter")
        try tmux.waitFor("Every required item is resolved")

        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let state = try StateStore(directory: bin.stateDir).load("111122223333")
        for id in ["strong-root-password", "root-mfa", "split-recovery-control"] {
            #expect(state.record(id).status == .pending, "\(id) was never touched")
        }
        #expect(try bin.run(["summary", "111122223333"]).status == 0)
    }
}
