import ProcessSupport
import AWSChecks
import ArgumentParser
import ChecklistModel
import ChecklistText
import CursesTerminal
import SystemImports

/// Checks an account against AWS and records the results next to the operator's attestations.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the account against AWS and record the results (exit 3 when a check fails).",
        discussion: """
            AWS is asked by the built-in client (--backend native, the default) or by the AWS CLI, a process a call \
            (--backend cli), with the credentials the CLI would use; the first line of the output says which answered. \
            First confirms with `sts get-caller-identity` that the credentials belong to ACCOUNT_ID. \
            Results (pass, fail, unknown, not-applicable) are saved on the items; an operator's status is never changed. \
            With --from DIR the replies are read from files saved earlier, one per call: \
            \(AWSCall.fixed.map(\.fileName).joined(separator: ", ")) \
            (a failed call's stderr may be saved as NAME.error).
            """
    )

    @Argument(help: ArgumentHelp("The AWS account ids (12 digits; dashes or spaces as the console shows them are fine) or aliases.",
                                 valueName: "account"), transform: accountArgument)
    var accounts: [String] = []

    @Flag(help: "Check every tracked account (from the management account: see --role-name and --assume-root).")
    var all = false

    @OptionGroup var member: MemberAccessOptions

    @Option(help: "Accounts checked at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Skip accounts whose last check is more recent than this: 30m, 12h, 7d.", valueName: "duration"))
    var staleAfter: String?

    @OptionGroup var aws: AWSOptions

    @Option(help: ArgumentHelp("Read saved replies from this directory instead of calling AWS.", valueName: "dir"))
    var from: String?

    @Option(help: "Seconds to wait for each AWS call.")
    var timeout: Int = 20

    @Option(help: "How AWS is asked: native (the built-in client) or cli (the aws command, a process per call).")
    var backend: AWSBackend = .native

    @Option(help: "Checklist id or path, when the account uses one that is not bundled.")
    var checklist: String?

    @OptionGroup var global: GlobalOptions

    /// Several accounts, or the options that only make sense for a fleet.
    var isFleet: Bool { all || accounts.count > 1 || member.given || staleAfter != nil }

    func validate() throws {
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout takes 1 to 600 seconds.") }
        if from != nil && aws.profile != nil { throw ValidationError("--from reads saved files; --profile does not apply.") }
        if all == !accounts.isEmpty { throw ValidationError("Give account ids (or aliases) or --all.") }
        if isFleet && from != nil { throw ValidationError("--from reads one account's saved replies: give one account id without fleet options.") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs takes 1 to 64.") }
        if let staleAfter, StaleAfter(staleAfter) == nil {
            throw ValidationError("--stale-after takes a whole number and a unit: 90s, 30m, 12h, 7d or 2w.")
        }
    }

    /// Records a verification in the state: the detected kind and each check's result.
    func run() throws {
        // `accounts` holds ids and aliases as given; each is resolved once the state directory is known.
        if isFleet { return try runFleet() }
        try reportingFailures {
            let store = global.store
            let accountID = try AccountResolver.resolve(accounts[0], in: store)
            guard TeamContext.accountExists(accountID, in: store) else { throw ModelError.accountNotFound(id: accountID, directory: store.directory.path) }
            if let from {
                var isDirectory = false
                guard FileManager.default.fileExists(atPath: from, isDirectory: &isDirectory), isDirectory else {
                    throw Failure("--from \(from) is not a directory of saved replies")
                }
            }
            // Ctrl-C, SIGTERM or SIGHUP end the running aws call and its children, and nothing is saved.
            SignalFlag.install()
            let source: ReplySource
            let via: String
            if let from {
                // Saved replies: nothing of the live setup runs (no credential process, no sign-in, no role).
                source = FileReplies(directory: URL(fileURLWithPath: from))
                via = "the replies saved in \(from)"
            } else {
                var live = LiveSource.open(backend, profile: aws.profile, region: aws.region, timeout: TimeInterval(timeout))
                live.cancelled = { SignalFlag.pending != nil }
                // The account's own credentials take calls at once: the ones every run asks go out together.
                source = PrefetchedReplies(live, region: aws.region)
                via = live.description
            }
            let by = global.by
            // AWS is asked without holding the account: a walkthrough or a mark may go on meanwhile,
            // and the result is recorded into the file as it is then, under its lock.
            let snapshot = try store.load(accountID)
            let definition = try ChecklistCatalog.forAccount(snapshot, option: checklist)
            let verification = VerificationRun(source: source, snapshot: snapshot, checklist: definition, region: aws.region)
            let run = Result { () throws(VerifyError) in try verification.verify() }
            if let signal = SignalFlag.pending {
                Output.error("interrupted: the running AWS call was stopped and nothing was saved")
                throw ExitCode(128 + signal)
            }
            let outcome = try run.get()
            let results = outcome.results
            let state = try verification.record(outcome, in: store, by: by, command: "verify")
            try Output.print(VerifyReport.render(state: state, checklist: definition, results: results,
                                                via: via))
            // Exit 3 when AWS contradicts the account: a failing check or a done item it refutes.
            let failed = results.contains { $0.result.outcome == .fail }
            if failed || !AccountProgress(state: state, checklist: definition).contradictions.isEmpty { throw ExitCode(3) }
        }
    }
}

