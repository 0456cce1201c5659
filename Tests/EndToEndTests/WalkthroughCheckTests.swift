import ChecklistModel
import ChecklistStore
import Foundation
import Testing

/// `v` in the walkthrough runs the live check through a fake `aws`, from inside ncurses' raw mode.
@Suite(.enabled(if: Tmux.available)) struct WalkthroughCheckTests {
    /// An `aws` that answers the two calls the root MFA check makes, and logs what it was given:
    /// whether stdin is a terminal and which files its descriptors point at.
    static func fakeAWS(in directory: URL, mfaEnabled: Int = 1) throws -> URL {
        let log = directory.appendingPathComponent("aws.log").path
        let script = """
            #!/bin/sh
            [ -t 0 ] && echo "STDIN IS A TTY" >> \(log)
            ls -l /proc/$$/fd >> \(log) 2>&1
            case "$1 $2" in
              "sts get-caller-identity") printf '{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/audit"}' ;;
              "iam get-account-summary") printf '{"SummaryMap": {"AccountMFAEnabled": \(mfaEnabled), "AccountAccessKeysPresent": 0}}' ;;
              "organizations describe-organization")
                echo "An error occurred (AWSOrganizationsNotInUseException) when calling the DescribeOrganization operation: none" >&2; exit 254 ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation" >&2; exit 254 ;;
            esac
            """
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let url = bin.appendingPathComponent("aws")
        try Data(script.utf8).write(to: url)
        chmod(url.path, 0o755)
        return bin
    }

    @Test func checkPassesAndTheCLIGetsNoTerminalAndNoLock() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-aws-\(UUID().uuidString)")
        let tools = try Self.fakeAWS(in: scratch)
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir,
                            environment: ["PATH": "\(tools.path):/usr/bin:/bin"])
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("n", "n")
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("v")
        try tmux.waitFor("AccountMFAEnabled is 1")
        try tmux.waitFor("· standalone", seconds: 2)
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let state = try StateStore(directory: bin.stateDir).load("111122223333")
        #expect(state.account.kind == .standalone, "v records the detected kind, as verify does")

        let log = try String(contentsOf: scratch.appendingPathComponent("aws.log"), encoding: .utf8)
        #expect(!log.contains("STDIN IS A TTY"))
        #expect(log.contains("/dev/null"))
        #expect(!log.contains("/dev/pts"), "\(log)")
        #expect(!log.contains(".lock"), "\(log)")
        let saved = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        #expect(saved.contains("\"outcome\" : \"pass\""))
        #expect(saved.contains("\"source\" : \"aws-cli\""))
    }
}

extension WalkthroughCheckTests {
    /// `walk --profile` reaches the aws calls, and a profile that does not exist is named as such
    /// (the CLI's own words for it), not reported as missing credentials.
    @Test func aMissingProfileIsNamedNotCalledMissingCredentials() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let tools = try bin.scratchFile("tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        let log = tools.appendingPathComponent("args.log").path
        let script = """
            #!/bin/sh
            echo "$@" >> \(log)
            echo "The config profile (no-such-profile) could not be found" >&2
            exit 255
            """
        try Data(script.utf8).write(to: tools.appendingPathComponent("aws"))
        chmod(tools.appendingPathComponent("aws").path, 0o755)
        let tmux = try Tmux(["--account", "111122223333", "--profile", "no-such-profile", "--region", "eu-west-1"],
                            stateDir: bin.stateDir, environment: ["PATH": "\(tools.path):/usr/bin:/bin"])
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("n", "n", "v")
        let screen = try tmux.waitFor("the AWS profile \"no-such-profile\"", seconds: 10)
        #expect(!screen.contains("no AWS credentials found"), "\(screen)")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let args = try String(contentsOfFile: log, encoding: .utf8)
        #expect(args.contains("--profile no-such-profile"), "\(args)")
        #expect(args.contains("--region eu-west-1"), "\(args)")
    }
}

extension WalkthroughCheckTests {
    /// When the replies cannot be kept for the evidence bundle, the check is still recorded and the
    /// walkthrough says what is missing (it used to say nothing).
    @Test func repliesThatCannotBeKeptAreSaid() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        // A file where the directory of kept replies belongs: saving a run there fails.
        try Data("not a directory".utf8).write(to: bin.stateDir.appendingPathComponent(".aws-replies"))
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-aws-\(UUID().uuidString)")
        let tools = try Self.fakeAWS(in: scratch)
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, environment: ["PATH": "\(tools.path):/usr/bin:/bin"])
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("n", "n")
        try tmux.waitFor("Step 3 of 13")
        try tmux.keys("v")
        try tmux.waitFor("AccountMFAEnabled is 1")
        try tmux.keys("j")
        let screen = try tmux.waitFor("The check is recorded; the AWS replies of account 111122223333 were not kept")
        #expect(screen.contains("not kept for the evidence"))
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let saved = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        #expect(saved.contains("\"outcome\" : \"pass\""), "the check itself is recorded")
    }
}
