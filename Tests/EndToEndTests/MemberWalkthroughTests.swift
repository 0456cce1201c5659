import ChecklistModel
import ChecklistStore
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
        // A member's walk starts by removing its root credentials (AWS's advice for members).
        let first = try tmux.waitFor("Step 1 of 13: Remove the root user credentials")
        #expect(first.contains("member (payments)"), "the header shows the kind")
        try tmux.keys("d")
        try tmux.waitFor("Removed on")
        try tmux.type("2026-11-02")
        try tmux.keys("Tab")
        try tmux.type("sts-assume-root")
        try tmux.keys("Tab")
        try tmux.type("platform team")
        try tmux.keys("Enter")
        // The root password no longer applies: the walk goes on past it.
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("p")
        let skipped = try tmux.waitFor("Step 2 of 13")
        #expect(skipped.contains("Does not apply"), "the root password no longer applies: \(skipped)")

        try tmux.keys("n", "n", "n")
        try tmux.waitFor("Step 5 of 13")
        try tmux.keys("d")
        try tmux.waitFor("Keys deleted now")
        try tmux.type("0")
        try tmux.keys("Tab")
        try tmux.type("2026-11-01")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 6 of 13")

        try tmux.keys("d")
        try tmux.waitFor("Evidence:")
        try tmux.type("+15555550100")
        try tmux.keys("Tab")
        try tmux.type("2026-11-01")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 7 of 13")

        try tmux.keys("n", "n")
        try tmux.waitFor("Step 9 of 13")
        try tmux.keys("d")
        try tmux.waitFor("Evidence:")
        try tmux.type("eu-west-1")
        try tmux.keys("Tab")
        try tmux.type("ops-admins")
        try tmux.keys("Tab")
        try tmux.type("AdministratorAccess")
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
