import Foundation
import Testing

@Suite struct CommandTests {
    @Test func addMarkSummaryInAllFormats() throws {
        let bin = Binary()
        let added = try bin.run(["add", "111122223333", "--alias", "prod", "--root-email", "root@example.com"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("111122223333"))

        let incomplete = try bin.run(["summary", "111122223333"])
        #expect(incomplete.status == 3)
        #expect(incomplete.stdout.contains("INCOMPLETE"))

        try bin.completeRequired("111122223333")
        let text = try bin.run(["summary", "111122223333"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("COMPLETE"))
        #expect(text.stdout.contains("Number of devices: 2"))
        #expect(text.stdout.contains("reason: covered by the organization's admin account"))
        #expect(text.stdout.contains("attested by a person"))
        for line in text.stdout.split(separator: "\n") where !line.contains("https://") {
            #expect(line.count <= 80, "too wide: \(line)")
        }

        let markdown = try bin.run(["summary", "111122223333", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("| Status | Item | Required | Basis | Details |"))
        #expect(markdown.stdout.contains("**complete**"))

        let json = try bin.run(["summary", "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let accounts = object?["accounts"] as? [[String: Any]]
        #expect(accounts?.first?["complete"] as? Bool == true)
        #expect((accounts?.first?["items"] as? [Any])?.count == 13)
        try validateAgainstSchema(json.stdout, schema: "Checklists/summary.schema.json")
    }

    @Test func summaryAllAndOutputFile() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "done"])
        try bin.run(["add", "444455556666", "--alias", "日本語の口座"])
        try bin.completeRequired("111122223333")
        let all = try bin.run(["summary", "--all"])
        #expect(all.status == 3)
        #expect(all.stdout.contains("Totals: 2 accounts, 1 complete, 1 incomplete"))
        let ambiguous = try bin.run(["summary"])
        #expect(ambiguous.status == 64)
        let target = try bin.scratchFile("review.md")
        let written = try bin.run(["summary", "111122223333", "--format", "markdown", "--output", target.path])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("111122223333"))
        let json = try bin.run(["summary", "--all", "--format", "json"])
        try validateAgainstSchema(json.stdout, schema: "Checklists/summary.schema.json")
        let list = try bin.run(["list", "--format", "json"])
        #expect(list.status == 0)
        try validateAgainstSchema(list.stdout, schema: "Checklists/summary.schema.json")
    }

    static let errorCases: [String: Int32] = [
        "add 12345": 64,
        "add": 64,
        "mark 111122223333 root-mfa finished": 64,
        "mark 111122223333 root-mfa done --evidence novalue": 64,
        "summary 111122223333 --all": 64,
        "summary --format pdf": 64,
        "no-such-command": 64,
        "summary 999999999999": 1,
        "mark 999999999999 root-mfa done": 1,
        "tasks --checklist missing": 1,
        "checklists --validate /nonexistent.json": 1,
    ]

    @Test(arguments: errorCases.keys.sorted())
    func errorsExitWithTheRightCodeAndOnlyStderr(commandLine: String) throws {
        let bin = Binary()
        let arguments = commandLine.split(separator: " ").map(String.init)
        let expected = Self.errorCases[commandLine]
        let result = try bin.run(arguments)
        #expect(result.status == expected, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(arguments) printed to stdout: \(result.stdout)")
        #expect(!result.stderr.isEmpty)
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func markErrorsAreOneClearLine() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        let cases: [([String], String)] = [
            (["mark", "111122223333", "root-mfa", "done"], "--evidence device-kinds=VALUE"),
            (["mark", "111122223333", "nope", "done"], "no item \"nope\""),
            (["mark", "111122223333", "kms-recovery-phone", "done", "--evidence", "phone=555", "--evidence", "confirmed-on=2026-01-01"], "E.164"),
            (["mark", "111122223333", "root-mfa", "pending", "--note", "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"], "secret access key"),
        ]
        for (arguments, fragment) in cases {
            let result = try bin.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        // A skip without its reason is a usage error (64), with nothing written either.
        #expect(try bin.run(["mark", "111122223333", "root-mfa", "skipped"]).status == 64)
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
    }

    @Test func corruptStateIsNeverOverwritten() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let garbage = Data("{\"schemaVersion\": 2, \"account\": ".utf8)
        try garbage.write(to: bin.stateFile("111122223333"))
        let mark = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"])
        #expect(mark.status == 1)
        #expect(mark.stderr.contains(bin.stateFile("111122223333").path))
        #expect(mark.stderr.contains("left untouched"))
        let summary = try bin.run(["summary", "111122223333"])
        #expect(summary.status == 1)
        let add = try bin.run(["add", "111122223333"])
        #expect(add.status == 1)
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == garbage)
    }

    @Test func filesAreCreatedPrivate() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        var info = stat()
        stat(bin.stateDir.path, &info)
        #expect(info.st_mode & 0o777 == 0o700)
        stat(bin.stateFile("111122223333").path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func tasksAndChecklistsReadWell() throws {
        let bin = Binary()
        let tasks = try bin.run(["tasks"])
        #expect(tasks.status == 0)
        for service in ["Account management", "Billing", "GovCloud", "EC2", "KMS", "Mechanical Turk", "S3", "SQS"] {
            #expect(tasks.stdout.contains(service))
        }
        for line in tasks.stdout.split(separator: "\n") { #expect(line.count <= 80) }
        let valid = try bin.run(["checklists", "--validate", Binary.packageRoot.appendingPathComponent("Checklists/aws-root-user.json").path])
        #expect(valid.status == 0, "\(valid.stderr)")
        let version = try bin.run(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }

    @Test func validateListsEveryProblemWithPaths() throws {
        let bin = Binary()
        try FileManager.default.createDirectory(at: bin.stateDir, withIntermediateDirectories: true)
        let file = bin.stateDir.appendingPathComponent("bad.json")
        try Data(#"{"id": "Bad", "version": 1, "title": "t", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"], "check": "not-a-check", "evidence": [{"key": "k", "label": "K", "kind": "colour"}]}]}"#.utf8).write(to: file)
        let result = try bin.run(["checklists", "--validate", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("$.id"))
        #expect(result.stderr.contains("$.items[0].evidence[0].kind"))
        #expect(result.stderr.contains("$.items[0].check: \"not-a-check\" is not a check verify knows (known: group-root-email,"))
    }
}

/// Validates JSON text with Python's jsonschema when it is installed (CI installs it).
func validateAgainstSchema(_ json: String, schema: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let schemaPath = Binary.packageRoot.appendingPathComponent(schema).path
    process.arguments = ["python3", "-c", """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(0)
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator(schema).validate(json.load(sys.stdin))
        """, schemaPath]
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(json.utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 0, "schema \(schema): \(message)")
}

@Suite struct NoTerminalTests {
    @Test func walkWithoutATerminalPointsAtSummaryAndMark() throws {
        let bin = Binary()
        let result = try bin.run([])
        #expect(result.status == 1)
        #expect(result.stderr.contains("summary"))
        #expect(result.stdout.isEmpty)
    }
}
