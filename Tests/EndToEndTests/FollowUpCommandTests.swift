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
}
