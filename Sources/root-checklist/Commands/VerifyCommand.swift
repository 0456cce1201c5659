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
        abstract: "Check the account against AWS with the AWS CLI and record the results (exit 3 when a check fails).",
        discussion: """
            First confirms with `aws sts get-caller-identity` that the credentials belong to ACCOUNT_ID. \
            Results (pass, fail, unknown, not-applicable) are saved on the items; an operator's status is never changed. \
            With --from DIR the replies are read from files saved earlier, one per call: \
            \(AWSCall.fixed.map(\.fileName).joined(separator: ", ")) \
            (a failed call's stderr may be saved as NAME.error).
            """
    )

    @Argument(help: "The AWS account id (12 digits; dashes or spaces as the console shows them are fine).", transform: accountIDArgument)
    var accountID: String

    @OptionGroup var aws: AWSOptions

    @Option(help: ArgumentHelp("Read saved replies from this directory instead of calling AWS.", valueName: "dir"))
    var from: String?

    @Option(help: "Seconds to wait for each AWS CLI call.")
    var timeout: Int = 20

    @Option(help: "Checklist id or path, when the account uses one that is not bundled.")
    var checklist: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout takes 1 to 600 seconds.") }
        if from != nil && aws.profile != nil { throw ValidationError("--from reads saved files; --profile does not apply.") }
    }

    func run() throws {
        try reportingFailures {
            let store = global.store
            guard store.exists(accountID) else { throw ModelError.accountNotFound(id: accountID, directory: store.directory.path) }
            if let from {
                var isDirectory = false
                guard FileManager.default.fileExists(atPath: from, isDirectory: &isDirectory), isDirectory else {
                    throw Failure("--from \(from) is not a directory of saved replies")
                }
            }
            // Ctrl-C, SIGTERM or SIGHUP end the running aws call and its children, and nothing is saved.
            SignalFlag.install()
            var cli = CLIReplies(profile: aws.profile, region: aws.region, timeout: TimeInterval(timeout))
            cli.cancelled = { SignalFlag.pending != nil }
            let source: ReplySource = from.map { FileReplies(directory: URL(fileURLWithPath: $0)) } ?? cli
            let lock = try store.lock(accountID, purpose: "\(global.by), root-checklist verify", wait: 3)
            var state = try store.load(accountID)
            let definition = try ChecklistCatalog.forAccount(state, option: checklist)
            let now = Timestamp.now()
            let run = Result { () throws(VerifyError) in try Verifier(source: source, region: aws.region).verify(state: state, checklist: definition, now: now) }
            if let signal = SignalFlag.pending {
                Output.error("interrupted: the running AWS call was stopped and nothing was saved")
                throw ExitCode(128 + signal)
            }
            let outcome = try run.get()
            let results = outcome.results
            let by = global.by
            if let detected = outcome.detected {
                try state.editAccount(AccountState.AccountEdit(kind: detected.kind, organizationId: detected.organizationId,
                                                               managementAccountId: detected.managementAccountId,
                                                               rootCredentials: detected.rootCredentials), by: by, at: now)
            }
            for check in results { state.recordCheck(check.result, item: check.itemID, by: by) }
            try store.save(state, lock: lock)
            try Output.print(VerifyReport.render(state: state, checklist: definition, results: results, source: source.source))
            // Exit 3 when AWS contradicts the account: a failing check or a done item it refutes.
            let failed = results.contains { $0.result.outcome == .fail }
            if failed || !AccountProgress(state: state, checklist: definition).contradictions.isEmpty { throw ExitCode(3) }
        }
    }
}

/// What `verify` prints: one line per check, then any contradictions.
enum VerifyReport {
    static func render(state: AccountState, checklist: Checklist, results: [Verifier.ItemCheck],
                       source: CheckSource) -> String {
        var lines = ["Checked account \(state.account.id) (\(source == .file ? "saved replies" : "AWS CLI"), \(StatusStyle.date(Timestamp.now()))):"]
        lines += DisplayWidth.wrap("Kind: \(AccountKindText.describe(state.account))", columns: 80)
        for check in results {
            let (itemID, result) = (check.itemID, check.result)
            let head = "  " + DisplayWidth.pad(result.outcome.rawValue.uppercased(), columns: 15) + itemID
            lines.append(head)
            for line in DisplayWidth.wrap(result.reason, columns: 74) { lines.append("      " + line) }
        }
        let progress = AccountProgress(state: state, checklist: checklist, asOf: Timestamp.now())
        for entry in progress.contradictions {
            lines += DisplayWidth.wrap("! \(entry.item.id) is marked done, but its AWS check failed: the summary flags it.", columns: 80)
        }
        lines.append("Results saved; run `root-checklist summary \(state.account.id)` for the full picture.")
        return lines.joined(separator: "\n") + "\n"
    }
}
