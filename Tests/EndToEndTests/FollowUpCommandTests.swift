import ChecklistModel
import Foundation
import Testing

/// Follow-ups on the command line: `mark … skip --due`, and overdue items in `summary` and `list`.
@Suite struct FollowUpCommandTests {
    @Test func aSkipTakesADueDateAndOnlyASkip() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let skip = try bin.run(["mark", "111122223333", "security-contact", "skip", "--reason", "alias pending", "--due", "2099-01-31"])
        #expect(skip.status == 0, "\(skip.stderr)")
        #expect(skip.stdout.contains("skipped, due 2099-01-31"))
        let summary = try bin.run(["summary", "111122223333"])
        #expect(summary.stdout.contains("follow up: due 2099-01-31"), "\(summary.stdout)")
        #expect(!summary.stdout.contains("OVERDUE"))
        let withDone = try bin.run(["mark", "111122223333", "sign-out-root", "done", "--due", "2099-01-31"])
        #expect(withDone.status == 64)
        #expect(withDone.stderr.contains("--due goes with skipped"))
        let past = try bin.run(["mark", "111122223333", "security-contact", "skip", "--reason", "r", "--due", "2001-01-01"])
        #expect(past.status == 1)
        #expect(past.stderr.contains("The due date is in the past"), "\(past.stderr)")
    }

    @Test func anOverdueItemShowsInEverySummaryAndTheList() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        try bin.run(["mark", "111122223333", "security-contact", "skip", "--reason", "alias pending", "--due", "2099-01-31"])
        // Time passes: the due date is now behind us.
        let url = bin.stateFile("111122223333")
        var state = try StateCodec.decode(Data(contentsOf: url), path: url.path)
        state.items["security-contact"]?.due = "2026-01-31"
        try StateCodec.encode(state).write(to: url)

        let text = try bin.run(["summary", "prod"])
        #expect(text.stdout.contains("INCOMPLETE, 1 overdue"), "\(text.stdout)")
        #expect(text.stdout.contains("follow up: due 2026-01-31, OVERDUE"))
        let markdown = try bin.run(["summary", "prod", "--format", "markdown"])
        #expect(markdown.stdout.contains("**Overdue:** `security-contact` (due 2026-01-31, OVERDUE)"), "\(markdown.stdout)")
        let json = try bin.run(["summary", "prod", "--format", "json"])
        try validateAgainstSchema(json.stdout, schema: "Checklists/summary.schema.json")
        #expect(json.stdout.contains("\"overdue\" : [\n        \"security-contact\"\n      ]"), "\(json.stdout)")
        #expect(json.stdout.contains("\"kind\" : \"due\""))
        #expect(json.stdout.contains("\"withOverdue\" : 1"))
        let list = try bin.run(["list"])
        #expect(list.stdout.contains("incomplete 1 overdue"), "\(list.stdout)")
        #expect(list.stdout.contains("1 with overdue follow-ups"))
        let fleet = try bin.run(["summary", "--all", "--format", "json"])
        try validateAgainstSchema(fleet.stdout, schema: "Checklists/summary.schema.json")
    }

    /// `due`: what is overdue or falls due soon across the fleet, earliest first; the re-check
    /// clock runs from the evidence's date.
    @Test func dueListsWhatIsOverdueOrComingDue() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        try bin.run(["add", "444455556666", "--alias", "dev"])
        #expect(try bin.run(["due"]).status == 0, "nothing yet")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let longAgo = formatter.string(from: Date().addingTimeInterval(-300 * 86_400))
        let soon = formatter.string(from: Date().addingTimeInterval(10 * 86_400))
        try bin.run(["mark", "prod", "kms-recovery-phone", "done", "--evidence", "phone=+15555550100", "--evidence", "confirmed-on=\(longAgo)"])
        try bin.run(["mark", "dev", "sign-out-root", "skip", "--reason", "after the migration", "--due", soon])
        let due = try bin.run(["due"])
        #expect(due.status == 3, "\(due.stdout) \(due.stderr)")
        let lines = due.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("111122223333 (prod) kms-recovery-phone: re-check by") == true && lines.first?.hasSuffix("OVERDUE") == true,
                "typed in today, confirmed 300 days ago: overdue: \(due.stdout)")
        #expect(lines.dropFirst().first?.contains("444455556666 (dev) sign-out-root: due \(soon)") == true, "\(due.stdout)")
        #expect(due.stdout.contains("2 follow-ups due by"))
        let near = try bin.run(["due", "--within", "2d"])
        #expect(near.stdout.contains("kms-recovery-phone") && !near.stdout.contains("sign-out-root"))
        #expect(try bin.run(["due", "--within", "soon"]).status == 64)
    }

    /// `confirm` restarts an item's clock from the day given (today by default), by alias too; what
    /// has no follow-up, or a day in the future, is refused and the file is left as it was.
    @Test func confirmRestartsTheClock() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        try bin.run(["mark", "111122223333", "kms-recovery-phone", "done", "--evidence", "phone=+15555550100",
                     "--evidence", "confirmed-on=2026-01-10", "--evidence", "answered-by=ops desk"])
        #expect(try bin.run(["due"]).stdout.contains("OVERDUE"))
        let confirmed = try bin.run(["confirm", "prod", "kms-recovery-phone", "--on", "2026-11-30"])
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(confirmed.stdout.contains("111122223333 kms-recovery-phone: confirmed again on 2026-11-30; re-check by 2027-05-29"), "\(confirmed.stdout)")
        #expect(!(try bin.run(["due"]).stdout.contains("OVERDUE")))
        #expect(try bin.run(["history", "prod", "kms-recovery-phone"]).stdout.contains("confirmed again on 2026-11-30"))
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        let none = try bin.run(["confirm", "prod", "root-mfa"])
        #expect(none.status == 1 && none.stderr.contains("has no follow-up to confirm"), "\(none.stderr)")
        #expect(try bin.run(["confirm", "prod", "kms-recovery-phone", "--on", "2999-01-01"]).status == 1)
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
    }
}
