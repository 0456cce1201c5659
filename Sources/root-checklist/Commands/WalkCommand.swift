import ArgumentParser
import ChecklistModel
import CursesTerminal
import Foundation

/// The interactive walkthrough (the default command).
struct WalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Walk through the checklist in a full-screen terminal interface.",
        discussion: "Every change is saved at once, so q quits at any moment; the account's summary is printed on exit."
    )

    @Option(help: "Open this account directly.")
    var account: String?

    @Option(help: "Checklist id or path, for new accounts and for accounts started with it.")
    var checklist: String?

    @Flag(help: "Do not use colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Use ASCII glyphs only (also in a non-UTF-8 locale).")
    var ascii = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let account { try validateAccountID(account) }
    }

    func run() throws {
        try reportingFailures {
            let environment = ProcessInfo.processInfo.environment
            try CursesTerminal.checkAvailable(environment: environment)
            let useColor = !noColor && (environment["NO_COLOR"] ?? "").isEmpty
            let useASCII = ascii || !Output.localeIsUTF8(environment)
            let runner = try WalkRunner(store: global.store, checklistOption: checklist, account: account,
                                        ascii: useASCII, color: useColor)
            let summary = try runner.run()
            if let summary { Output.print(summary) }
        }
    }
}
