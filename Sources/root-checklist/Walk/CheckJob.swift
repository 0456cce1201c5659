import AWSChecks
import ChecklistModel
import ChecklistStore
import ChecklistUI
import Dispatch
import Synchronization
import SystemImports
import WalkRuntime

/// One item's AWS check, run off the UI loop so keys, `q` and SIGTERM stay live; its answer is
/// posted to the walkthrough's inbox, and `cancel()` ends the aws call and everything it started.
final class CheckJob: Sendable {
    /// Set by `cancel()`; the answer is posted only while it is false, under the same lock, so a
    /// cancelled check never records a result after the operator was told it did not.
    private let stopped = Atomic<Bool>(false)
    private let posting = Mutex<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let done = Atomic<Bool>(false)

    /// `store`: where the check's replies are kept for the evidence bundle.
    init(session: Session, itemID: String, aws: AWSSettings, store: StateStore, inbox: Inbox) {
        DispatchQueue.global().async { [self] in
            var live = LiveSource.open(aws.backend, profile: aws.profile, region: aws.region, timeout: 15)
            live.cancelled = { [self] in stopped.load(ordering: .relaxed) }
            let answer: Msg
            // Said after the answer: the result is recorded, only the bundle's copy of the replies is missing.
            var notKept: String?
            do {
                // A member is reached from the operator's (management) credentials as `walk` was told,
                // else as remembered for the account (a on its step).
                let remembered = session.state.checkAccess.flatMap(MemberAccess.init(remembered:)) ?? .ambient
                let access = session.state.account.kind == .member ? (aws.access != .ambient ? aws.access : remembered) : .ambient
                let source: any ReplySource
                switch MemberRoute.source(access: access, accountID: session.state.account.id, management: live,
                                          deadline: Date().addingTimeInterval(15 * 10)) {
                case .success(let opened): source = opened
                case .failure(let failure): throw CheckFailureError(failure: .unreachable(access: AWSSettings(access: access).accessText, reason: failure.message))
                }
                let verification = VerificationRun(source: source, snapshot: session.state, checklist: session.checklist,
                                                   region: aws.region, only: [itemID])
                let run = try verification.verify()
                if !run.results.isEmpty, !stopped.load(ordering: .relaxed) {
                    // Kept before the answer is recorded: the walkthrough's save makes this run the item's latest.
                    let recorded = (try? store.load(session.state.account.id)) ?? session.state
                    verification.keep(recorded: recorded, in: store, warn: { notKept = $0 })
                }
                if !run.results.isEmpty {
                    answer = .checkFinished(accountID: session.state.account.id, itemID: itemID, verification: run.verification)
                } else {
                    answer = .checkFailed(.noAutomatedCheck)
                }
            } catch VerifyError.wrongAccount(let expected, let actual) where session.state.account.kind == .member && aws.access == .ambient
                        && session.state.checkAccess == nil {
                answer = .checkFailed(.memberNeedsAccess(expected: expected, actual: actual))
            } catch let error as CheckFailureError {
                answer = .checkFailed(error.failure)
            } catch {
                answer = .checkFailed(.other("\(error)"))
            }
            posting.withLock { cancelled in
                guard !cancelled else { return }
                inbox.post(answer)
                if let notKept { inbox.post(.notice("The check is recorded; " + notKept)) }
            }
            done.store(true, ordering: .releasing)
            finished.signal()
        }
    }

    /// True once the check has answered (or given up after a cancel).
    var isFinished: Bool { done.load(ordering: .acquiring) }

    /// Ends the running call (its whole process group) and waits a moment for the worker to notice.
    func cancel() {
        posting.withLock { $0 = true }
        stopped.store(true, ordering: .relaxed)
        _ = finished.wait(timeout: .now() + 3)
    }
}

/// The AWS CLI settings the walkthrough's checks use (`walk --profile --region --role-name --assume-root`).
struct AWSSettings: Sendable, Equatable {
    var profile: String?
    var region: String?
    /// How a member account is reached from the operator's credentials; other kinds use them as they are.
    var access: MemberAccess = .ambient
    /// How `v` asks AWS; the native client unless the account's profile needs the CLI.
    var backend: AWSBackend = .native

    var accessText: String {
        switch access {
        case .ambient: "itself"
        case .role(let name): "role \(name)"
        case .assumeRoot: "assume-root"
        }
    }
}

/// A failure the job already knows the kind of, thrown out of the check's body.
struct CheckFailureError: Error {
    var failure: CheckFailure
}

extension MemberAccess {
    /// The way in an account remembers (`role:NAME`, `assume-root`); nil for anything else.
    init?(remembered text: String) {
        // A file may hold anything (a hand edit, a teammate's push): only the spellings the form writes are used.
        guard let canonical = try? AccountState.validatedCheckAccess(text), canonical == text else { return nil }
        if canonical == "assume-root" { self = .assumeRoot; return }
        self = .role(String(canonical.dropFirst(5)))
    }
}
