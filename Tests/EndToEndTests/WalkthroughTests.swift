import ChecklistModel
import ChecklistStore
import Foundation
import Testing

/// The walkthrough in a real terminal, driven the way a new user would.
@Suite(.enabled(if: Tmux.available, "tmux is required: apt-get install tmux"))
struct WalkthroughTests {
    @Test func onboardMarkSkipQuitAndResume() throws {
        let bin = Binary()
        let tmux = try Tmux([], stateDir: bin.stateDir, width: 80, height: 24)
        try tmux.waitFor("New account")
        try tmux.type("12345")
        try tmux.keys("Enter")
        try tmux.waitFor("exactly 12 digits")
        try tmux.type("6789012")
        try tmux.keys("Tab")
        try tmux.type("prod")
        try tmux.keys("Tab")
        try tmux.type("aws-root@example.com")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 1 of 13")

        // Step 1: skip with a reason.
        try tmux.keys("s")
        try tmux.waitFor("Reason")
        try tmux.type("vault migration this week")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 2 of 13")

        // Step 2: done with evidence, after one invalid value.
        try tmux.keys("d")
        let prefilled = try tmux.waitFor("Root email address")
        #expect(prefilled.contains("aws-root@example.com"), "the root email given at onboarding is prefilled")
        try tmux.keys("C-u")
        try tmux.type("not-an-email")
        try tmux.keys("Tab")
        try tmux.type("Platform team")
        try tmux.keys("Enter")
        try tmux.waitFor("must be an email address")
        // The form puts the cursor back on the field that needs fixing.
        try tmux.keys("C-u")
        try tmux.type("aws-root@example.com")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 3 of 13")

        try tmux.keys("q")
        let exited = try tmux.waitFor("EXIT=0")
        #expect(exited.contains("INCOMPLETE") || exited.contains("pending"), "summary printed on quit")
        #expect(tmux.sttyBefore == tmux.sttyAfter, "terminal settings restored")

        let state = try StateStore(directory: bin.stateDir).load("123456789012")
        #expect(state.record("strong-root-password").status == .skipped)
        #expect(state.record("group-root-email").evidence["address"] == "aws-root@example.com")
        #expect(state.cursor == "root-mfa")

        let again = try Tmux([], stateDir: bin.stateDir, width: 80, height: 24)
        try again.waitFor("Accounts")
        try again.keys("Enter")
        let resumed = try again.waitFor("Step 3 of 13")
        #expect(resumed.contains("Turn on MFA"))
        try again.keys("q")
        try again.waitFor("EXIT=0")
    }

