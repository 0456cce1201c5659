import ChecklistModel
import ChecklistStore
import Foundation
import Testing

/// `findings`: every account's items that need attention, filtered, in every format, and an exit
/// code a CI gate can use; counted against the state files independently.
@Suite struct FindingsCommandTests {
    /// Two accounts: one with a contradicted done and a failing optional check, one untouched member.
    func fleet() throws -> Binary {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod", "--kind", "standalone"])
        try bin.run(["add", "444455556666", "--alias", "dev", "--kind", "member"])
        try bin.completeRequired("111122223333")
        let url = bin.stateFile("111122223333")
        var state = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        var items = state["items"] as? [String: Any] ?? [:]
        var mfa = items["root-mfa"] as? [String: Any] ?? [:]
        mfa["check"] = ["outcome": "fail", "reason": "AccountMFAEnabled is 0", "at": "2026-12-01T10:00:00Z", "source": "aws-cli"]
        items["root-mfa"] = mfa
        items["security-contact"] = ["status": "pending", "evidence": [String: String](),
                                     "check": ["outcome": "fail", "reason": "no security alternate contact is set", "at": "2026-12-01T10:00:00Z", "source": "aws-cli"]]
        items["monitor-root-usage"] = ["status": "pending", "evidence": [String: String](),
                                       "check": ["outcome": "unknown", "reason": "cannot list the CloudTrail trails", "at": "2026-12-01T10:00:00Z", "source": "aws-cli"]]
        state["items"] = items
        try JSONSerialization.data(withJSONObject: state).write(to: url)
        return bin
    }

    @Test func everyItemNeedingAttentionMostSeriousFirst() throws {
        let bin = try fleet()
        let text = try bin.run(["findings"])
        #expect(text.status == 3, "\(text.stderr)")
        let heads = text.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") && $0.contains(":") && !$0.contains("findings in") }
        #expect(heads.first?.hasPrefix("CONTRADICTED: 111122223333 (prod) root-mfa") == true, "\(text.stdout)")
        #expect(heads.dropFirst().first?.hasPrefix("AWS CHECK FAILS: 111122223333 (prod) security-contact") == true, "\(text.stdout)")
        #expect(text.stdout.contains("AWS CHECK UNKNOWN: 111122223333 (prod) monitor-root-usage"))

        // The JSON, checked against the schema and against a count made from the state files alone.
        let json = try bin.run(["findings", "--format", "json"])
        #expect(json.status == 3)
        try validateAgainstSchema(json.stdout, schema: "Checklists/findings.schema.json")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        let rows = document["findings"] as? [[String: Any]] ?? []
        let store = StateStore(directory: bin.stateDir)
        var expected = 0
        for id in try store.accountIDs() {
            let state = try store.load(id)
            let required = id == "444455556666" ? ["root-mfa", "no-root-access-keys", "kms-recovery-phone", "identity-center-admin", "remove-root-credentials"]
                : ["root-mfa", "no-root-access-keys", "kms-recovery-phone", "identity-center-admin"]
            for item in Set(required).union(state.items.keys) {
                let record = state.record(item)
                let isRequired = required.contains(item)
                let open = isRequired && ![ItemStatus.done, .notApplicable].contains(record.status)
                let checkIssue = record.check.map { $0.outcome == .fail || ($0.outcome == .unknown && (record.status != .done || isRequired)) } ?? false
                if open || checkIssue { expected += 1 }
            }
        }
        #expect(rows.count == expected, "\(rows.map { "\($0["accountId"]!)/\($0["item"]!)" })")
        #expect((document["totals"] as? [String: Any])?["accountsWithFindings"] as? Int == 2)

        let csv = try bin.run(["findings", "--format", "csv", "--account", "prod"])
        #expect(csv.stdout.split(separator: "\r\n").count == 4, "a header and three rows: \(csv.stdout)")
        #expect(csv.stdout.contains("contradicted,111122223333,prod,standalone,root-mfa,"))
        let markdown = try bin.run(["findings", "--format", "markdown", "--outcome", "fail"])
        #expect(markdown.stdout.contains("| contradicted | 111122223333 | prod | `root-mfa` |"))
        #expect(!markdown.stdout.contains("444455556666"))
    }

    @Test func filtersNarrowAndNothingFoundIsExitZero() throws {
        let bin = try fleet()
        let member = try bin.run(["findings", "--kind", "member", "--required", "--format", "json"])
        let rows = ((try JSONSerialization.jsonObject(with: Data(member.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]]) ?? []
        #expect(rows.count == 5 && rows.allSatisfy { $0["accountId"] as? String == "444455556666" && $0["required"] as? Bool == true })
        let item = try bin.run(["findings", "--item", "security-contact"])
        #expect(item.status == 3 && item.stdout.contains("security-contact") && !item.stdout.contains("root-mfa"))
        let none = try bin.run(["findings", "--item", "billing-iam-access"])
        #expect(none.status == 0, "\(none.stdout)")
        #expect(none.stdout.contains("No findings in 2 accounts."))
        #expect(try bin.run(["findings", "--outcome", "maybe"]).status == 64)
        #expect(try bin.run(["findings", "--account", "nobody"]).status == 1)
        let unknown = try bin.run(["findings", "--item", "nope"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no item \"nope\"") && unknown.stderr.split(separator: "\n").count == 1,
                "\(unknown.stderr)")
    }

    /// What AWS said shows in every fleet report, not only in hover text: per account and item,
    /// and per item across the fleet.
    @Test func checkResultsInEveryFleetReport() throws {
        let bin = try fleet()
        let json = try bin.run(["summary", "--all", "--format", "json"])
        try validateAgainstSchema(json.stdout, schema: "Checklists/summary.schema.json")
        let accounts = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]] ?? []
        #expect(accounts.count == 2 && accounts.allSatisfy { ($0["items"] as? [Any])?.count == 13 }, "every account with its items")
        let mfa = ((accounts.first { ($0["account"] as? [String: Any])?["id"] as? String == "111122223333" }?["items"] as? [[String: Any]]) ?? [])
            .first { $0["id"] as? String == "root-mfa" }
        #expect((mfa?["check"] as? [String: Any])?["outcome"] as? String == "fail")

        let csv = try bin.run(["summary", "--all", "--format", "csv"])
        let header = csv.stdout.split(separator: "\r\n").first ?? ""
        #expect(header.contains(",root-mfa,root-mfa check,"), "\(header)")
        #expect(csv.stdout.contains(",contradicted,fail: AccountMFAEnabled is 0,"), "\(csv.stdout)")

        let html = try bin.run(["summary", "--all", "--format", "html"])
        #expect(html.stdout.contains("<span class=\"bad\">AWS fail</span>"))
        #expect(html.stdout.contains("<td colspan=\"4\">AWS check fails</td>"))

        let text = try bin.run(["summary", "--all"])
        let flat = text.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("AWS checks per item"), "\(text.stdout)")
        #expect(flat.contains("root-mfa [required]: fails in 1 of 2 (1 contradicted)"), "\(text.stdout)")
        #expect(flat.contains("security-contact: fails in 1 of 2"), "\(text.stdout)")
    }
}
