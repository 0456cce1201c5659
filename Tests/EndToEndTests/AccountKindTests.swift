import Foundation
import Testing

/// Account kinds through the binary: set, corrected, detected by verify, shown everywhere.
@Suite struct AccountKindTests {
    @Test func addEditAndEveryFormatShowTheKind() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333", "--alias", "prod", "--kind", "member"]).status == 0)
        #expect(try bin.run(["add", "444455556666", "--alias", "old"]).status == 0)
        let list = try bin.run(["list"])
        #expect(list.stdout.contains("member"), "\(list.stdout)")
        #expect(list.stdout.contains("standalone*"))
        #expect(list.stdout.contains("kind never set: treated as standalone"))
        let text = try bin.run(["summary", "444455556666"])
        #expect(text.stdout.contains("Kind: standalone (kind never set: treated as standalone)"))
        #expect(text.stdout.contains("does not apply: applies to member accounts"), "\(text.stdout)")

        let edit = try bin.run(["edit", "111122223333", "--root-credentials", "removed", "--alias", "prod-eu"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("root credentials removed"))
        let member = try bin.run(["summary", "111122223333", "--format", "markdown"])
        #expect(member.stdout.contains("- Kind: member, root credentials removed"), "\(member.stdout)")
        let json = try bin.run(["summary", "111122223333", "--format", "json"])
        try validateAgainstSchema(json.stdout, schema: "Checklists/summary.schema.json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let account = (object?["accounts"] as? [[String: Any]])?.first
        #expect(account?["kind"] as? String == "member")
        #expect(account?["kindSet"] as? Bool == true)
        let items = account?["items"] as? [[String: Any]] ?? []
        #expect(items.first { $0["id"] as? String == "root-mfa" }?["status"] as? String == "not-applicable")
        let history = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        #expect(history.contains("\"action\" : \"account\""))

        let bad = try bin.run(["edit", "111122223333", "--kind", "planet"])
        #expect(bad.status == 64)
        let nothing = try bin.run(["edit", "111122223333"])
        #expect(nothing.status == 64)
        let mark = try bin.run(["mark", "111122223333", "root-mfa", "skipped", "--reason", "x"])
        #expect(mark.status == 0, "a recorded status is kept even where the item does not apply: \(mark.stderr)")
    }

    @Test func verifyDetectsAndRecordsAMemberWithoutRootCredentials() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let replies = try bin.scratchFile("replies")
        try FileManager.default.createDirectory(at: replies, withIntermediateDirectories: true)
        let files = [
            "sts-get-caller-identity.json": #"{"Account": "111122223333"}"#,
            "organizations-describe-organization.json": #"{"Organization": {"Id": "o-abcdefghij", "MasterAccountId": "999900001111", "FeatureSet": "ALL"}}"#,
            "iam-get-account-summary.json": #"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "AccountPasswordPresent": 0, "AccountSigningCertificatesPresent": 0}}"#,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: replies.appendingPathComponent(name)) }
        // No credentials today, but nothing shows the organization manages them: recoverable through
        // the root email, so recorded present and the items stay.
        let unproven = try bin.run(["verify", "111122223333", "--from", replies.path])
        let unprovenFlat = unproven.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(unprovenFlat.contains("root credentials present"), "\(unproven.stdout)")
        #expect(unprovenFlat.contains("UNKNOWN root-mfa no root credentials now, but recoverable through the root email"), "\(unproven.stdout)")
        try Data(#"{"OrganizationId": "o-abcdefghij", "EnabledFeatures": ["RootCredentialsManagement", "RootSessions"]}"#.utf8)
            .write(to: replies.appendingPathComponent("iam-list-organizations-features.json"))
        let verify = try bin.run(["verify", "111122223333", "--from", replies.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        let flat = verify.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Kind: member of o-abcdefghij (management account 999900001111), root credentials removed"), "\(verify.stdout)")
        #expect(flat.contains("NOT-APPLICABLE root-mfa"), "\(verify.stdout)")
        let summary = try bin.run(["summary", "111122223333"])
        #expect(summary.stdout.contains("member of o-abcdefghij"))
        #expect(summary.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    .contains("does not apply: applies while a member still has root credentials"), "\(summary.stdout)")
    }
}
