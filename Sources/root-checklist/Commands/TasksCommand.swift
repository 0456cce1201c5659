import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

/// Prints the tasks that can only be done while signed in as root.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "List the tasks that need root user credentials, by service."
    )

    @Option(help: "Checklist id or path (default: aws-root-user).")
    var checklist: String?

    @OptionGroup var global: ReadOptions

    func run() throws {
        try reportingFailures {
            let definition = try ChecklistCatalog.resolve(checklist)
            try Output.print(RootTasksText.render(definition, width: 80))
        }
    }
}