extension VerifyCommand {
    /// Many accounts: each checked and saved on its own, a line each at the end, totals, exit 0/3/1.
    func runFleet() throws {
        let code: Int32 = try reportingFailures {
            let store = global.store
            var ids = all ? try store.accountIDs() : try accounts.map { try AccountResolver.resolve($0, in: store) }
            for id in ids where !TeamContext.accountExists(id, in: store) { throw ModelError.accountNotFound(id: id, directory: store.directory.path) }
            let now = Timestamp.now()
            var fresh: [String] = []
            if let staleAfter = staleAfter.flatMap(StaleAfter.init) {
                fresh = ids.filter { id in (try? store.load(id)).map { staleAfter.isFresh($0, now: now) } ?? false }
                ids.removeAll { fresh.contains($0) }
            }
            SignalFlag.install()
            let access = member.access
            let by = global.by
            var live = LiveSource.open(backend, profile: aws.profile, region: aws.region, timeout: TimeInterval(timeout))
            live.cancelled = { SignalFlag.pending != nil }
            var fleet = FleetVerify(store: store, access: access, management: live, timeout: TimeInterval(timeout), jobs: jobs, by: by,
                                    checklistOption: checklist)
            if access != .ambient, !ids.isEmpty, case .success(let identity) = live.reply(.callerIdentity, region: aws.region) {
                fleet.callerAccount = identity["Account"]?.string.flatMap { EvidenceValidator.isAccountID($0) ? $0 : nil }
            }
            let outcomes = fleet.run(ids, progress: FleetProgress(total: ids.count)).sorted { $0.id < $1.id }
            let checked = outcomes.filter { $0.error == nil && $0.skipped == nil }.count
            if checked > 0 {
                TeamContext.recordAll(message: "AWS checks of \(checked) account\(checked == 1 ? "" : "s") recorded (verify)", by: by, store: store)
            }
            try Output.print(FleetReport.render(outcomes, skipped: fresh.count, staleAfter: staleAfter, planned: ids.count, via: live.description))
            if let signal = SignalFlag.pending {
                Output.error("interrupted: \(outcomes.filter { $0.error == nil }.count) accounts were checked and saved; the rest were not")
                return 128 + signal
            }
            if outcomes.contains(where: { $0.error != nil }) { return 1 }
            return outcomes.contains(where: \.failed) ? 3 : 0
        }
        if code != 0 { throw ExitCode(code) }
    }
}

/// What a fleet `verify` prints: a line per account, then the totals.
enum FleetReport {
    static func render(_ outcomes: [FleetVerify.Outcome], skipped: Int, staleAfter: String?, planned: Int, via: String) -> String {
        var lines: [String] = ["Asked AWS through \(via)."]
        for outcome in outcomes {
            let name = outcome.alias.map { " (\(PlainText.sanitizeLine($0)))" } ?? ""
            if let error = outcome.error {
                lines.append("\(outcome.id)\(name): NOT CHECKED: \(PlainText.sanitizeLine(error))")
                continue
            }
            if let reason = outcome.skipped {
                lines.append("\(outcome.id)\(name): skipped: \(reason)")
                continue
            }
            let parts = [CheckOutcome.pass, .fail, .unknown, .notApplicable].compactMap { kind in
                outcome.counts[kind].map { "\($0) \(kind.rawValue)" }
            }
            let flag = outcome.contradictions > 0 ? ", \(outcome.contradictions) done item(s) contradicted" : ""
            let failing = outcome.failing.isEmpty ? "" : "; failing: \(outcome.failing.joined(separator: ", "))"
            lines.append("\(outcome.id)\(name): \(parts.joined(separator: ", "))\(flag)\(failing)")
        }
        let unreachable = outcomes.filter { $0.error != nil }.count
        let passedOver = outcomes.filter { $0.skipped != nil }.count
        let failing = outcomes.filter { $0.error == nil && $0.skipped == nil && $0.failed }.count
        var totals = "Checked \(outcomes.count - unreachable - passedOver) of \(planned) accounts: \(failing) with a failing check or contradiction"
        if unreachable > 0 { totals += ", \(unreachable) not checked" }
        if passedOver > 0 { totals += ", \(passedOver) that this way cannot reach skipped" }
        if skipped > 0 { totals += ", \(skipped) skipped (checked within \(staleAfter ?? ""))" }
        lines.append(totals + ".")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// What `verify` prints: one line per check, then any contradictions.
enum VerifyReport {
    static func render(state: AccountState, checklist: Checklist, results: [Verifier.ItemCheck],
                       via: String) -> String {
        var lines = ["Checked account \(state.account.id) (\(StatusStyle.date(Timestamp.now()))), asked through \(via):"]
        lines += DisplayWidth.wrap("Kind: \(AccountKindText.describe(state.account))", columns: 80)
        for check in results {
            let (itemID, result) = (check.itemID, check.result)
            let head = "  " + DisplayWidth.pad(result.outcome.rawValue.uppercased(), columns: 15) + itemID
            lines.append(head)
            for line in DisplayWidth.wrap(result.reason, columns: 74) { lines.append("      " + line) }
        }
        let progress = AccountProgress(state: state, checklist: checklist, asOf: Timestamp.now())
        for entry in progress.contradictions {
            lines += DisplayWidth.wrap("! \(entry.item.id) is \(CheckStandingText.contradictedDetail) "
                                       + "(mark \(state.account.id) \(entry.item.id) done --override-check REASON).", columns: 80)
        }
        for entry in progress.overrides {
            lines += DisplayWidth.wrap("  \(entry.item.id): \(CheckStandingText.detail(entry) ?? "")", columns: 80)
        }
        let failing = results.filter { $0.result.outcome == .fail }.map(\.itemID)
        if !failing.isEmpty { lines += DisplayWidth.wrap("Failing: \(failing.joined(separator: ", ")).", columns: 80) }
        lines.append("Results saved; run `root-checklist summary \(state.account.id)` or `root-checklist findings` for the full picture.")
        return lines.joined(separator: "\n") + "\n"
    }
}
