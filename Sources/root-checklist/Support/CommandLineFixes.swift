import ChecklistModel
import ChecklistText

extension ErrorFixes {
    /// The fixes in this program's commands and flags.
    static let commandLine = ErrorFixes(
        resumeAccount: { id in "resume it with `root-checklist walk --account \(id)` or mark items with `root-checklist mark`" },
        addAccount: { id in "add it first with `root-checklist add \(id)`" },
        giveEvidence: { keys in "give " + keys.map { "--evidence \($0)=VALUE" }.joined(separator: " ") },
        giveReason: "add --reason TEXT",
        chooseChecklist: { what in "pass --checklist with \(what)" },
        chooseAnotherChecklist: "run `root-checklist checklists` to list them, or pass --checklist PATH",
        listProblems: { source in "run `root-checklist checklists --validate \(source)` to list them" },
        ownStateDirectory: "use a state directory of your own (--state-dir)",
        nameEvidence: { keys in keys.isEmpty ? "" : " (" + keys.map { "--evidence \($0)" }.joined(separator: ", ") + ")" }
    )
}

/// An error as one line for stderr: the model's and the checklist loader's worded for the command line.
func commandLineMessage(_ error: any Error) -> String {
    switch error {
    case let error as ModelError: error.message(fixes: .commandLine)
    case let error as ChecklistError: error.message(fixes: .commandLine)
    default: "\(error)"
    }
}
