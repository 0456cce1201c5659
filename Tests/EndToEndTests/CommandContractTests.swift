import ChecklistModel
import ChecklistStore
import Foundation
import Testing

/// The command-line contract as DESIGN.md gives it: account ids as people write them, status
/// aliases, usage errors for what would otherwise be dropped silently, summary by alias.
@Suite struct CommandContractTests {
    /// Whatever was typed or named (a state directory's path, a usage error quoting an argument)
    /// reaches the terminal without its escape sequences.
    @Test func noEscapeSequenceFromTheCommandLineReachesTheTerminal() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-esc-\(UUID().uuidString)")
        let bin = Binary(stateDir: URL(fileURLWithPath: root.path + "/state-\u{1B}[31m-\u{1B}]0;title\u{07}"))
        var outputs = [try bin.run(["add", "111122223333"]), try bin.run(["list"]), try bin.run(["summary", "--all"])]
        outputs += try [["summary", "--format", "x\u{1B}[2J"], ["mark", "\u{1B}[2J", "x", "done"], ["bogus\u{1B}]0;x\u{07}"],
                    ["mark", "111122223333", "root-mfa", "d\u{9B}31m"], ["summary", "111122223333", "--output", "/nonexistent/\u{1B}[2J.txt"]]
            .map { arguments in try bin.run(arguments) }
        #expect(outputs[0].status == 0 && outputs[1].status == 0)
        for (index, output) in outputs.enumerated() {
            for text in [output.stdout, output.stderr] {
                #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 }, "\(index): \(text.debugDescription)")
            }
        }
        #expect(outputs[3].status == 64 && outputs[5].status == 64)
    }

    /// An alias works wherever an existing account is named; global options may come first, as
    /// with git and the AWS CLI; a skip without its reason is a usage error.
    @Test func aliasesGlobalOptionsFirstAndAMissingReason() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        let marked = try bin.run(["mark", "prod", "sign-out-root", "skip", "--reason", "later"])
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdout.hasPrefix("111122223333 sign-out-root: skipped"))
        #expect(try bin.run(["edit", "prod", "--kind", "standalone"]).status == 0)
        #expect(try bin.run(["mark", "staging", "sign-out-root", "skip", "--reason", "x"]).status == 1, "no such alias")
        #expect(try bin.run(["mark", "1111-2222", "sign-out-root", "skip", "--reason", "x"]).status == 64, "an id cut short")
        let missing = try bin.run(["mark", "prod", "sign-out-root", "skip"])
        #expect(missing.status == 64 && missing.stderr.contains("needs --reason"), "\(missing.stderr)")
        let first = try Binary(stateDir: URL(fileURLWithPath: "/nonexistent")).run(["--state-dir", bin.stateDir.path, "list"])
        #expect(first.status == 0 && first.stdout.contains("111122223333  prod"), "\(first.stdout) \(first.stderr)")
        let inline = try Binary(stateDir: URL(fileURLWithPath: "/nonexistent")).run(["--state-dir=\(bin.stateDir.path)", "--operator", "carol",
                                                                                     "mark", "prod", "sign-out-root", "pending"])
        #expect(inline.status == 0, "\(inline.stderr)")
        #expect(try StateStore(directory: bin.stateDir).load("111122223333").history.last?.by == "carol")
        #expect(try bin.run(["verify", "--help"]).stdout.contains("<account>"))
        let sheet = try bin.run(["list", "--format", "csv"])
        #expect(sheet.status == 0 && sheet.stdout.hasPrefix("account_id,alias,kind,") && sheet.stdout.contains("\r\n111122223333,prod,"),
                "\(sheet.stdout)")
    }

    /// Commands that only read do not offer --operator (nothing is recorded), yet take it, as a
    /// global option before the subcommand reaches every command.
    @Test(arguments: ["list", "summary", "history", "findings", "due", "checklists", "tasks", "export"])
    func readOnlyCommandsDoNotOfferTheOperator(_ command: String) throws {
        let bin = Binary()
        let help = try bin.run([command, "--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("--operator"), "\(command): \(help.stdout)")
        #expect(help.stdout.contains("--state-dir"))
        try bin.run(["add", "111122223333"])
        if command == "list" || command == "findings" || command == "due" || command == "checklists" {
            #expect(try bin.run(["--operator", "alice", command]).status != 64, "\(command) takes a global --operator")
        }
        #expect(try bin.run(["mark", "--help"]).stdout.contains("--operator"), "a command that records offers it")
    }

    /// Piped, `list` cuts no alias: two long aliases that share a start stay told apart.
    @Test func listCutsNoAliasWhenPiped() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "payments-production-eu-west-1-primary"])
        try bin.run(["add", "444455556666", "--alias", "payments-production-eu-west-1-secondary"])
        let listed = try bin.run(["list"]).stdout
        #expect(listed.contains("payments-production-eu-west-1-primary ") && listed.contains("payments-production-eu-west-1-secondary"), "\(listed)")
        #expect(!listed.contains("…"))
        #expect(try bin.run(["summary", "--all"]).stdout.contains("payments-production-eu-west-1-secondary"))
    }

    /// Every bad `--evidence` value is named in the one error, not only the first.
    @Test func everyBadEvidenceValueIsNamedAtOnce() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let marked = try bin.run(["mark", "111122223333", "root-mfa", "done", "--evidence", "device-count=0",
                                  "--evidence", "device-kinds=foo", "--evidence", "backup-location=safe"])
        #expect(marked.status == 1)
        #expect(marked.stderr.contains("Number of devices must be at least 1"), "\(marked.stderr)")
        #expect(marked.stderr.contains("Device kinds registered takes a comma-separated list"), "\(marked.stderr)")
        #expect(marked.stderr.contains("--evidence device-count, --evidence device-kinds"), "\(marked.stderr)")
        #expect(marked.stderr.split(separator: "\n").count == 1, "one line")
    }

    @Test func accountIDsWithDashesOrSpacesAreStoredAsTwelveDigits() throws {
        let bin = Binary()
        let add = try bin.run(["add", "1111-2222-3333", "--alias", "prod"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(FileManager.default.fileExists(atPath: bin.stateFile("111122223333").path))
        #expect(try bin.run(["mark", "1111 2222 3333", "sign-out-root", "skip", "--reason", "later"]).status == 0)
        #expect(try bin.run(["summary", " 1111-2222-3333 "]).status == 3)
        let bad = try bin.run(["add", "1111-2222-333"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("1111-2222-3333"), "the message shows the accepted forms: \(bad.stderr)")
    }

    @Test func statusAliasesAndSilentDropsAreUsageErrors() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        #expect(try bin.run(["mark", "111122223333", "sign-out-root", "n/a", "--reason", "no console"]).status == 0)
        #expect(try bin.run(["mark", "111122223333", "split-recovery-control", "na", "--reason", "one person"]).status == 0)
        let state = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        #expect(state.contains("\"not-applicable\""))
        let twice = try bin.run(["mark", "111122223333", "root-mfa", "done", "--evidence", "device-count=2", "--evidence", "device-count=3"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("given twice"))
        let reason = try bin.run(["mark", "111122223333", "sign-out-root", "done", "--reason", "why"])
        #expect(reason.status == 64)
        #expect(reason.stderr.contains("--note"))
    }

    /// A rule broken across fields names the field by its key on the command line.
    @Test func oneMFADeviceWithoutAReasonNamesTheMissingKey() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let one = try bin.run(["mark", "111122223333", "root-mfa", "done", "--evidence", "device-kinds=Authenticator app",
                               "--evidence", "device-count=1", "--evidence", "backup-location=none yet"])
        #expect(one.status == 1)
        #expect(one.stderr.contains("Why only one device is needed when Number of devices is below 2 (it is 1) (--evidence single-device-reason)"),
                "\(one.stderr)")
        let done = try bin.run(["mark", "111122223333", "root-mfa", "done", "--evidence", "device-kinds=Authenticator app",
                                "--evidence", "device-count=1", "--evidence", "backup-location=none yet",
                                "--evidence", "single-device-reason=second key on order"])
        #expect(done.status == 0, "\(done.stderr)")
        let state = try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8)
        #expect(state.contains("\"device-kinds\" : \"virtual-authenticator\""), "stored as the checklist's id")
    }

    /// `--output` picks the format from the file's extension when `--format` is not given.
    @Test func outputExtensionPicksTheFormat() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        let markdown = try bin.scratchFile("review.md")
        let json = try bin.scratchFile("review.JSON")
        let text = try bin.scratchFile("review.txt")
        #expect(try bin.run(["summary", "prod", "--output", markdown.path]).status == 3)
        #expect(try bin.run(["summary", "prod", "--output", json.path]).status == 3)
        #expect(try bin.run(["summary", "prod", "--output", text.path, "--format", "json"]).status == 3)
        #expect(try String(contentsOf: markdown, encoding: .utf8).hasPrefix("#"))
        #expect(try String(contentsOf: json, encoding: .utf8).contains("\"format\" : \"root-checklist-summary\""))
        #expect(try String(contentsOf: text, encoding: .utf8).hasPrefix("{"), "an explicit --format wins over the extension")
    }

    /// `list` is ordered by the column it leads with, the account id, whatever changed last.
    @Test func listIsInAccountIdOrder() throws {
        let bin = Binary()
        for id in ["777788889999", "111122223333", "444455556666"] { try bin.run(["add", id]) }
        try bin.run(["mark", "111122223333", "sign-out-root", "skip", "--reason", "later"])
        let ids = try bin.run(["list"]).stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.count == 12 && $0.allSatisfy(\.isNumber) }
        #expect(ids == ["111122223333", "444455556666", "777788889999"])
    }

    @Test func summaryTakesAnAlias() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        try bin.run(["add", "444455556666", "--alias", "dev"])
        let prod = try bin.run(["summary", "prod"])
        #expect(prod.status == 3)
        #expect(prod.stdout.contains("account 111122223333 (prod)"))
        let unknown = try bin.run(["summary", "staging"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("neither an account id nor the alias"))
    }
}

