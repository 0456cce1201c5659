import Foundation
import Testing

/// `summary --all --format html|csv`: a page a reviewer opens or prints, a sheet a spreadsheet
/// reads; both with hostile names and reasons in them.
@Suite struct FleetReportTests {
    /// Python's HTML parser, strictly: every element closed in order, nothing that fetches or runs.
    static let checker = #"""
        import sys
        from html.parser import HTMLParser
        VOID = {"meta", "br", "hr", "img", "input", "link", "col"}
        class Strict(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.stack, self.problems, self.text = [], [], []
            def handle_starttag(self, tag, attrs):
                if tag in ("script", "iframe", "object", "embed", "link", "img", "base", "form"):
                    self.problems.append("forbidden element " + tag)
                for name, value in attrs:
                    # A link within the page (#acct-…) fetches nothing; any other does.
                    if name == "href" and value and value.startswith("#"): continue
                    if name.startswith("on") or name in ("src", "href", "srcset", "action"):
                        self.problems.append("forbidden attribute %s=%r" % (name, value))
                if tag not in VOID:
                    self.stack.append(tag)
            def handle_endtag(self, tag):
                if not self.stack or self.stack[-1] != tag:
                    self.problems.append("unbalanced </%s> (open: %s)" % (tag, self.stack[-3:]))
                else:
                    self.stack.pop()
            def handle_data(self, data):
                self.text.append(data)
        page = sys.stdin.read()
        checker = Strict()
        checker.feed(page)
        checker.close()
        if not page.startswith("<!DOCTYPE html>"): checker.problems.append("no doctype")
        if checker.stack: checker.problems.append("unclosed: %s" % checker.stack)
        # Text may mention an address (an alias did); nothing may load one: no src/href (above), no CSS fetch.
        for needle in ("url(", "@import", "javascript:"):
            if needle in page: checker.problems.append("external reference: " + needle)
        print("\n".join(checker.problems) if checker.problems else "OK")
        print("TEXT:" + " ".join(checker.text))
        """#

    func run(_ script: String, input: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func hostileFleet() throws -> Binary {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "<script>alert(1)</script>"])
        try bin.run(["add", "444455556666", "--alias", "=HYPERLINK(\"http://x\"),y", "--kind", "member"])
        try bin.run(["mark", "444455556666", "sign-out-root", "skip", "--reason", "\" onmouseover=\"alert(2)"])
        try bin.run(["mark", "111122223333", "sign-out-root", "n/a", "--reason", "we never sign in"])
        return bin
    }

    @Test func theHTMLPageIsWellFormedSelfContainedAndEscaped() throws {
        let bin = try hostileFleet()
        let page = try bin.run(["summary", "--all", "--format", "html"])
        #expect(page.status == 3, "incomplete fleet")
        let verdict = try run(Self.checker, input: page.stdout)
        #expect(verdict.hasPrefix("OK"), "\(verdict)")
        #expect(!page.stdout.contains("<script>alert"), "the alias is escaped")
        #expect(page.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.stdout.contains("&quot; onmouseover=&quot;alert(2)"), "a reason cannot leave its attribute")
        #expect(verdict.contains("Resolved per item"), "totals per item")
        #expect(verdict.contains("111122223333") && verdict.contains("444455556666"))
        // A section per account, linked from the matrix, with every item and what was recorded.
        #expect(page.stdout.contains("<a href=\"#acct-111122223333\">111122223333</a>"))
        #expect(page.stdout.contains("<section id=\"acct-444455556666\">"))
        #expect(page.stdout.contains("reason: &quot; onmouseover=&quot;alert(2)"))
        #expect(page.stdout.contains("<footer>Made by root-checklist "), "the version in the footer")
        #expect(page.stdout.contains("<h1>AWS root user checklist: 2 accounts</h1>"))
        // The file form, picked by the extension.
        let file = try bin.scratchFile("fleet.html")
        #expect(try bin.run(["summary", "--all", "--output", file.path]).status == 3)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func theCSVReadsBackAndDefusesFormulas() throws {
        let bin = try hostileFleet()
        let sheet = try bin.run(["summary", "--all", "--format", "csv"])
        #expect(sheet.status == 3)
        let parsed = try run("""
            import csv, io, json, sys
            print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))
            """, input: sheet.stdout)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [[String]])
        #expect(rows.count == 3)
        let header = rows[0]
        #expect(header.prefix(4) == ["account_id", "alias", "kind", "status"])
        #expect(header.contains("sign-out-root"))
        let member = try #require(rows.first { $0.first == "444455556666" })
        #expect(member[1] == "'=HYPERLINK(\"http://x\"),y", "a formula is defused, the comma kept inside the field")
        #expect(member[2] == "member")
        let column = try #require(header.firstIndex(of: "sign-out-root"))
        #expect(member[column] == "skipped")
        #expect(rows.allSatisfy { $0.count == header.count })
    }
}
