import AWSChecks
import ChecklistModel
import ChecklistStore
import SystemImports

/// A confirmed plan carried out, the same for one account and for a fleet: the calls, the re-check,
/// and one change of the account as it is now holding the evidence (only when every call succeeded),
/// the fix and the check; the re-check's replies are kept for the evidence bundle.
struct FixApplication {
    var record: FixRecord
    var recheck: FixRecheck
    var state: AccountState

    /// `commit` false: saved only (a fleet run commits once at its end).
    init(_ plan: FixPlan, snapshot: AccountState, checklist: Checklist, cli: CLIReplies, given: MemberAccess?, store: StateStore,
         by: String, commit: Bool = true) throws {
        let now = Timestamp.now()
        let (record, recheck) = Self.attempt(plan, snapshot: snapshot, checklist: checklist, cli: cli, given: given, by: by, at: now)
        self.record = record
        state = try AccountTransaction.update(snapshot.account.id, in: store, by: by, command: "fix", wait: 10, commit: commit) { state in
            if record.completed { try state.setEvidence(plan.evidence, item: plan.itemID, checklist: checklist, by: by, at: now) }
            try state.recordFix(record, item: plan.itemID, checklist: checklist, by: by, at: now)
            if let result = recheck.result { try state.record(result, by: by, at: now) }
        }
        self.recheck = recheck
        if let verification = recheck.verification, recheck.result != nil { verification.keep(recorded: state, in: store) }
    }

    /// The calls, then the item checked again against the account as it will be recorded (with the
    /// fix's evidence): what `fix` records here and `F` hands to the walkthrough to record.
    static func attempt(_ plan: FixPlan, snapshot: AccountState, checklist: Checklist, cli: CLIReplies, given: MemberAccess?, by: String,
                        at now: Date) -> (record: FixRecord, recheck: FixRecheck) {
        let record = FixRunner.run(plan, with: CLIFixCalls(cli: cli))
        var checked = snapshot
        if record.completed { try? checked.setEvidence(plan.evidence, item: plan.itemID, checklist: checklist, by: by, at: now) }
        return (record, FixRecheck(plan: plan, record: record, checked: checked, checklist: checklist, cli: cli, given: given, at: now))
    }

    /// The re-check's result for the item, when it ran.
    func result(_ itemID: String) -> CheckResult? { recheck.result?.result(itemID) }

    /// The first call that failed: its number and AWS's words.
    var failure: (number: Int, message: String)? {
        for (index, call) in record.calls.enumerated() { if case .failed(let message) = call.outcome { return (index + 1, message) } }
        return nil
    }
}
