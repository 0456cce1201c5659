import ProcessSupport
import AWSChecks
import ChecklistModel
import ChecklistStore
import CursesTerminal
import Dispatch
import Synchronization
import SystemImports

/// `verify` over many accounts from the management account: each one reached as `access` says,
/// checked by a bounded number of workers, and saved the moment its results arrive, so a run
/// killed at any point loses nothing already checked.
struct FleetVerify: Sendable {
    let store: StateStore
    let access: MemberAccess
    /// The operator's own (management account's) live source, opened once for the run.
    let management: any LiveReplies
    let timeout: TimeInterval
    let jobs: Int
    let by: String
    let checklistOption: String?
    /// The management account's answers every member shares (its organization trail), asked once.
    let shared = SharedReplies()
    /// The account the run's own credentials belong to: checked with them, never through a role
    /// into itself nor with its own id as `--account-id` (which AWS refuses).
    var callerAccount: String?

    /// One account's end of the run.
    struct Outcome: Sendable {
        var id: String
        var alias: String?
        var counts: [CheckOutcome: Int] = [:]
        /// The items whose check failed, in the checklist's order.
        var failing: [String] = []
        var contradictions = 0
        /// Why the account could not be checked; nothing was saved for it.
        var error: String?
        /// Why the account was not to be checked at all (the way it is reached cannot reach it).
        var skipped: String?
        var failed: Bool { (counts[.fail] ?? 0) > 0 || contradictions > 0 }
    }

    /// Why `access` cannot reach this account, by what the state records of it; nil when it can.
    static func unreachable(_ account: AccountInfo, access: MemberAccess) -> String? {
        guard access != .ambient else { return nil }
        if let status = account.status, status != .active {
            return "the organization lists it as \(status.rawValue), so it cannot be reached"
        }
        if access == .assumeRoot, account.kind == .management || account.managementAccountId == account.id {
            return "assume-root never reaches a management account's own root: run root-checklist verify \(account.id) with its own credentials"
        }
        return nil
    }

    func run(_ ids: [String], progress: FleetProgress) -> [Outcome] {
        WorkerPool.run(count: ids.count, jobs: jobs, label: "verify") { index in
            let outcome = verify(ids[index])
            progress.finished(outcome)
            return outcome
        }.compactMap { $0 }
    }

    /// Checks one account and records the results; every failure becomes the outcome's error.
    func verify(_ id: String) -> Outcome {
        var outcome = Outcome(id: id)
        do {
            let snapshot = try store.load(id)
            outcome.alias = snapshot.account.alias
            let access = id == callerAccount ? .ambient : self.access
            if let reason = Self.unreachable(snapshot.account, access: access) {
                outcome.skipped = reason
                return outcome
            }
            let definition = try ChecklistCatalog.forAccount(snapshot, option: checklistOption)
            // A deadline long enough for the account's calls, throttled ones tried again.
            let source: any ReplySource
            switch MemberRoute.source(access: access, accountID: id, management: management, deadline: Date().addingTimeInterval(timeout * 30),
                                      shared: shared) {
            case .success(let opened): source = opened
            case .failure(let failure):
                outcome.error = "cannot reach the account: \(failure.message)"
                return outcome
            }
            let verification = VerificationRun(source: source, snapshot: snapshot, checklist: definition, region: management.region)
            let checked = try verification.verify()
            if SignalFlag.pending != nil {
                outcome.error = "interrupted: nothing saved for this account"
                return outcome
            }
            // One commit for the whole run (`recordAll` when it ends), not one an account.
            let state = try verification.record(checked, in: store, by: by, command: "verify", commit: false)
            for check in checked.results { outcome.counts[check.result.outcome, default: 0] += 1 }
            outcome.failing = checked.results.filter { $0.result.outcome == .fail }.map(\.itemID)
            outcome.contradictions = AccountProgress(state: state, checklist: definition).contradictions.count
        } catch {
            outcome.error = commandLineMessage(error)
        }
        return outcome
    }
}

/// Progress on stderr: a live line with done/total, failures and an ETA on a terminal; a plain
/// line per account otherwise (logs, cron).
final class FleetProgress: Sendable {
    private struct Counts {
        var done = 0
        var failing = 0
        var unreachable = 0
    }
    private let counts = Mutex(Counts())
    private let total: Int
    private let started = Date()
    private let live: Bool

    init(total: Int) {
        self.total = total
        live = isatty(STDERR_FILENO) == 1
    }

    func finished(_ outcome: FleetVerify.Outcome) {
        let (done, failing, unreachable) = counts.withLock { counts -> (Int, Int, Int) in
            counts.done += 1
            if outcome.error != nil { counts.unreachable += 1 } else if outcome.skipped == nil, outcome.failed { counts.failing += 1 }
            return (counts.done, counts.failing, counts.unreachable)
        }
        let elapsed = Date().timeIntervalSince(started)
        let remaining = done == 0 ? 0 : Int(elapsed / Double(done) * Double(total - done))
        let eta = remaining >= 60 ? "\(remaining / 60)m\(remaining % 60)s" : "\(remaining)s"
        if live {
            let width = 20
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            Output.write("\r[\(bar)] \(done)/\(total) accounts, \(failing) failing, \(unreachable) not checked, ETA \(eta)   "
                         + (done == total ? "\n" : ""), to: STDERR_FILENO)
        } else {
            let what = outcome.error.map { "not checked: \($0)" } ?? outcome.skipped.map { "skipped: \($0)" }
                ?? (outcome.failed ? "checked, failing" : "checked")
            Output.write("verify: \(done)/\(total) \(outcome.id) \(what)\n", to: STDERR_FILENO)
        }
    }
}

/// `--stale-after 12h`: a duration as a whole number and a unit (s, m, h, d or w).
struct StaleAfter: Sendable {
    let seconds: TimeInterval

    init?(_ text: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let unit = text.last, let scale = units[unit], let number = Int(text.dropLast()), number > 0 else { return nil }
        seconds = Double(number) * scale
    }

    /// True when the account's newest recorded check is younger than the duration.
    func isFresh(_ state: AccountState, now: Date) -> Bool {
        guard let newest = state.items.values.compactMap({ $0.check?.at }).max() else { return false }
        return now.timeIntervalSince(newest) < seconds
    }
}
