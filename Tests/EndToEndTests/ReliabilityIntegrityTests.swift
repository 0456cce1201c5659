import Foundation
import Testing

/// Class: record integrity, through the binary.
@Suite struct ReliabilityIntegrityTests {
    /// A file that reuses the bundled id and version but drops every evidence requirement must not
    /// make the bundled summary say COMPLETE.
    @Test func aLooserChecklistWithTheBundledIdAndVersionIsCaught() throws {
        let bin = Binary()
        let original = Binary.packageRoot.appendingPathComponent("Checklists/aws-root-user.json")
        var document = try JSONSerialization.jsonObject(with: Data(contentsOf: original)) as! [String: Any]
        document["items"] = (document["items"] as! [[String: Any]]).map { item in
            var item = item
            item["evidence"] = (item["evidence"] as? [[String: Any]] ?? []).map { field in
                var field = field
                field["required"] = false
                return field
            }
            return item
        }
        let forged = try bin.scratchFile("aws-root-user.json")
        try JSONSerialization.data(withJSONObject: document).write(to: forged)
        #expect(try bin.run(["add", "111122223333", "--checklist", forged.path]).status == 0)
        for item in ["root-mfa", "no-root-access-keys", "kms-recovery-phone", "identity-center-admin"] {
            let mark = try bin.run(["mark", "111122223333", item, "done", "--checklist", forged.path])
            #expect(mark.status == 0, "\(mark.stderr)")
        }
        let summary = try bin.run(["summary", "111122223333"])
        #expect(summary.status == 1)
        #expect(!summary.stdout.contains("COMPLETE"))
        #expect(summary.stderr.contains("same id and version with other content"), "\(summary.stderr)")
        let all = try bin.run(["summary", "--all"])
        #expect(all.status == 1)
        #expect(!all.stdout.contains("1 complete"))
        let honest = try bin.run(["summary", "111122223333", "--checklist", forged.path])
        #expect(honest.status == 0, "with the file it was started with, the account reads as it is")
    }

    @Test func aMarkKeepsFieldsItDoesNotKnow() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let url = bin.stateFile("111122223333")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        object["teamNotes"] = ["owner": "platform", "ticket": 42]
        var history = object["history"] as! [[String: Any]]
        history[0]["at"] = "2026-11-01T10:00:00.000+00:00"
        history[0]["signedBy"] = "reviewer"
        object["history"] = history
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        let result = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "later"])
        #expect(result.status == 0, "\(result.stderr)")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        #expect((saved["teamNotes"] as? [String: Any])?["owner"] as? String == "platform")
        let first = (saved["history"] as! [[String: Any]])[0]
        #expect(first["at"] as? String == "2026-11-01T10:00:00.000+00:00")
        #expect(first["signedBy"] as? String == "reviewer")
    }
}
