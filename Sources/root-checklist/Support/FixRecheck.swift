import AWSChecks
import ChecklistModel
import SystemImports

/// After a fix's calls: the item checked again against AWS, the same for `fix` and `F` in the
/// walkthrough. A member fixed from its management account is read in its own view (a role or
/// assume-root, as `verify` reaches it); without a way in the re-check is skipped and says why.
struct FixRecheck {
    /// The run that asked AWS (its replies are kept once the result is recorded), and what it found.
    var verification: VerificationRun?
    var run: Result<Verifier.Run, VerifyError>?
    /// Why there was no re-check.
    var problem: String?

    /// `checked` is the account as it will be recorded (with the fix's evidence); `given` the way in
    /// the operator named, if any.
    init(plan: FixPlan, record: FixRecord, checked: AccountState, checklist: Checklist, cli: CLIReplies, given: MemberAccess?, at: Date) {
        guard record.completed else {
            problem = "the fix stopped before its end"
            return
        }
        if let pending = plan.pending {
            problem = pending
            return
        }
        var source: any ReplySource = cli
        if case .management = plan.caller {
            let remembered = checked.checkAccess.flatMap(MemberAccess.init(remembered:)) ?? .ambient
            let access = given ?? (remembered != .ambient ? remembered : plan.recheck ?? .ambient)
            guard access != .ambient else {
                problem = "the re-check reads the member's own view: give --role-name ROLE or --assume-root (or set Checked through on the account)"
                return
            }
            switch MemberRoute.source(access: access, accountID: checked.account.id, management: cli, deadline: Date().addingTimeInterval(300)) {
            case .success(let opened): source = opened
            case .failure(let failure):
                problem = "cannot reach the member for the re-check: \(failure.message)"
                return
            }
        }
        let verification = VerificationRun(source: source, snapshot: checked, checklist: checklist, region: cli.region, only: [plan.itemID], at: at)
        self.verification = verification
        run = Result { () throws(VerifyError) in try verification.verify() }
        if case .failure(let error)? = run { problem = "the re-check could not run: \(error)" }
    }

    /// The re-check's results, when it ran.
    var result: VerificationResult? { if case .success(let outcome)? = run { outcome.verification } else { nil } }
}
