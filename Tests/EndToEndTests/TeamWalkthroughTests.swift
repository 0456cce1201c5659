import Foundation
import Testing

/// The walkthrough in a shared state directory, as an operator meets it in a real terminal.
@Suite(.enabled(if: Tmux.available)) struct TeamWalkthroughTests {
    let id = "111122223333"

    /// ssh that wants to ask something (trust a host, a passphrase) cannot reach the terminal the
    /// walkthrough owns: it fails at once, and the message says how to settle it beforehand.
    @Test func anSSHPromptNeverReachesTheWalkthroughsTerminal() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", id, "--alias", "prod"])
        try alice.ok(["team", "init"])
        _ = try alice.git(["remote", "add", "origin", "ssh://git@team.example/state.git"])
        let fakeSSH = team.root.appendingPathComponent("ssh-asking")
        let asked = team.root.appendingPathComponent("asked")
        try Data("""
            #!/bin/sh
            if ( exec 3</dev/tty ) 2>/dev/null; then
              touch \(asked.path)
              printf "Are you sure you want to continue connecting (yes/no)? " > /dev/tty; read answer < /dev/tty
            fi
            echo "Host key verification failed." >&2; exit 255

            """.utf8).write(to: fakeSSH)
        chmod(fakeSSH.path, 0o755)
        var environment = alice.environment
        environment["GIT_SSH_COMMAND"] = fakeSSH.path
        let tmux = try Tmux(["--account", id, "--sync", "--state-dir", alice.directory.path], stateDir: alice.directory,
                            width: 80, height: 24, environment: environment)
        try tmux.waitFor("Step 1 of 13", seconds: 10)
        try tmux.waitFor("Sync failed (working on the local state): git fetch failed: ssh does not know", seconds: 5)
        #expect(!FileManager.default.fileExists(atPath: asked.path), "ssh reached the terminal")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0", seconds: 10)
        #expect(!FileManager.default.fileExists(atPath: asked.path))
        let sync = try alice.bin.run(["sync", "--state-dir", alice.directory.path], environment: environment)
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("ssh does not know the remote's host key and cannot ask here: connect once with ssh"), "\(sync.stderr)")
    }

    @Test func changesAreCommittedOffTheKeyPathAndSyncedOnQuit() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", id, "--alias", "prod"])
        try alice.ok(["team", "init", "--remote", team.remote.path])
        var environment = alice.environment
        environment["ROOT_CHECKLIST_OPERATOR"] = nil
        let tmux = try Tmux(["--account", id, "--sync", "--state-dir", alice.directory.path], stateDir: alice.directory,
                            width: 80, height: 24, environment: environment)
        try tmux.waitFor("shared · up to date")
        // What the sync before the walkthrough did is its first message (stderr is under the screen).
        try tmux.waitFor("Synced: received 0 commits, sent 0.")
        try tmux.keys("1")
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("s")
        try tmux.waitFor("Reason")
        try tmux.type("password vault migration first")
        try tmux.keys("Enter")
        let screen = try tmux.waitFor("shared · 1 to push")
        #expect(screen.split(separator: "\n").count >= 2)
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        // The final sync is said before the summary, which is the account as that sync left it.
        let after = try tmux.scrollback()
        #expect(after.contains("sent 2"), "\(after)")
        #expect(after.range(of: "sent 2")!.lowerBound < after.range(of: "password vault migration first")!.lowerBound)
        // One commit for the change and one for where the next session resumes, by the operator git
        // names, and the remote has them.
        let log = try alice.git(["log", "-2", "--format=%an|%s"]).stdout.split(separator: "\n")
        #expect(log.count == 2)
        #expect(log.last == "alice|\(id) (prod): strong-root-password pending → skipped", "\(log)")
        #expect(log.first?.hasPrefix("alice|\(id) (prod): resume at") == true, "\(log)")
        #expect(try alice.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == team.remoteHead())
        #expect(try alice.history(id).last?["by"] as? String == "alice")
    }

    /// A clash the sync before the walkthrough resolved is its first message, short enough for 80 columns.
    @Test func aClashFromTheStartingSyncIsTheFirstMessage() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        sleep(1)  // times are whole seconds: bob's change is the later one
        try bob.ok(["mark", id, "root-mfa", "n/a", "--reason", "root credentials removed"])
        try bob.ok(["sync"])
        let tmux = try Tmux(["--account", id, "--sync", "--state-dir", alice.directory.path], stateDir: alice.directory,
                            width: 80, height: 24, environment: alice.environment)
        try tmux.waitFor("Synced: root-mfa changed by alice and by bob; bob's later change kept")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        #expect(try alice.status(id, "root-mfa") == "not-applicable", "the walkthrough opened the merged state")
    }

    /// Y syncs without quitting and the open account shows what arrived; moving around is no commit
    /// of its own; the summary printed on quit is the account as the final sync left it.
    @Test func theSyncKeyBringsATeammatesChangeAndTheQuitSummaryFollowsTheLastSync() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        try alice.ok(["sync"])
        try bob.ok(["sync"])
        let before = try alice.git(["rev-list", "--count", "HEAD"]).stdout
        let tmux = try Tmux(["--account", id, "--sync", "--state-dir", alice.directory.path], stateDir: alice.directory,
                            width: 80, height: 24, environment: alice.environment)
        try tmux.waitFor("Synced: received")
        // The footer offers the sync key in a shared directory (on the overview; a step at 80 columns has no room).
        try tmux.keys("Escape")
        try tmux.waitFor("Y sync")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 1 of 13")
        // Moving around: saved, not committed.
        try tmux.keys("n")
        try tmux.waitFor("Step 2 of 13")
        try tmux.keys("n")
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("p")
        try tmux.waitFor("Step 2 of 13")
        usleep(600_000)  // commits run off the key path, after a quiet moment
        #expect(try alice.git(["rev-list", "--count", "HEAD"]).stdout == before, "a move made a commit")
        // bob changes an item and pushes; alice's Y brings it into the open account.
        try bob.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        try bob.ok(["sync"])
        try tmux.keys("Y")
        try tmux.waitFor("Synced: received 1 commit")
        try tmux.keys("Escape")
        try tmux.waitFor("↷ Turn on MFA")
        // bob again, after alice's sync: the summary printed on quit still shows it.
        try bob.ok(["mark", id, "security-contact", "skip", "--reason", "SOC mailbox pending"])
        try bob.ok(["sync"])
        try tmux.keys("q")
        let after = try tmux.waitFor("EXIT=0")
        #expect(after.contains("SOC mailbox pending"), "the summary is the state after the final sync: \(after)")
        let log = try alice.git(["log", "--format=%an|%s"]).stdout
        #expect(log.components(separatedBy: "resume at").count <= 2, "one resume commit at most: \(log)")
    }

    /// The name history records comes from the login's git config: the walkthrough says so once,
    /// on its message line at the first key and again when the screen is gone.
    @Test func theLoginsGitIdentityIsSaidOnceInTheWalkthrough() throws {
        let team = try TeamFixture()
        let ops = team.member("ops")
        try ops.ok(["add", id, "--operator", "setup"])
        try ops.ok(["team", "init", "--operator", "setup"])
        let tmux = try Tmux(["--account", id, "--state-dir", ops.directory.path], stateDir: ops.directory,
                            width: 100, height: 30, environment: ops.environment)
        try tmux.waitFor("history records you as \"ops\"")
        try tmux.keys("n")
        try tmux.waitFor("Step 2 of 13")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        #expect(try tmux.scrollback().contains("the git user.name of login"))
        let again = try Tmux(["--account", id, "--state-dir", ops.directory.path], stateDir: ops.directory,
                             width: 100, height: 30, environment: ops.environment)
        try again.waitFor("Step 2 of 13")
        try again.keys("n")
        try again.waitFor("Step 3 of 13")
        #expect(!(try again.screen().contains("history records you as")), "said once")
        try again.keys("q")
        try again.waitFor("EXIT=0")
    }

    /// After a clash the walkthrough opens with the item marked; M on its step settles it as a new user would.
    @Test func anItemChangedByBothIsResolvedFromItsStep() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        try alice.ok(["mark", id, "root-mfa", "done", "--evidence", "device-kinds=passkey", "--evidence", "device-count=2",
                      "--evidence", "backup-location=safe B"])
        sleep(1)
        try bob.ok(["mark", id, "root-mfa", "skip", "--reason", "waiting for YubiKeys"])
        try bob.ok(["sync"])
        var environment = alice.environment
        environment["ROOT_CHECKLIST_OPERATOR"] = "alice"
        let tmux = try Tmux(["--account", id, "--sync", "--state-dir", alice.directory.path], stateDir: alice.directory,
                            width: 100, height: 30, environment: environment)
        try tmux.waitFor("Synced: root-mfa changed by alice and by bob")
        try tmux.keys("3")
        let step = try tmux.waitFor("Status: ⚠ changed by both")
        #expect(step.contains("alice, ") && step.contains("(yours)") && step.contains("│ bob, "), "\(step)")
        try tmux.keys("M")
        try tmux.waitFor("Take *")
        try tmux.type("mine")
        try tmux.keys("Enter")
        try tmux.waitFor("Resolved: done")
        try tmux.waitFor("Status: ✓ done")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let items = try alice.state(id)["items"] as? [String: [String: Any]] ?? [:]
        #expect(items["root-mfa"]?["changedByBoth"] == nil)
        #expect(try alice.status(id, "root-mfa") == "done")
        #expect(try alice.history(id).last { $0["action"] as? String == "resolve" }?["by"] as? String == "alice")
        // The resolution went out with the quit's sync: bob sees it settled.
        try bob.ok(["sync"])
        #expect(try bob.status(id, "root-mfa") == "done")
    }

    @Test func syncOnStartNeedsASharedDirectory() throws {
        let bin = Binary()
        try bin.run(["add", id])
        let tmux = try Tmux(["--account", id, "--sync"], stateDir: bin.stateDir, width: 80, height: 24)
        let screen = try tmux.waitFor("EXIT=1")
        #expect(screen.split(separator: "\n").joined().contains("is not shared: run `root-checklist team init`"), "\(screen)")
    }
}
