import ChecklistModel
import Foundation
import Testing

@Suite struct VerifyCommandTests {
    func savedReplies(account: String, mfa: Int) throws -> URL {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-replies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = [
            "sts-get-caller-identity.json": #"{"Account": "\#(account)", "Arn": "arn:aws:iam::\#(account):user/audit"}"#,
            "iam-get-account-summary.json": #"{"SummaryMap": {"AccountMFAEnabled": \#(mfa), "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 0}}"#,
            "sso-admin-list-instances.json": #"{"Instances": [{"InstanceArn": "arn:aws:sso:::instance/ssoins-1", "Status": "ACTIVE"}]}"#,
            "account-get-contact-information.json": #"{"ContactInformation": {"PhoneNumber": "+15555550100"}}"#,
            "account-get-alternate-contact-security.error": "An error occurred (ResourceNotFoundException) when calling the GetAlternateContact operation: none",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    @Test func verifyFromSavedRepliesThenSummaryShowsBasisAndContradictions() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        try bin.completeRequired("111122223333")
        let verify = try bin.run(["verify", "111122223333", "--from", try savedReplies(account: "111122223333", mfa: 0).path])
        #expect(verify.status == 3, "a failing check and a contradiction: \(verify.stderr)")
        #expect(verify.stdout.contains("FAIL"))
        #expect(verify.stdout.contains("root-mfa is marked done, but its AWS check failed"))
        #expect(verify.stdout.contains("UNKNOWN"), "organizations reply missing: unknown")

        let text = try bin.run(["summary", "111122223333"])
        #expect(text.stdout.contains("CONTRADICTION"))
        #expect(text.stdout.contains("AWS check: pass (file"))
        #expect(text.stdout.contains("checked against AWS (2 pass, 2 fail, "), "the other checks are unknown without their replies")
        let markdown = try bin.run(["summary", "111122223333", "--format", "markdown"])
        #expect(markdown.stdout.contains("**Contradictions:**"))
        #expect(markdown.stdout.contains("| checked |"))
        let json = try bin.run(["summary", "111122223333", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let account = (object?["accounts"] as? [[String: Any]])?.first
        #expect(account?["contradictions"] as? [String] == ["root-mfa"])
        try validateAgainstSchema(json.stdout, schema: "Checklists/summary.schema.json")

        let state = try StateStore(directory: bin.stateDir).load("111122223333")
        #expect(state.record("root-mfa").status == .done, "a failed check never changes the operator's status")
        #expect(state.history.contains { $0.action == .check && $0.item == "root-mfa" })
    }

    @Test func wrongAccountChangesNothing() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        let verify = try bin.run(["verify", "111122223333", "--from", try savedReplies(account: "999988887777", mfa: 1).path])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("999988887777"))
        #expect(verify.stderr.contains("111122223333"))
        #expect(verify.stdout.isEmpty)
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
    }

    @Test func missingAWSCLIIsAClearError() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        let verify = try bin.run(["verify", "111122223333"], environment: ["PATH": "/nonexistent"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("not installed"))
        #expect(verify.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
    }

    @Test func usageErrors() throws {
        let bin = Binary()
        #expect(try bin.run(["verify", "12"]).status == 64)
        #expect(try bin.run(["verify", "111122223333", "--timeout", "0"]).status == 64)
        try bin.run(["add", "111122223333"])
        #expect(try bin.run(["verify", "111122223333", "--from", "/nonexistent"]).status == 1)
    }
}
