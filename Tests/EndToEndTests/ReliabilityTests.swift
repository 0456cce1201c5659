import ChecklistModel
import Foundation
import Testing

/// Hostile text, secrets, full disks and locks, through the built binary.
@Suite struct ReliabilityTests {
    static let hostile = "x\u{1B}[2J\u{1B}]0;owned\u{07}\u{202E}gnp.exe\u{9B}31m|pipe| `tick` *star*\r\n" + String(repeating: "long ", count: 400)

    /// Writes hostile text straight into a state file, as a careless hand edit or a crafted file would.
    func plantHostileText(_ bin: Binary) throws {
        let url = bin.stateFile("111122223333")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var account = object["account"] as! [String: Any]
        account["alias"] = Self.hostile
        object["account"] = account
        object["items"] = ["root-mfa": ["status": "skipped", "reason": Self.hostile, "note": Self.hostile,
                                        "evidence": ["device-count": Self.hostile]] as [String: Any],
                           "removed-\u{1B}[31m": ["status": "done"]]
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    static func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 != "\n" && PlainText.isControlOrFormatting($0) }
    }

    @Test func hostileTextNeverReachesStdoutRaw() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        try plantHostileText(bin)
        for format in ["text", "markdown", "json"] {
            let result = try bin.run(["summary", "111122223333", "--format", format])
            #expect(result.status == 3, "\(format): \(result.stderr)")
            #expect(Self.isClean(result.stdout), "\(format) output carries control characters")
            #expect(!result.stdout.contains("\u{1B}"))
        }
        let markdown = try bin.run(["summary", "111122223333", "--format", "markdown"]).stdout
        #expect(markdown.contains("\\|pipe\\|"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") {
            let escaped = line.components(separatedBy: "\\|").count - 1
            #expect(line.split(separator: "|", omittingEmptySubsequences: false).count - escaped == 7,
                    "a table row keeps its 5 cells: \(line.prefix(80))")
        }
        let all = try bin.run(["summary", "--all"])
        #expect(Self.isClean(all.stdout))
        let list = try bin.run(["list"])
        #expect(Self.isClean(list.stdout))
    }

    @Test func hostileTextInTheWalkthroughIsStripped() throws {
        guard Tmux.available else { return }
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        try plantHostileText(bin)
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir)
        let screen = try tmux.waitFor("Step 1 of 13")
        #expect(screen.contains("gnp.exe"))
        try tmux.keys("q")
        let after = try tmux.waitFor("EXIT=")
        #expect(!after.contains("owned"), "no title escape reached the terminal")
    }

    @Test func secretsAreRefusedEverywhere() throws {
        let bin = Binary()
        let addSecret = try bin.run(["add", "111122223333", "--alias", "AKIAIOSFODNN7EXAMPLE"])
        #expect(addSecret.status == 1)
        #expect(!FileManager.default.fileExists(atPath: bin.stateFile("111122223333").path))
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        let attempts: [[String]] = [
            ["mark", "111122223333", "root-mfa", "pending", "--note", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
            ["mark", "111122223333", "root-mfa", "skipped", "--reason", "root password: Sup3rS3cret!"],
            ["mark", "111122223333", "strong-root-password", "pending", "--evidence", "vault=ASIAY34FZKBOKMUTVV7A"],
        ]
        for arguments in attempts {
            let result = try bin.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("secrets are never stored"))
        }
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
    }

    @Test func fullDiskFailsClearlyAndKeepsTheOldFile() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        // A file-size limit below the state file's size makes every write fail like a full disk; the
        // binary runs with SIGXFSZ at its default, as from a shell, so it must not die of it.
        let result = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "filling the disk"],
                                 shellPrefix: "ulimit -f 1;")
        let message = result.stderr
        #expect(result.status == 1, "exit \(result.status)")
        #expect(message.contains("cannot save"), "\(message)")
        #expect(message.contains("previous state is unchanged"))
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: bin.stateDir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func walkthroughKeepsRunningWhenASaveFails() throws {
        guard Tmux.available else { return }
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, wrapper: "ulimit -f 1;")
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("s")
        try tmux.type("disk is full")
        try tmux.keys("Enter")
        let screen = try tmux.waitFor("NOT SAVED")
        #expect(screen.contains("Step 2 of 13"), "the walkthrough goes on")
        try tmux.keys("n")
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=")
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
    }

    @Test func staleLockOfAKilledWalkthroughIsRecovered() throws {
        guard Tmux.available else { return }
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir)
        try tmux.waitFor("Step 1 of 13")
        let pid = try #require(try tmux.programPID())
        kill(pid, SIGKILL)
        try tmux.waitFor("EXIT=")
        let mark = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "after the crash"])
        #expect(mark.status == 0, "\(mark.stderr)")
    }
}
