import Foundation
import Testing

/// A command copied from a step reaches the terminal's clipboard (OSC 52, which tmux takes into a
/// paste buffer when `set-clipboard` is on) and runs as it is, placeholders already filled in.
@Suite(.enabled(if: Tmux.available)) struct CopyCommandWalkthroughTests {
    @Test func copyACommandFromAStepAndRunIt() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        let tmux = try Tmux(["--account", "111122223333", "--region", "eu-west-1"], stateDir: bin.stateDir)
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("n", "n", "n", "n", "n", "n", "n")
        try tmux.waitFor("Step 8 of 13")
        try tmux.keys("c")
        try tmux.waitFor("Copied to the clipboard")
        let copied = try tmux.run(["show-buffer"])
        #expect(copied == "aws sso-admin list-instances --region eu-west-1 --query \"Instances[?Status=='ACTIVE']\"")

        // Run what was copied, with an `aws` that records the arguments it was given.
        let tools = try bin.scratchFile("copy-tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        let argsLog = tools.appendingPathComponent("args")
        let fake = tools.appendingPathComponent("aws")
        try Data("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \(argsLog.path)\n".utf8).write(to: fake)
        chmod(fake.path, 0o755)
        let ran = try ShellSpawn.start("/bin/sh", ["-c", "PATH=\"$0:$PATH\"; eval \"$1\"", tools.path, copied],
                                       environment: ProcessInfo.processInfo.environment).finish()
        #expect(ran.status == 0)
        let received = try String(contentsOf: argsLog, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(received == ["sso-admin", "list-instances", "--region", "eu-west-1", "--query", "Instances[?Status=='ACTIVE']"])
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    /// A reference URL too long for the line is shown whole over two lines, and both lines are one
    /// terminal hyperlink (OSC 8) to the whole URL: the bytes the program wrote carry it.
    @Test func aLongURLIsShownWholeAndLinksToItsTarget() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 80, height: 24)
        let raw = try bin.scratchFile("pane-output")
        try tmux.run(["pipe-pane", "-O", "-t", "main", "cat > \(raw.path)"])
        try tmux.waitFor("Step 1 of 13")
        for _ in 0..<12 { try tmux.keys("n") }
        try tmux.waitFor("Step 13 of 13")
        for _ in 0..<20 { try tmux.keys("j") }
        let screen = try tmux.waitFor("root-user-tasks.html")
        let url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html"
        let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let first = try #require(lines.firstIndex { $0.hasPrefix("https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best") })
        #expect(lines[first] + lines[first + 1] == url, "\(screen)")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let written = try String(decoding: Data(contentsOf: raw), as: UTF8.self)
        #expect(written.contains("\u{1B}]8;;\(url)\u{1B}\\"), "no OSC 8 link to \(url)")
        #expect(written.contains("\u{1B}]8;;\u{1B}\\"), "links are closed")
    }
}
