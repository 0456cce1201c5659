import Foundation
import Testing

/// Class: quiet failures. A command that could not do what it was asked says so and exits non-zero.
@Suite struct ReliabilityQuietFailureTests {
    @Test(arguments: [["list"], ["summary", "111122223333"], ["tasks"], ["checklists"]])
    func aStdoutThatCannotBeWrittenIsAFailure(_ arguments: [String]) throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        for stdout in [ShellSpawn.Stdout.path("/dev/full"), .closed] {
            let result = try bin.run(arguments, stdout: stdout)
            #expect(result.status == 1, "\(arguments) \(stdout): exit \(result.status)")
            #expect(result.stderr.contains("cannot write to standard output"), "\(result.stderr)")
        }
    }

    @Test func aClosedStdoutIsNeverHandedToAStateFile() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let result = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"], stdout: .closed)
        #expect(result.status == 1)
        let state = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        #expect(state.hasPrefix("{"), "the state file holds only state")
        #expect(state.contains("\"skipped\""), "the change itself was saved")
    }

    @Test func anUnusableStateDirectoryIsNamedNotCalledEmpty() throws {
        let bin = Binary()
        let file = try bin.scratchFile("a-file")
        try Data("x".utf8).write(to: file)
        for arguments in [["list"], ["summary", "--all"]] {
            let result = try bin.run(arguments + ["--state-dir", file.path + "/state"])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("Not a directory"), "\(result.stderr)")
            #expect(!result.stdout.contains("No accounts"))
        }
        let add = try bin.run(["add", "111122223333", "--state-dir", file.path + "/state/deeper"])
        #expect(add.status == 1)
        #expect(add.stderr.contains("Not a directory"), "the real errno: \(add.stderr)")
    }

    @Test func anEmptyStateDirIsAUsageError() throws {
        let bin = Binary()
        for arguments in [["list", "--state-dir", ""], ["--state-dir", ""], ["add", "111122223333", "--state-dir="]] {
            let result = try bin.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--state-dir"))
        }
    }
}

/// Class: text from AWS is untrusted, end to end: what verify prints and saves is clean.
@Suite struct ReliabilityUntrustedReplyTests {
    @Test func hostileRepliesReachNeitherStdoutNorTheStateFileRaw() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let replies = try bin.scratchFile("replies")
        try FileManager.default.createDirectory(at: replies, withIntermediateDirectories: true)
        let escape = "\\u001b]0;owned\\u0007\\u001b[2J"
        let files = [
            "sts-get-caller-identity.json": #"{"Account": "111122223333"}"#,
            "iam-get-account-summary.error": "An error occurred (Throttling\u{1B}[31m) AKIAIOSFODNN7EXAMPLE \u{1B}]0;owned\u{07}",
            "sso-admin-list-instances.json": #"{"Instances": [{"InstanceArn": "arn:\#(escape)x", "Status": "ACTIVE"}]}"#,
            "account-get-alternate-contact-security.json": #"{"AlternateContact": {"EmailAddress": "sec\#(escape)@example.com"}}"#,
            "iam-list-organizations-features.json": #"{"EnabledFeatures": ["X\#(escape)", "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]}"#,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: replies.appendingPathComponent(name)) }
        let result = try bin.run(["verify", "111122223333", "--from", replies.path])
        #expect(result.status == 3, "some checks fail on these replies: \(result.stderr)")
        let state = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        for text in [result.stdout, result.stderr, state] {
            #expect(!text.contains("\u{1B}"))
            #expect(!text.contains("\\u001b"), "no escape saved in the state file either")
            #expect(!text.contains("AKIA"))
            #expect(!text.contains("wJalr"))
        }
        #expect(state.contains("withheld"))
    }
}
