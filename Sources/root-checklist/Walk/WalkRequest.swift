import ChecklistModel
import ChecklistUI
import CursesTerminal
import ProcessSupport
import SystemImports
import TeamState

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
    /// Sync a shared state directory before the walkthrough starts and after it ends.
    var sync = false

    /// Runs the walkthrough and prints the account's summary once the terminal is restored.
    func run() throws {
        try reportingFailures {
            let environment = Environment.process
            try CursesTerminal.checkAvailable(environment: environment)
            let useColor = !noColor && (environment["NO_COLOR"] ?? "").isEmpty
            let useASCII = ascii || !Output.localeIsUTF8(environment)
            let store = StateStore(directory: StateDirectory.resolve(flag: stateDir, environment: environment))
            // In a shared directory git is asked who the operator is on another thread (see IdentityLookup);
            // commits run later, off the key path.
            var shared: SharedDirectory?
            if sync || SharedDirectory.isShared(store.directory) {
                do {
                    shared = try SharedDirectory.open(store)
                } catch let error as TeamError where !sync {
                    Output.warning("changes will be saved but not committed: \(error)")
                }
            }
            let lookup = shared.map(IdentityLookup.init)
            let given = Operator.current(explicit: self.operatorName, environment: environment) { nil }
            let named = self.operatorName != nil || !(environment["ROOT_CHECKLIST_OPERATOR"] ?? "").trimmingSpaces().isEmpty
            let resolveName: (() -> String)? = lookup.flatMap { lookup in
                named ? nil : { Operator.current(explicit: nil, environment: environment) { lookup.wait().name } }
            }
            // What the first sync did is also the walkthrough's first message: the screen hides stderr.
            let synced = sync ? shared.map { syncReporting($0, operatorName: resolveName?() ?? given, when: "before the walkthrough") } : nil
            let commits = shared.map { shared in CommitQueue(shared: shared, identity: { lookup?.wait() ?? SharedDirectory.Identity() }) }
            let runner = try WalkRunner(store: store, checklistOption: checklist, account: account,
                                        ascii: useASCII, color: useColor, operatorName: given, resolveOperator: resolveName,
                                        aws: AWSSettings(profile: profile, region: region), commits: commits, message: synced)
            let summary = try runner.run()
            if let commits {
                if !commits.finish(timeout: 20) {
                    Output.warning("some changes are saved but their commits had not finished; `root-checklist sync` will commit them")
                } else if let problem = commits.current.problem {
                    Output.warning("the last change is saved but was not committed (\(problem)); `root-checklist sync` will commit it")
                }
            }
            if let summary { try Output.print(summary) }
            if sync, let shared { syncReporting(shared, operatorName: resolveName?() ?? given, when: "after the walkthrough") }
        }
    }

    /// A sync that fails is said on stderr; the walkthrough goes on with the local state.
    /// Returns a one-line account of it for the walkthrough's message line.
    @discardableResult
    private func syncReporting(_ shared: SharedDirectory, operatorName: String, when: String) -> Flash {
        do {
            let report = try TeamContext.sync(shared, operatorName: operatorName).run()
            report.notices.forEach(Output.warning)
            let lines = SyncCommand.describe(report) + ChangedByBothNotice.afterSync(report.changedAccounts, store: shared.store)
            Output.write(lines.joined(separator: "\n") + "\n", to: STDERR_FILENO)
            // The clash first: an 80-column message line cuts the end.
            if let first = report.clashes.first {
                // `111122223333: root-mfa changed by …; bob's later change kept (time), both are in the history`
                // without the account and the tail, so it fits the line.
                var short = Substring(first)
                if short.prefix(14).dropLast(2).allSatisfy(\.isNumber), short.dropFirst(12).hasPrefix(": ") { short = short.dropFirst(14) }
                if let cut = short.indices.first(where: { short[$0...].hasPrefix(" (") }) { short = short[..<cut] }
                let more = report.clashes.count > 1 ? " (+\(report.clashes.count - 1) more, shown when you quit)" : ""
                return Flash("Synced: \(short)\(more)", .info)
            }
            return Flash("Synced: received \(report.received) commit\(report.received == 1 ? "" : "s"), sent \(report.sent).", .success)
        } catch {
            Output.warning("sync \(when) failed: \(error)")
            return Flash("Sync failed (working on the local state): \(error)", .error)
        }
    }
}
