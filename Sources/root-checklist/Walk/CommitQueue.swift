import ChecklistModel
import ChecklistUI
import ProcessSupport
import Dispatch
import Synchronization
import SystemImports
import TeamState
import WalkRuntime

/// Commits the walkthrough's saves in a shared directory, one after another on a worker thread, so
/// a key never waits for git. The save is already on disk when a commit is queued; each change of
/// the header's status is posted to the walkthrough's inbox.
final class CommitQueue: Sendable {
    private let shared: SharedDirectory
    private let identity: @Sendable () -> SharedDirectory.Identity
    /// Made on the worker at the first commit: it needs git's identity, which is not asked on the start path.
    private let recorder = Mutex<ChangeRecorder?>(nil)
    private let queue = DispatchQueue(label: "root-checklist.commits", qos: .utility)
    private let status = Mutex<(sharing: Sharing, changed: Bool, inbox: Inbox?)>((Sharing(counted: false), false, nil))
    private let group = DispatchGroup()
    /// When the last save was queued: commits start once saves have paused this long, so git's
    /// writes do not share the disk with the fsyncs of the next save (a burst of keys).
    private let lastQueued = Mutex<Double>(0)
    static let quietSeconds = 0.2

    init(shared: SharedDirectory, identity: @escaping @Sendable () -> SharedDirectory.Identity) {
        self.shared = shared
        self.identity = identity
        refreshUnpushed()
    }

    /// Queues the commit of a save; `previous` is the account before it (nil for a new one).
    func enqueue(_ state: AccountState, previous: AccountState?, by: String) {
        update { $0.committing += 1 }
        lastQueued.withLock { $0 = ProcessRunner.monotonicSeconds() }
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            while true {
                let wait = lastQueued.withLock { $0 } + Self.quietSeconds - ProcessRunner.monotonicSeconds()
                guard wait > 0 else { break }
                usleep(useconds_t(wait * 1_000_000))
            }
            var problem: String?
            do {
                try makeRecorder().record(state, previous: previous, by: by)
            } catch {
                problem = "\(error)"
            }
            let unpushed = shared.unpushedCount(background: true)
            update {
                $0.committing -= 1
                $0.problem = problem
                $0.unpushed = unpushed
            }
        }
    }

    /// Counts the commits not pushed yet, off the loop (a git call), after the first frame is drawn:
    /// at start-up git would take the CPU the frame is waiting for.
    func refreshUnpushed() {
        group.enter()
        queue.asyncAfter(deadline: .now() + 0.3) { [self] in
            defer { group.leave() }
            let unpushed = shared.unpushedCount(background: true)
            update { $0.unpushed = unpushed }
        }
    }

    /// Where each later change of the status is posted; a change before it is posted at once.
    func attach(_ inbox: Inbox) {
        status.withLock { value in
            value.inbox = inbox
            if value.changed { inbox.post(.sharing(value.sharing)) }
        }
    }

    /// Waits for queued commits, up to `timeout` seconds; false when some are still running.
    func finish(timeout: Double) -> Bool {
        group.wait(timeout: .now() + timeout) == .success
    }

    /// Commits still waiting after `finish`, and the last failure.
    var current: Sharing { status.withLock { $0.sharing } }

    private func makeRecorder() -> ChangeRecorder {
        recorder.withLock { made in
            if let made { return made }
            var fresh = ChangeRecorder(shared: shared, identity: identity())
            fresh.background = true
            made = fresh
            return fresh
        }
    }

    private func update(_ change: (inout Sharing) -> Void) {
        // Posted under the lock, so the inbox holds the changes in the order they were made.
        status.withLock { value in
            change(&value.sharing)
            value.changed = true
            value.inbox?.post(.sharing(value.sharing))
        }
    }
}
