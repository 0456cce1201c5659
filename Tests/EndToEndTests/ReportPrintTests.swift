import Foundation
import Testing
import TestSupport

/// The fleet's HTML report as a reviewer prints it, in headless Chromium: a page for the matrix and
/// one per account, with what AWS said printed (not only in hover text).
@Suite(.enabled(if: Emulator.onPath("chromium") != nil && Emulator.onPath("pdftotext") != nil, "needs chromium and poppler-utils"))
struct ReportPrintTests {
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let done = try ShellSpawn.start("/usr/bin/env", [tool] + arguments, environment: ProcessInfo.processInfo.environment).finish()
        return String(decoding: done.1, as: UTF8.self)
    }

    @Test func thePrintedReportHasAPagePerAccountWithTheChecksOnIt() throws {
        let bin = Binary()
        let ids = ["111122223333", "444455556666"]
        for id in ids { try bin.run(["add", id, "--alias", "acct-\(id.suffix(4))"]) }
        let replies = try bin.scratchFile("replies")
        try FileManager.default.createDirectory(at: replies, withIntermediateDirectories: true)
        try Data(#"{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/audit"}"#.utf8)
            .write(to: replies.appendingPathComponent("sts-get-caller-identity.json"))
        try Data(#"{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0}}"#.utf8)
            .write(to: replies.appendingPathComponent("iam-get-account-summary.json"))
        try bin.run(["verify", ids[0], "--from", replies.path])
        let html = try bin.scratchFile("fleet.html")
        try bin.run(["summary", "--all", "--format", "html", "--output", html.path])
        let pdf = try bin.scratchFile("fleet.pdf")
        _ = try run("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        let text = try run("pdftotext", ["-layout", pdf.path, "-"])
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: true).map(String.init)
        #expect(pages.count >= 3, "the matrix, then a page per account: \(pages.count)")
        #expect(pages[0].contains("AWS root user checklist: 2 accounts"))
        #expect(pages[0].contains("AWS fail"), "the failure is printed in the matrix cell")
        let first = try #require(pages.first { $0.contains("111122223333 (acct-3333)") && !$0.contains("Resolved per item") })
        #expect(first.contains("AccountMFAEnabled") && first.contains("fail (file,"), "what AWS said is printed on the account's page: \(first)")
        #expect(pages.contains { $0.contains("444455556666 (acct-6666)") && !$0.contains("Resolved per item") })
    }
}
