import ArgumentParser
import BuildInfo
import ChecklistModel
import SystemImports

/// Walks an operator through securing the root user of an AWS account.
@main
struct RootChecklist: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "root-checklist",
        abstract: "Secure the root user of an AWS account, step by step, and prove it is done.",
        discussion: """
            Progress is saved after every change in one JSON file per account in the state directory: \
            --state-dir, else $ROOT_CHECKLIST_STATE_DIR, else $XDG_STATE_HOME/root-checklist, \
            else ~/.local/state/root-checklist. \
            A team shares it through git: `team init --remote URL`, then every change is a commit and `sync` exchanges them.
            Exit codes: 0 success (summary: every account complete; verify: no check failed), \
            3 summary incomplete or verify found a failing check or a contradiction, \
            1 runtime error, 64 usage error.
            """,
        version: BuildInfo.versionLine,
        subcommands: [WalkCommand.self, AddCommand.self, EditCommand.self, ImportCommand.self, ListCommand.self, MarkCommand.self,
                      ConfirmCommand.self, ResolveCommand.self, SummaryCommand.self, HistoryCommand.self, FindingsCommand.self,
                      DueCommand.self, VerifyCommand.self, FixCommand.self, ExportCommand.self, VerifyBundleCommand.self, ChecklistsCommand.self,
                      TasksCommand.self, TeamCommand.self, SyncCommand.self, MergeDriverCommand.self],
        defaultSubcommand: WalkCommand.self
    )

    /// Starts the walkthrough straight away on the command lines people type every day, and hands
    /// everything else to swift-argument-parser (see `WalkRequest.quickParse`).
    static func main() {
        ProcessSetup.prepare()
        let names = Set(configuration.subcommands.map { $0._commandName })
        let arguments = GlobalArguments.hoisted(Array(CommandLine.arguments.dropFirst()), subcommands: names)
        do {
            guard let request = WalkRequest.quickParse(arguments) else {
                var command = try parseAsRoot(arguments)
                try command.run()
                return
            }
            try request.run()
        } catch {
            exitPrinting(error)
        }
    }

    /// Exits as swift-argument-parser would, with its text made plain first: a usage error quotes
    /// what was typed, and that may hold escape sequences.
    static func exitPrinting(_ error: Error) -> Never {
        let text = PlainText.sanitizeOutput(fullMessage(for: error))
        let code = exitCode(for: error)
        if !text.isEmpty { Output.write(text + "\n", to: code == .success ? STDOUT_FILENO : STDERR_FILENO) }
        SystemImports.exit(code.rawValue)
    }
}

