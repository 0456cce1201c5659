import ArgumentParser
import Testing
@testable import root_checklist

/// The command-line contract (DESIGN.md) through the parser, in process: names, flags, aliases,
/// global options before the subcommand, and usage errors as exit 64 with one plain line.
@Suite struct CommandLineContractTests {
    /// Parses as `main` does: global options hoisted behind the subcommand, then swift-argument-parser.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        let names = Set(RootChecklist.configuration.subcommands.map { $0._commandName })
        return try RootChecklist.parseAsRoot(GlobalArguments.hoisted(arguments, subcommands: names))
    }

    static func usageError(_ arguments: [String]) -> (code: Int32, message: String)? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            return (RootChecklist.exitCode(for: error).rawValue, RootChecklist.message(for: error))
        }
    }

    /// Every command DESIGN.md lists.
    @Test func theCommandsAreTheContractsNames() {
        let names = Set(RootChecklist.configuration.subcommands.map { $0._commandName })
        #expect(names == ["walk", "add", "edit", "import", "list", "mark", "confirm", "resolve", "summary", "history", "findings", "due",
                          "verify", "fix", "export", "verify-bundle", "checklists", "tasks", "team", "sync", "merge-driver"])
    }

    @Test(arguments: [
        (["add", "1111-2222-3333", "--alias", "prod", "--kind", "member"], "add"),
        (["edit", "prod", "--root-email", "root@example.com"], "edit"),
        (["import", "--organization", "--dry-run"], "import"),
        (["list", "--format", "csv"], "list"),
        (["mark", "prod", "root-mfa", "done", "--evidence", "kinds=passkey", "--evidence", "count=2"], "mark"),
        (["mark", "prod", "billing-iam-access", "n/a", "--reason", "no billing"], "mark"),
        (["resolve", "prod", "root-mfa", "--take", "theirs"], "resolve"),
        (["summary", "--all", "--format", "html", "--output", "r.html"], "summary"),
        (["findings", "--format", "json", "--outcome", "fail", "--required"], "findings"),
        (["due", "--within", "30d"], "due"),
        (["history", "prod", "root-mfa", "--format", "json"], "history"),
        (["verify", "--all", "--role-name", "OrganizationAccountAccessRole", "--jobs", "4"], "verify"),
        (["export", "--bundle", "b.tar", "prod"], "export"),
        (["fix", "prod", "security-contact", "--set", "phone=+1 206 555 0100", "--dry-run"], "fix"),
        (["verify-bundle", "b.tar"], "verify-bundle"),
        (["checklists", "--validate", "x.json"], "checklists"),
        (["tasks"], "tasks"),
        (["walk", "--account", "prod"], "walk"),
        (["--account", "1111-2222-3333", "--ascii"], "walk"),
        (["team", "init", "--remote", "git@example.com:t/state.git"], "init"),
        (["sync"], "sync"),
        (["--state-dir", "/s", "--operator", "alice", "mark", "prod", "root-mfa", "pending"], "mark"),
    ])
    func contractLinesParse(arguments: [String], command: String) throws {
        let parsed = try Self.parse(arguments)
        #expect(type(of: parsed)._commandName == command)
    }

    /// Global options typed before the subcommand reach it, as with git and the AWS CLI.
    @Test func globalOptionsBeforeTheSubcommandReachIt() throws {
        let mark = try #require(try Self.parse(["--state-dir", "/s", "--operator=alice", "mark", "prod", "root-mfa", "skip", "--reason", "later"])
                                    as? MarkCommand)
        #expect(mark.global.stateDir == "/s")
        #expect(mark.global.operatorName == "alice")
        #expect(mark.status == .skipped, "skip is skipped's alias")
        #expect(mark.target.itemID == "root-mfa")
    }

    @Test(arguments: [
        ["mark", "prod", "root-mfa", "finished"],
        ["mark", "prod", "root-mfa", "done", "--reason", "why"],
        ["mark", "prod", "root-mfa", "skipped"],
        ["mark", "prod", "root-mfa", "done", "--evidence", "count=1", "--evidence", "count=2"],
        ["mark", "prod", "root-mfa", "done", "--evidence", "=2"],
        ["mark", "prod", "root-mfa", "pending", "--due", "2027-01-01"],
        ["verify", "--all", "--role-name", "R", "--assume-root"],
        ["list", "--format", "yaml"],
        ["summary", "--format", "pdf"],
        ["fix", "prod", "security-contact", "--dry-run", "--yes"],
        ["fix", "prod", "security-contact", "--set", "phone"],
        ["resolve", "prod", "root-mfa", "--take", "both"],
        ["--state-dir", "", "list"],
        ["mark", "prod", "root-mfa", "pending", "--operator", "password: hunter2"],
        ["nonsense"],
    ])
    func usageErrorsExit64WithOnePlainLine(arguments: [String]) throws {
        let failure = try #require(Self.usageError(arguments), "\(arguments) parsed")
        #expect(failure.code == 64, "\(arguments): exit \(failure.code)")
        #expect(!failure.message.isEmpty)
        #expect(!failure.message.contains("\u{1B}"))
        #expect(!failure.message.contains("Fatal error"))
    }

    /// --version is not an error: exit 0 with the version line.
    @Test func versionExitsZero() throws {
        let outcome = try #require(Self.usageError(["--version"]))
        #expect(outcome.code == 0)
        #expect(outcome.message.hasPrefix("root-checklist"))
    }

    /// Help names every command, and a command's help its flags with their value names.
    @Test func helpNamesCommandsAndFlags() {
        let root = RootChecklist.helpMessage(columns: 100)
        for name in ["walk", "mark", "verify", "verify-bundle", "findings", "sync"] { #expect(root.contains("  \(name) "), "\(name)") }
        #expect(root.contains("64 usage error"))
        let mark = RootChecklist.helpMessage(for: MarkCommand.self, columns: 100)
        #expect(mark.contains("--evidence <key=value>"))
        #expect(mark.contains("--override-check <reason>"))
    }
}
