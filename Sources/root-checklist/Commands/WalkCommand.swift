import ArgumentParser
import ChecklistModel
import Foundation

/// The interactive walkthrough (the default command).
struct WalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Walk through the checklist in a full-screen terminal interface (default)."
    )

    @Option(help: "Open this account directly.")
    var account: String?

    @Option(help: "Checklist id or path for new accounts.")
    var checklist: String?

    @Flag(help: "Do not use colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Use ASCII glyphs only.")
    var ascii = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            throw Failure("the walkthrough is not yet available: use `root-checklist mark` and `root-checklist summary`")
        }
    }
}
