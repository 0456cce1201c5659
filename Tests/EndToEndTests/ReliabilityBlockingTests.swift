import Foundation
import Testing

/// Classes: blocking forever, and signals and limits. Nothing opens a non-regular file, every
/// external wait ends, and the binary survives the limits a shell can set.
@Suite struct ReliabilityBlockingTests {
    @Test func aFIFOGivenAsAChecklistIsRefusedAtOnce() throws {
        let bin = Binary()
        let fifo = try bin.scratchFile("checklist.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = Date()
        for arguments in [["checklists", "--validate", fifo], ["add", "111122223333", "--checklist", fifo]] {
            let result = try bin.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(!FileManager.default.fileExists(atPath: bin.stateFile("111122223333").path))
    }

    @Test func savedRepliesThatAreFIFOsOrLinksAreNotRead() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let replies = try bin.scratchFile("replies")
        try FileManager.default.createDirectory(at: replies, withIntermediateDirectories: true)
        try Data(#"{"Account": "111122223333"}"#.utf8).write(to: replies.appendingPathComponent("sts-get-caller-identity.json"))
        #expect(mkfifo(replies.appendingPathComponent("iam-get-account-summary.json").path, 0o600) == 0)
        let secret = try bin.scratchFile("elsewhere.json")
        try Data(#"{"ContactInformation": {"PhoneNumber": "+15555550100"}}"#.utf8).write(to: secret)
        #expect(symlink(secret.path, replies.appendingPathComponent("account-get-contact-information.json").path) == 0)
        let started = Date()
        let result = try bin.run(["verify", "111122223333", "--from", replies.path])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("regular file"), "\(result.stdout)")
        #expect(result.stdout.contains("symbolic link"), "\(result.stdout)")
        #expect(!result.stdout.contains("PASS"), "nothing passes on a reply that was not read")
    }

    /// A fake aws whose caller-identity call starts a long child and hangs; it logs the child's pid.
    func hangingAWS(_ bin: Binary) throws -> (path: String, pidFile: String) {
        let tools = try bin.scratchFile("tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        let pidFile = tools.appendingPathComponent("child.pid").path
        let script = "#!/bin/sh\nsleep 300 &\necho $! > \(pidFile)\nwait\n"
        try Data(script.utf8).write(to: tools.appendingPathComponent("aws"))
        chmod(tools.appendingPathComponent("aws").path, 0o755)
        return ("\(tools.path):/usr/bin:/bin", pidFile)
    }

    func childIsGone(_ pidFile: String) -> Bool {
        for _ in 0..<150 {
            guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                return false
            }
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            if stat.isEmpty || stat.contains(") Z ") { return true }
            usleep(20_000)
        }
        return false
    }

    @Test(.enabled(if: Tmux.available), arguments: ["q", "SIGTERM", "Escape"])
    func aHangingCheckNeverHoldsTheWalkthrough(_ how: String) throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let (path, pidFile) = try hangingAWS(bin)
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, environment: ["PATH": path])
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("n", "n", "v")
        try tmux.waitFor("Checking root-mfa against AWS")
        try tmux.keys("j")
        try tmux.waitFor("Checking root-mfa against AWS", seconds: 2)
        let started = Date()
        switch how {
        case "q": try tmux.keys("q")
        case "Escape":
            try tmux.keys("Escape")
            try tmux.waitFor("cancelled; nothing was recorded", seconds: 4)
            #expect(childIsGone(pidFile), "Esc ended the aws child's own child")
            try tmux.keys("q")
        default: kill(try #require(try tmux.programPID()), SIGTERM)
        }
        try tmux.waitFor("EXIT=0", seconds: 5)
        #expect(Date().timeIntervalSince(started) < 4, "quit waited for the check")
        #expect(childIsGone(pidFile), "the aws child's own child kept running")
        let mark = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "after"])
        #expect(mark.status == 0, "the lock was released: \(mark.stderr)")
    }

    @Test func verifyInterruptedEndsItsAWSCallsAndSavesNothing() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        let (path, pidFile) = try hangingAWS(bin)
        let running = try bin.start(["verify", "111122223333"], environment: ["PATH": path])
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: pidFile) { usleep(20_000) }
        kill(running.pid, SIGINT)
        let (status, _, err) = running.finish()
        #expect(status == 128 + SIGINT, "\(String(decoding: err, as: UTF8.self))")
        #expect(String(decoding: err, as: UTF8.self).contains("nothing was saved"))
        #expect(childIsGone(pidFile))
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
    }

    @Test(.enabled(if: Tmux.available))
    func sigquitInTheWalkthroughSavesAndRestoresTheTerminal() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir)
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("n")
        try tmux.waitFor("Step 2 of 13")
        let started = Date()
        kill(try #require(try tmux.programPID()), SIGQUIT)
        let screen = try tmux.waitFor("EXIT=", seconds: 5)
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(!screen.contains("Crash"), "\(screen)")
        #expect(tmux.sttyBefore == tmux.sttyAfter)
        #expect(try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"]).status == 0)
    }

    @Test func sigquitEndsACommandWithoutTheCrashReport() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let (path, pidFile) = try hangingAWS(bin)
        let running = try bin.start(["verify", "111122223333"], environment: ["PATH": path])
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: pidFile) { usleep(20_000) }
        let started = Date()
        kill(running.pid, SIGQUIT)
        let (status, _, err) = running.finish()
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(status == 128 + SIGQUIT)
        #expect(!String(decoding: err, as: UTF8.self).contains("Crash"))
    }
}
