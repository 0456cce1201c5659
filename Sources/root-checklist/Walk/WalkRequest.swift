import ChecklistModel
import CursesTerminal
import ProcessSupport

/// What the walkthrough was asked to do, whichever parser read the command line.
struct WalkRequest: Equatable {
    var account: String?
    var checklist: String?
    var noColor = false
    var ascii = false
    var stateDir: String?
    var operatorName: String?
    var profile: String?
    var region: String?

    /// Runs the walkthrough and prints the account's summary once the terminal is restored.
    func run() throws {
        try reportingFailures {
            let environment = Environment.process
            try CursesTerminal.checkAvailable(environment: environment)
            let useColor = !noColor && (environment["NO_COLOR"] ?? "").isEmpty
            let useASCII = ascii || !Output.localeIsUTF8(environment)
            let store = StateStore(directory: StateDirectory.resolve(flag: stateDir, environment: environment))
            let runner = try WalkRunner(store: store, checklistOption: checklist, account: account,
                                        ascii: useASCII, color: useColor,
                                        operatorName: TeamContext.operatorName(explicit: operatorName, store: store, environment: environment),
                                        aws: AWSSettings(profile: profile, region: region))
            if let summary = try runner.run() { try Output.print(summary) }
        }
    }
}