    @Test func resizeSmallAndBack() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir)
        try tmux.waitFor("Step 1 of 13")
        try tmux.resize(width: 40, height: 10)
        try tmux.waitFor("too small")
        try tmux.resize(width: 80, height: 24)
        let back = try tmux.waitFor("Step 1 of 13")
        #expect(!back.contains("too small"))
        for line in back.split(separator: "\n") { #expect(line.count <= 80) }
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGALRM])
    func signalMidEditSavesAndRestores(signal: Int32) throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tmux = try Tmux(["walk", "--account", "111122223333"], stateDir: bin.stateDir)
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("s")
        try tmux.type("accepted reason")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 2 of 13")
        try tmux.keys("o")
        try tmux.type("half-typed note")
        let pid = try #require(try tmux.programPID())
        kill(pid, signal)
        let screen = try tmux.waitFor("EXIT=0")
        #expect(screen.contains("accepted reason"), "summary printed")
        #expect(tmux.sttyBefore == tmux.sttyAfter)
        let state = try StateStore(directory: bin.stateDir).load("111122223333")
        #expect(state.record("strong-root-password").reason == "accepted reason")
        #expect(state.cursor == "group-root-email")
    }

    /// A broken pipe is no reason to end the walkthrough (and leave the terminal raw).
    @Test func aBrokenPipeSignalIsIgnored() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tmux = try Tmux(["walk", "--account", "111122223333"], stateDir: bin.stateDir)
        try tmux.waitFor("Step 1 of 13")
        let pid = try #require(try tmux.programPID())
        kill(pid, SIGPIPE)
        try tmux.keys("n")
        try tmux.waitFor("Step 2 of 13")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        #expect(tmux.sttyBefore == tmux.sttyAfter)
    }

    @Test func secondWriterIsRefusedClearly() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir)
        try tmux.waitFor("Step 1 of 13")
        let mark = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"])
        #expect(mark.status == 1)
        #expect(mark.stderr.contains("in use by pid"))
        #expect(mark.stderr.contains("walk"))
        let summary = try bin.run(["summary", "111122223333"])
        #expect(summary.status == 3, "readers never block")
        let second = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir)
        let refused = try second.waitFor("EXIT=1")
        #expect(refused.contains("in use by"))
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test(arguments: ["dumb", "no-such-terminal-type"])
    func unusableTerminalIsAClearError(term: String) throws {
        let bin = Binary()
        let tmux = try Tmux([], stateDir: bin.stateDir, term: term)
        let screen = try tmux.waitFor("EXIT=1")
        #expect(screen.contains("summary"))
        #expect(tmux.sttyBefore == tmux.sttyAfter)
    }

    /// The account list reads the accounts again by itself when another command changes one.
    @Test func theAccountListNoticesAnOutsideChange() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        try bin.run(["add", "444455556666", "--alias", "sandbox"])
        let tmux = try Tmux([], stateDir: bin.stateDir, width: 100, height: 30)
        let before = try tmux.waitFor("Accounts (2)")
        #expect(before.contains("2/13"))
        try bin.run(["mark", "444455556666", "root-mfa", "done"] + Binary.mfa)
        try tmux.waitFor("3/13", seconds: 5)
        try bin.run(["add", "777788889999", "--alias", "logs"])
        try tmux.waitFor("Accounts (3)", seconds: 5)
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    /// An account open in another walkthrough is named with who holds it and how to go on, and
    /// opens here once the other one quits.
    @Test func anAccountHeldElsewhereOpensOnceItIsFree() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        let other = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 100, height: 30)
        try other.waitFor("Step 1 of 13")
        let here = try Tmux([], stateDir: bin.stateDir, width: 100, height: 30)
        try here.waitFor("Accounts (1)")
        try here.keys("Enter")
        try here.waitFor("is in use by")
        try here.waitFor("finish there, then Enter opens it here.")
        try other.keys("q")
        try other.waitFor("EXIT=0")
        try here.keys("Enter")
        try here.waitFor("Step 1 of 13")
        try here.keys("q")
        try here.waitFor("EXIT=0")
    }

    @Test func asciiAndNoColourStillShowState() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "日本語 🔐", "--kind", "member"])
        try bin.run(["mark", "111122223333", "strong-root-password", "skipped", "--reason", "later"])
        let tmux = try Tmux(["--account", "111122223333", "--ascii", "--no-color"], stateDir: bin.stateDir, width: 80, height: 24)
        // A member walks its root credentials' removal first: the next pending item is its third step.
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("Escape")
        let overview = try tmux.waitFor("> Set a strong")
        #expect(overview.contains("- member (日本語"), "\(overview)")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }
}

@Suite(.enabled(if: Tmux.available, "tmux is required: apt-get install tmux"))
struct WalkthroughDamagedFileTests {
    @Test func unreadableAccountsAreNamedNotHidden() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        try Data("{ broken".utf8).write(to: bin.stateFile("444455556666"))
        let tmux = try Tmux([], stateDir: bin.stateDir, width: 100, height: 30)
        let screen = try tmux.waitFor("could not be read")
        #expect(screen.contains("444455556666"))
        #expect(screen.contains("111122223333"))
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        #expect(try Data(contentsOf: bin.stateFile("444455556666")) == Data("{ broken".utf8))
    }
}

extension WalkthroughTests {
    /// A bracketed paste of three lines goes into the note as text: its "q" quits nothing and its
    /// lines are kept.
    @Test func aThreeLinePasteIsANoteNotKeys() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 80, height: 24)
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("o")
        try tmux.waitFor("Note")
        try tmux.run(["set-buffer", "-b", "p", "ticket SEC-42\nq approved by\nthe security lead"])
        try tmux.run(["paste-buffer", "-p", "-b", "p", "-t", "main"])
        try tmux.waitFor("the security lead")
        try tmux.keys("Enter")
        try tmux.waitFor("Note saved.")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let state = try StateStore(directory: bin.stateDir).load("111122223333")
        #expect(state.record("strong-root-password").note == "ticket SEC-42\nq approved by\nthe security lead")
    }

    /// An account id pasted as the console shows it (dashes, a trailing newline from the copy) is
    /// taken as the 12 digits.
    @Test func aConsoleFormattedAccountIdCanBePasted() throws {
        let bin = Binary()
        let tmux = try Tmux([], stateDir: bin.stateDir, width: 80, height: 24)
        try tmux.waitFor("Account id")
        try tmux.run(["set-buffer", "-b", "id", "1111-2222-3333\n"])
        try tmux.run(["paste-buffer", "-p", "-b", "id", "-t", "main"])
        try tmux.waitFor("1111-2222-3333")
        try tmux.keys("Enter")
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        #expect(FileManager.default.fileExists(atPath: bin.stateFile("111122223333").path))
    }
}
