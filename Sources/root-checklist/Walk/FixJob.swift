import AWSChecks
import ChecklistModel
import ChecklistStore
import ChecklistUI
import Dispatch
import Synchronization
import SystemImports
import WalkRuntime

/// `F` in the walkthrough: the plan read and the calls made off the UI loop, answers posted to the
/// inbox. The plan is kept here between the two (the screen only shows its lines).
final class FixJob: Sendable {
    private let plans = Mutex<[String: FixPlan]>([:])

    private static func key(_ accountID: String, _ itemID: String) -> String { accountID + "/" + itemID }

    /// Reads what AWS holds and makes the plan; answered with `fixPlanned` or `fixRefused`.
    func plan(session: Session, itemID: String, values: [String: String], aws: AWSSettings, by: String, inbox: Inbox) {
        let state = session.state
        guard let item = session.checklist.item(itemID) else { return }
        DispatchQueue.global().async { [self] in
            let cli = CLIReplies(profile: aws.profile, region: aws.region, timeout: 30)
            do throws(FixError) {
                let caller = try Fixes.caller(for: state, replies: cli, region: aws.region)
                let reach: FixReach = { access in
                    MemberRoute.source(access: access, accountID: state.account.id, management: cli, deadline: Date().addingTimeInterval(300))
                }
                let plan = try Fixes.plan(item: item, state: state, values: values, caller: caller, replies: cli, region: aws.region,
                                          reach: reach, by: by)
                plans.withLock { $0[Self.key(state.account.id, itemID)] = plan }
                inbox.post(.fixPlanned(FixProposal(accountID: state.account.id, itemID: itemID, lines: plan.lines, calls: plan.steps.count)))
            } catch {
                inbox.post(.fixRefused(accountID: state.account.id, itemID: itemID, reason: error.description))
            }
        }
    }

    /// Makes the calls of the plan last made for the item, then checks it again; answered with `fixFinished`.
    /// `session` is the account as the walkthrough holds it now (what the re-check compares with).
    func run(session: Session, itemID: String, aws: AWSSettings, by: String, store: StateStore, inbox: Inbox) {
        let accountID = session.state.account.id
        guard let plan = plans.withLock({ $0.removeValue(forKey: Self.key(accountID, itemID)) }) else {
            inbox.post(.fixRefused(accountID: accountID, itemID: itemID, reason: "the plan is gone: press F again"))
            return
        }
        DispatchQueue.global().async {
            let cli = CLIReplies(profile: aws.profile, region: aws.region, timeout: 30)
            let given: MemberAccess? = aws.access == .ambient ? nil : aws.access
            let (record, recheck) = FixApplication.attempt(plan, snapshot: session.state, checklist: session.checklist, cli: cli,
                                                           given: given, by: by, at: Timestamp.now())
            var notKept: String?
            if let verification = recheck.verification, recheck.result != nil {
                // Kept before the answer is recorded, as v does: the walkthrough's save makes this run the item's latest.
                verification.keep(recorded: (try? store.load(accountID)) ?? session.state, in: store, warn: { notKept = $0 })
            }
            defer { if let notKept { inbox.post(.notice("The fix is recorded; " + notKept)) } }
            inbox.post(.fixFinished(accountID: accountID, itemID: itemID,
                                    FixOutcome(record: record, evidence: record.completed ? plan.evidence : [:],
                                               verification: recheck.result, problem: recheck.problem,
                                               next: record.completed ? plan.pending : nil)))
        }
    }
}
