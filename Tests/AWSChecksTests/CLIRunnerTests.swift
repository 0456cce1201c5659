@testable import AWSChecks
import ChecklistModel
import Foundation
import Testing

/// The live CLI path with a fake `aws` first on PATH: exit codes, stderr, hangs, garbage.
@Suite struct CLIRunnerTests {
    /// Writes an `aws` script that prints `stdout`, writes `stderr` and exits with `code`.
    static func fakeAWS(stdout: String = "", stderr: String = "", code: Int32 = 0, sleep: Int = 0) -> [String: String] {
        let directory = Support.tempDirectory()
        let script = """
            #!/bin/sh
            echo "$@" >> "\(directory.path)/calls.log"
            [ \(sleep) -gt 0 ] && sleep \(sleep)
            printf '%s' '\(stdout.replacingOccurrences(of: "'", with: "'\\''"))'
            printf '%s' '\(stderr.replacingOccurrences(of: "'", with: "'\\''"))' >&2
            exit \(code)
            """
        let url = directory.appendingPathComponent("aws")
        try? Data(script.utf8).write(to: url)
        chmod(url.path, 0o755)
        return ["PATH": "\(directory.path):/usr/bin:/bin", "HOME": directory.path]
    }

    @Test func notInstalled() {
        let replies = CLIReplies(environment: ["PATH": "/nonexistent"])
        guard case .failure(let failure) = replies.reply(.callerIdentity, region: nil) else { Issue.record("succeeded"); return }
        #expect(failure.kind == .notInstalled)
        #expect(failure.message.contains("not installed"))
    }

    @Test func passesProfileRegionAndJSONOutput() throws {
        let env = Self.fakeAWS(stdout: #"{"Account": "111122223333"}"#)
        let replies = CLIReplies(profile: "audit", region: "eu-west-1", environment: env)
        guard case .success(let object) = replies.reply(.callerIdentity, region: nil) else { Issue.record("failed"); return }
        #expect(object["Account"]?.string == "111122223333")
        let log = try String(contentsOfFile: env["HOME"]! + "/calls.log", encoding: .utf8)
        #expect(log.contains("sts get-caller-identity --output json --profile audit --region eu-west-1"))
    }

    /// AssumeRoot needs a Regional STS endpoint, whatever the CLI version's default.
    @Test func stsCallsUseTheRegionalEndpoint() throws {
        let env = Self.fakeAWS(stdout: #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T"}}"#)
        let directory = env["HOME"]!
        let script = try String(contentsOfFile: directory + "/aws", encoding: .utf8)
            .replacingOccurrences(of: "echo \"$@\" >>", with: "echo \"$AWS_STS_REGIONAL_ENDPOINTS $@\" >>")
        try Data(script.utf8).write(to: URL(fileURLWithPath: directory + "/aws"))
        let obtained = MemberCredentials.obtain(.assumeRoot, accountID: "444455556666", source: CLIReplies(environment: env), region: nil)
        guard case .success(let credentials) = obtained else { Issue.record("\(obtained)"); return }
        #expect(credentials?.sessionToken == "T")
        let log = try String(contentsOfFile: directory + "/calls.log", encoding: .utf8)
        #expect(log.hasPrefix("regional sts assume-root --target-principal 444455556666"), "\(log)")
        #expect(log.contains("--region us-east-1"))
    }

    @Test func timesOutInsteadOfHanging() {
        let started = Date()
        let replies = CLIReplies(timeout: 1, environment: Self.fakeAWS(sleep: 30))
        guard case .failure(let failure) = replies.reply(.accountSummary, region: nil) else { Issue.record("succeeded"); return }
        #expect(failure.kind == .timedOut)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func malformedJSONIsUnknownNotACrash() {
        let replies = CLIReplies(environment: Self.fakeAWS(stdout: "{ this is not json"))
        guard case .failure(let failure) = replies.reply(.accountSummary, region: nil) else { Issue.record("succeeded"); return }
        #expect(failure.kind == .malformed)
    }

    @Test func expiredCredentialsStopVerification() {
        let env = Self.fakeAWS(stderr: "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired", code: 254)
        let verifier = Verifier(source: CLIReplies(environment: env))
        #expect {
            try verifier.run(state: Support.account(), checklist: Support.checklist, now: Support.now)
        } throws: { error in
            "\(error)".contains("expired") && "\(error)".contains("nothing was checked")
        }
    }
}

/// Class: text from AWS is untrusted. Whatever aws prints reaches stdout and the state file only
/// as one clean line, and never with a secret in it.
extension CLIRunnerTests {
    @Test func stderrIsCleanedAndSecretsWithheld() {
        let hostile = "An error occurred (Weird\u{1B}]0;owned\u{07}) when calling: \u{1B}[2Jbad key AKIAIOSFODNN7EXAMPLE\nsecond line"
        let replies = CLIReplies(environment: Self.fakeAWS(stderr: hostile, code: 254))
        guard case .failure(let failure) = replies.reply(.accountSummary, region: nil) else { Issue.record("succeeded"); return }
        #expect(!failure.message.unicodeScalars.contains { PlainText.isControlOrFormatting($0) })
        #expect(!failure.message.contains("AKIA"))
        #expect(failure.message.contains("withheld"))
        #expect(!(failure.code ?? "").unicodeScalars.contains { PlainText.isControlOrFormatting($0) })
    }

    @Test func replyStringsInVerdictsAreCleaned() {
        let reason = Verdict(.pass, "security contact is \u{1B}[31mevil\u{202E}@example.com\nnext").reason
        #expect(!reason.unicodeScalars.contains { PlainText.isControlOrFormatting($0) })
        #expect(Verdict(.unknown, "token wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").reason.contains("withheld"))
    }

    /// A directory (or a non-executable file) named aws first on PATH is passed over, as a shell does.
    @Test func onlyAnExecutableFileIsTakenForAWS() throws {
        let first = Support.tempDirectory()
        try FileManager.default.createDirectory(at: first.appendingPathComponent("aws"), withIntermediateDirectories: true)
        let second = Support.tempDirectory()
        try Data("not a program".utf8).write(to: second.appendingPathComponent("aws"))
        let real = Self.fakeAWS(stdout: #"{"Account": "111122223333"}"#)["PATH"]!
        let replies = CLIReplies(environment: ["PATH": "\(first.path):\(second.path)::\(real)"])
        #expect(replies.executable?.deletingLastPathComponent().path == String(real.split(separator: ":")[0]))
    }
}
