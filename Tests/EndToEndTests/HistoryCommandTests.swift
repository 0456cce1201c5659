import DefaultChecklist
import Foundation
import Testing

/// `history ACCOUNT [ITEM]`: who changed what and when, for a reviewer, from the file's own history.
@Suite struct HistoryCommandTests {
    @Test func listsEveryChangeWithWhoAndWhen() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod", "--operator", "alice"])
        try bin.run(["mark", "111122223333", "root-mfa", "done", "--evidence", "device-kinds=passkey", "--evidence", "device-count=2",
                     "--evidence", "backup-location=safe", "--operator", "bob"])
        try bin.run(["mark", "111122223333", "root-mfa", "pending", "--operator", "carol"])
        try bin.run(["edit", "111122223333", "--alias", "production", "--operator", "dave"])

        // By the alias it has now.
        let everything = try bin.run(["history", "production"])
        #expect(everything.status == 0, "\(everything.stderr)")
        let lines = everything.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "History of account 111122223333: 5 changes", "\(everything.stdout)")
        #expect(lines[1].contains("alice") && lines[1].hasSuffix("started with checklist aws-root-user@\(BundledChecklists.checklists[BundledChecklists.defaultName]?.version ?? 0)"))
        // Every value a person typed is in the history, with what it replaced.
        #expect(lines.contains { $0.contains("bob") && $0.contains("root-mfa") && $0.contains("evidence backup-location: (none) → \"safe\"") },
                "\(everything.stdout)")
        #expect(lines.contains { $0.contains("device-count: (none) → \"2\"") })
        #expect(lines.contains { $0.contains("bob") && $0.hasSuffix("status pending → done") })
        #expect(lines.contains { $0.contains("carol") && $0.hasSuffix("status done → pending") })
        #expect(lines.contains { $0.contains("dave") && $0.contains("account") && $0.hasSuffix("alias prod → production") })

        let item = try bin.run(["history", "111122223333", "root-mfa"])
        #expect(item.stdout.hasPrefix("History of account 111122223333, item root-mfa: 3 changes"), "\(item.stdout)")
        #expect(try bin.run(["history", "111122223333", "no-such-item"]).status == 1)
        #expect(try bin.run(["history", "999988887777"]).status == 1)
    }

    @Test func sinceAndJSONWithTheValues() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod", "--operator", "alice"])
        try bin.run(["mark", "prod", "root-mfa", "skip", "--reason", "waiting for YubiKeys", "--operator", "bob"])
        let json = try bin.run(["history", "prod", "root-mfa", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        try validateAgainstSchema(json.stdout, schema: "Checklists/history.schema.json")
        let entries = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]] ?? []
        #expect(entries.count == 1)
        #expect((entries.first?["after"] as? [String: String])?["reason"] == "waiting for YubiKeys")
        #expect((entries.first?["change"] as? String)?.contains("reason: waiting for YubiKeys") == true)
        let future = try bin.run(["history", "prod", "--since", "2099-01-01"])
        #expect(future.stdout.hasPrefix("History of account 111122223333: 0 changes"), "\(future.stdout)")
        #expect(try bin.run(["history", "prod", "--since", "2020-01-01"]).stdout.contains("2 changes"))
        #expect(try bin.run(["history", "prod", "--since", "yesterday"]).status == 64)
    }
}

/// `history --verify`: every account's file adds up, or the problems are named.
@Suite struct HistoryVerifyTests {
    @Test func filesMadeByThisProgramAddUpAndEditsByHandAreNamed() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        try bin.run(["add", "444455556666", "--alias", "dev"])
        try bin.run(["mark", "prod", "root-mfa", "skip", "--reason", "keys on order"])
        try bin.run(["mark", "prod", "root-mfa", "done"] + Binary.mfa)
        try bin.run(["mark", "prod", "root-mfa", "pending"])
        try bin.run(["edit", "dev", "--kind", "member"])
        let clean = try bin.run(["history", "--verify"])
        #expect(clean.status == 0, "\(clean.stdout) \(clean.stderr)")
        #expect(clean.stdout.contains("Checked 2 accounts: every file adds up."))

        // A status set by hand, with no history and no evidence; an entry out of time order.
        let url = bin.stateFile("444455556666")
        var state = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        var items = state["items"] as? [String: Any] ?? [:]
        items["no-root-access-keys"] = ["status": "done", "evidence": [String: String]()]
        state["items"] = items
        var history = state["history"] as? [[String: Any]] ?? []
        history.append(["at": "2001-01-01T00:00:00Z", "by": "mallory", "action": "note", "item": "root-mfa"])
        state["history"] = history
        try JSONSerialization.data(withJSONObject: state).write(to: url)
        let found = try bin.run(["history", "--verify"])
        #expect(found.status == 3, "\(found.stdout)")
        #expect(found.stdout.contains("444455556666: no-root-access-keys is done with no history entry that made it so"), "\(found.stdout)")
        #expect(found.stdout.contains("444455556666: no-root-access-keys is done without its required evidence"))
        #expect(found.stdout.contains("is earlier than the one before it"))
        #expect(!found.stdout.contains("111122223333:"), "the other account adds up")
        #expect(try bin.run(["history", "prod", "--verify"]).status == 0)
        #expect(try bin.run(["history"]).status == 64)
    }
}
