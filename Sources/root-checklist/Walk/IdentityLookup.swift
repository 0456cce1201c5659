import Dispatch
import Synchronization
import TeamState

/// Asks git who the operator is on another thread, so a shared directory's walkthrough draws its
/// first frame without waiting for git (a `git config` costs as much as the frame); the answer is
/// taken before the first key is handled, when a change could first be recorded.
final class IdentityLookup: Sendable {
    private let answer = Mutex<SharedDirectory.Identity?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ shared: SharedDirectory) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let identity = shared.identity()
            answer.withLock { $0 = identity }
            done.signal()
        }
    }

    /// Git's answer, waiting for it if it has not come yet (git config answers in milliseconds).
    func wait() -> SharedDirectory.Identity {
        if let known = answer.withLock({ $0 }) { return known }
        _ = done.wait(timeout: .now() + 10)
        done.signal()  // later callers do not wait again
        return answer.withLock { $0 } ?? SharedDirectory.Identity()
    }
}
