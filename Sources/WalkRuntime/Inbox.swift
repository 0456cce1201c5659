import ChecklistUI
import Synchronization
import SystemImports

/// Where workers (a check, a commit, a lookup) leave their answers: each post also writes a byte to
/// a pipe, so the loop's one `poll` wakes for an answer as it does for a key, not at its next turn.
public final class Inbox: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32
    private let messages = Mutex<[Msg]>([])

    public init() throws(InboxUnavailable) {
        var ends: [Int32] = [-1, -1]
        // pipe2 is not in Swift's Glibc module: the same flags, set one by one before any thread can fork.
        guard pipe(&ends) == 0 else { throw InboxUnavailable(errno: errno) }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// The descriptor that becomes readable when something was posted.
    public var descriptor: Int32 { readEnd }
    /// The descriptor a signal handler writes to (write(2) is async-signal-safe).
    public var wakeDescriptor: Int32 { writeEnd }

    /// Leaves a message for the loop; safe from any thread.
    public func post(_ msg: Msg) {
        messages.withLock { $0.append(msg) }
        wake()
    }

    /// Wakes the loop with nothing to read (a full pipe already wakes it, so EAGAIN is fine).
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Everything posted since last asked, oldest first; the pipe is emptied first so a post that
    /// lands during this call wakes the next poll instead of being lost.
    public func take() -> [Msg] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readEnd, &buffer, buffer.count) > 0 {}
        return messages.withLock { queued in
            defer { queued.removeAll() }
            return queued
        }
    }
}

/// The pipe could not be made (out of descriptors).
public struct InboxUnavailable: Error, CustomStringConvertible {
    public var errno: Int32
    public var description: String { "cannot start the walkthrough: no pipe for its workers (\(String(cString: strerror(errno))))" }
}
