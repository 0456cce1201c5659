import AWSChecks
import ChecklistModel
import ChecklistStore
import ChecklistText
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
    /// How `v` reaches a member account (`--role-name`, `--assume-root`).
    var access: MemberAccess = .ambient

    /// Runs the walkthrough and prints the account's summary once the terminal is restored.
    func run() throws {
        try reportingFailures {
            let environment = Environment.process
            try CursesTerminal.checkAvailable(term: environment["TERM"])
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
            let synced = sync ? shared.map { WalkSync.run($0, operatorName: resolveName?() ?? given, when: "before the walkthrough", onScreen: false) } : nil
            let commits = shared.map { shared in CommitQueue(shared: shared, identity: { lookup?.wait() ?? SharedDirectory.Identity() }) }
            // Shown on the message line when the first key comes, and again once the screen is gone.
            let said = NoticeBox()
            // An alias names the account as everywhere else; an id is taken as it is (a new one is refused as not found).
            let accountID = try account.map { EvidenceValidator.isAccountID($0) ? $0 : try AccountResolver.resolve($0, in: store) }
            let runner = try WalkRunner(store: store, checklistOption: checklist, account: accountID,
                                        ascii: useASCII, color: useColor, operatorName: given,
                                        resolveOperator: resolveName.map { resolve in {
                                            let notice = shared?.loginIdentityNotice(login: Operator.current(explicit: nil, environment: environment))
                                            said.text = notice
                                            return (resolve(), notice)
                                        } },
                                        aws: AWSSettings(profile: profile, region: region, access: access), commits: commits,
                                        shared: shared, message: synced)
            let summary = try runner.run()
            if let notice = said.text { Output.warning(notice) }
            if let commits {
                if !commits.finish(timeout: 20) {
                    Output.warning("some changes are saved but their commits had not finished; `root-checklist sync` will commit them")
                } else if let problem = commits.current.problem {
                    Output.warning("the last change is saved but was not committed (\(problem)); `root-checklist sync` will commit it")
                }
            }
            // With --sync the summary is the account as the final sync left it, not as this session last saw it.
            if sync, let shared {
                WalkSync.run(shared, operatorName: resolveName?() ?? given, when: "after the walkthrough", onScreen: false)
                if let (id, checklist) = runner.openAccount, let synced = try? store.load(id) {
                    let progress = AccountProgress(state: synced, checklist: checklist, asOf: Timestamp.now())
                    try Output.print(SummaryText.account(progress, width: 80, style: StatusStyle(ascii: useASCII)))
                    return
                }
            }
            if let summary { try Output.print(summary) }
        }
    }
}

/// What the walkthrough said once on its message line, to say again on stderr when it ends.
private final class NoticeBox {
    var text: String?
}
