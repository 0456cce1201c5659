import ArgumentParser
import AWSChecks
import ChecklistModel
import ChecklistStore
import ChecklistText
import ProcessSupport
import Synchronization
import SystemImports

/// `fix --all ITEM`: every account the item applies to planned first from what AWS holds, the whole
/// plan shown, one confirmation (the number of accounts typed), then each account fixed, checked
/// again and recorded the moment it is done, so a run stopped at any point keeps every finished
/// account and a second run does only what is still needed.
struct FleetFix {
    let command: FixCommand

    /// One account's plan, or why it has none.
    enum Planned: Sendable {
        case plan(FixPlan, AccountState, Checklist)
        case nothingToDo
        case skipped(String)
    }

    func run(itemID: String) throws {
        // The values are checked once, before any account is read: a misspelt key is an error, not a skip in every account.
        let known = try ChecklistCatalog.resolve(command.checklist)
        guard let item = known.item(itemID) ?? ChecklistCatalog.bundled.lazy.compactMap({ $0.item(itemID) }).first else {
            throw ModelError.unknownItem(id: itemID, known: known.items.map(\.id))
        }
        let values = try FixCommand.given(command.values, for: item)
        let store = command.global.store
        let ids = try store.accountIDs().sorted()
        guard !ids.isEmpty else { throw Failure("no accounts are tracked here: add them first (import --organization)") }
        SignalFlag.install()
        var configured = CLIReplies(profile: command.aws.profile, region: command.aws.region, timeout: 30)
        configured.cancelled = { SignalFlag.pending != nil }
        let cli = configured
        let callerAccount = try Fixes.callerAccount(cli, region: command.aws.region)
        let by = command.global.by
        let plans = WorkerPool.run(count: ids.count, jobs: command.jobs, label: "fix-plan") { index in
            Self.plan(ids[index], itemID: itemID, store: store, cli: cli, callerAccount: callerAccount, values: values,
                      checklistOption: command.checklist, by: by)
        }
        if let signal = SignalFlag.pending {
            Output.error("interrupted while planning: nothing was changed")
            throw ExitCode(128 + signal)
        }
        var planned: [(FixPlan, AccountState, Checklist)] = []
        var lines = ["Fix \(PlainText.sanitizeLine(itemID)) across \(ids.count) account\(ids.count == 1 ? "" : "s"), as account \(callerAccount):"]
        for (id, outcome) in zip(ids, plans) {
            switch outcome {
            case .plan(let plan, let state, let checklist)?:
                planned.append((plan, state, checklist))
                lines.append("  \(id): \(plan.steps.count) call\(plan.steps.count == 1 ? "" : "s") — \(PlainText.sanitizeLine(plan.now))")
                for step in plan.steps {
                    lines.append("      aws " + PlainText.sanitizeLine(step.shown))
                }
            case .nothingToDo?: lines.append("  \(id): nothing to change")
            case .skipped(let reason)?: lines.append("  \(id): skipped: \(PlainText.sanitizeLine(reason))")
            case nil: lines.append("  \(id): not planned")
            }
        }
        let toFix = planned
        let calls = toFix.reduce(0) { $0 + $1.0.steps.count }
        lines.append("\(toFix.count) account\(toFix.count == 1 ? "" : "s") to change (\(calls) call\(calls == 1 ? "" : "s")); undo steps are in each account's `fix ACCOUNT \(itemID) --dry-run`.")
        try Output.print(lines.joined(separator: "\n") + "\n")
        guard !toFix.isEmpty else {
            try Output.print("Nothing to change.\n")
            return
        }
        if command.dryRun {
            try Output.print("Nothing was changed (--dry-run).\n")
            return
        }
        if !command.yes { try confirm(count: toFix.count) }
        let given: MemberAccess? = command.member.given ? command.member.access : nil
        let printing = Mutex(())
        let results = WorkerPool.run(count: toFix.count, jobs: command.jobs, label: "fix") { index in
            let (plan, snapshot, checklist) = toFix[index]
            let line: String
            var outcome = 0
            do {
                let applied = try FixApplication(plan, snapshot: snapshot, checklist: checklist, cli: cli, given: given, store: store,
                                                 by: by, commit: false)
                if let failure = applied.failure {
                    line = "\(plan.accountID): stopped at call \(failure.number) (recorded): \(PlainText.sanitizeLine(failure.message))"
                    outcome = 1
                } else if let next = plan.pending {
                    line = "\(plan.accountID): started; next: \(PlainText.sanitizeLine(next))"
                } else if let result = applied.result(plan.itemID) {
                    line = "\(plan.accountID): done; AWS check \(result.outcome.rawValue): \(PlainText.sanitizeLine(result.reason))"
                    outcome = result.outcome == .pass ? 0 : 3
                } else {
                    line = "\(plan.accountID): done, not checked again: \(PlainText.sanitizeLine(applied.recheck.problem ?? "no re-check"))"
                    outcome = 3
                }
            } catch {
                line = "\(plan.accountID): not recorded: \(commandLineMessage(error))"
                outcome = 1
            }
            printing.withLock { _ in Output.write(line + "\n", to: STDOUT_FILENO) }
            return outcome
        }
        let finished = results.compactMap { $0 }
        TeamContext.recordAll(message: "\(itemID) fixed in \(finished.count) account\(finished.count == 1 ? "" : "s") (fix --all)", by: by, store: store)
        command.global.noticeLoginIdentity()
        if let signal = SignalFlag.pending {
            Output.error("interrupted: \(finished.count) of \(toFix.count) accounts were fixed and recorded; the rest were not touched")
            throw ExitCode(128 + signal)
        }
        if finished.contains(1) { throw ExitCode(1) }
        if finished.contains(3) { throw ExitCode(3) }
    }

    static func plan(_ id: String, itemID: String, store: StateStore, cli: CLIReplies, callerAccount: String, values given: [String: String],
                     checklistOption: String?, by: String) -> Planned {
        do {
            let state = try store.load(id)
            let checklist = try ChecklistCatalog.forAccount(state, option: checklistOption)
            guard let item = checklist.item(itemID) else { return .skipped("its checklist has no item \(itemID)") }
            if let reason = AccountProgress(state: state, checklist: checklist).entry(itemID)?.notApplicableReason {
                return .skipped("does not apply: \(reason)")
            }
            let caller = try Fixes.caller(for: state, account: callerAccount)
            let reach: FixReach = { access in
                MemberRoute.source(access: access, accountID: id, management: cli, deadline: Date().addingTimeInterval(300))
            }
            // Many accounts read at once: a throttled read is tried again, as verify --all does.
            let replies = RetryingReplies(cli, deadline: Date().addingTimeInterval(cli.timeout * 30))
            let plan = try Fixes.plan(item: item, state: state, values: given, caller: caller, replies: replies, region: cli.region,
                                      reach: reach, by: by)
            return plan.steps.isEmpty ? .nothingToDo : .plan(plan, state, checklist)
        } catch {
            return .skipped(commandLineMessage(error))
        }
    }

    /// The number of accounts typed at the terminal; anything else changes nothing.
    func confirm(count: Int) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw Failure("nothing was changed: confirming needs a terminal; read the plan with --dry-run and run again with --yes in scripts")
        }
        Output.write("Type the number of accounts to change (\(count)) to make these calls, anything else to stop: ", to: STDERR_FILENO)
        guard (readLine(strippingNewline: true) ?? "").trimmingSpaces() == String(count) else {
            throw Failure("not confirmed: nothing was changed")
        }
    }
}
