import SystemImports
import ArgumentParser
import AWSChecks
import ChecklistModel
import ChecklistStore

/// Lists the bundled checklists or validates a checklist file.
struct ChecklistsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklists",
        abstract: "List the bundled checklists, list one's items (--items), or validate a checklist file."
    )

    @Option(help: ArgumentHelp("List this checklist's items with their ids, evidence keys, kinds and rules.", valueName: "id|path"))
    var items: String?

    @Option(help: ArgumentHelp("Validate this checklist file and list every problem.", valueName: "path"))
    var validate: String?

    @OptionGroup var global: ReadOptions

    func run() throws {
        try reportingFailures {
            if let items {
                try Output.print(ChecklistItemsText.render(try ChecklistCatalog.resolve(items)))
                return
            }
            guard let path = validate else {
                for checklist in ChecklistCatalog.bundled {
                    try Output.print("\(checklist.id) v\(checklist.version): \(PlainText.sanitizeLine(checklist.title)) "
                                 + "(\(checklist.items.count) items, \(checklist.items.filter(\.required).count) required)\n")
                }
                return
            }
            var problems: [JSONProblem] = []
            var loaded: Checklist?
            do {
                loaded = try ChecklistLoader.load(path: path)
            } catch ChecklistError.invalid(_, let found) {
                problems = found
            }
            let safePath = PlainText.sanitizeLine(path)
            if problems.isEmpty, let loaded {
                try Output.print("\(safePath): valid (\(loaded.id) v\(loaded.version), \(loaded.items.count) items)\n")
                return
            }
            for problem in problems {
                Output.write("\(safePath): \(PlainText.sanitizeLine(problem.description))\n", to: STDERR_FILENO)
            }
            Output.error("\(safePath) has \(problems.count) problem\(problems.count == 1 ? "" : "s"): fix them and validate again")
            throw ExitCode(1)
        }
    }
}