extension CommandContractTests {
    @Test func theOperatorComesFromTheFlagTheEnvironmentOrTheLogin() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"], environment: ["ROOT_CHECKLIST_OPERATOR": "alice (platform)"])
        try bin.run(["mark", "111122223333", "sign-out-root", "skip", "--reason", "r", "--operator", "bob"])
        try bin.run(["mark", "111122223333", "sign-out-root", "pending"], environment: ["USER": "", "LOGNAME": ""])
        let history = try StateStoreTestsSupport.history(bin)
        #expect(history[0] == "alice (platform)")
        #expect(history.contains("bob"))
        #expect(!(history.last ?? "").hasPrefix("uid"), "the password database names the login: \(history)")
        let secret = try bin.run(["mark", "111122223333", "sign-out-root", "pending", "--operator", "AKIAIOSFODNN7EXAMPLE"])
        #expect(secret.status == 64)
    }
}

enum StateStoreTestsSupport {
    /// Who made each change, in order.
    static func history(_ bin: Binary) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: bin.stateFile("111122223333"))) as! [String: Any]
        return (object["history"] as! [[String: Any]]).compactMap { $0["by"] as? String }
    }
}

extension CommandContractTests {
    @Test func checklistsListsAChecklistsItemsForScripts() throws {
        let bin = Binary()
        let result = try bin.run(["checklists", "--items", "aws-root-user"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("remove-root-credentials (required)"))
        #expect(result.stdout.contains("--evidence activated=… IAM access activated (yes-no; required; must be yes for done)")
                || result.stdout.contains("--evidence activated=…"), "\(result.stdout)")
        #expect(result.stdout.contains("differs from password-holders"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "fits 80 columns")
        #expect(try bin.run(["checklists", "--items", "nope"]).status == 1)
    }
}

/// `--version` names the release and the commit the binary was built from.
@Suite struct VersionTests {
    @Test func versionNamesTheReleaseAndTheCommitOfThisCheckout() throws {
        let result = try Binary().run(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.wholeMatch(of: /root-checklist \d+\.\d+\.\d+ \(commit [0-9a-f]{12}(\+changes)?\)/) != nil, "\(line)")
        // The tests run in a git checkout; the build's stamp is that checkout's HEAD.
        let git = try ShellSpawn.start("/bin/sh", ["-c", "git -C \"$0\" rev-parse --short=12 HEAD", Binary.packageRoot.path],
                                       environment: ProcessInfo.processInfo.environment).finish()
        let head = String(decoding: git.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(git.status == 0 && head.count == 12)
        #expect(line.contains("commit \(head)"), "\(line) vs HEAD \(head)")
    }
}
