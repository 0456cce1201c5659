import ChecklistModel
import SystemImports

/// An exclusive lock on one account, held while it is open for writing.
///
/// `flock` is released by the kernel when its holder dies, so a killed process never leaves a
/// stale lock behind; the lock file itself only names the holder for the error message.
public final class AccountLock {
    public let accountID: String
    private var fd: Int32

    init(accountID: String, fd: Int32) {
        self.accountID = accountID
        self.fd = fd
    }

    deinit { release() }

    /// The lock file's descriptor, for a child process that must hold the lock while it runs.
    public var descriptor: Int32 { fd }

    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    /// Takes the lock, retrying until `wait` seconds have passed, or throws `ModelError.locked`.
    static func acquire(accountID: String, path: URL, purpose: String, wait: TimeInterval) throws -> AccountLock {
        let fd = open(path.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0o600)
        guard fd >= 0 else { throw ModelError.io(path: path.path, operation: "open the lock file", errno: errno) }
        // The holder line is written into this file, so it must be one of ours: a regular file with
        // no other name. A hard link planted here would otherwise have its target truncated.
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 else {
            close(fd)
            throw ModelError.refusedOutput(path: path.path, problem: "is not a lock file of this program (not a regular file with a single name)",
                                           fix: "remove it when nothing else is using the state directory, then try again")
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = errno
                close(fd)
                throw ModelError.io(path: path.path, operation: "lock", errno: code)
            }
            if Date() >= deadline {
                let holder = SafeFileRead.contents(of: path, limit: 512, followSymlinks: false)
                    .map { PlainText.sanitizeLine(String(decoding: $0, as: UTF8.self)) } ?? ""
                close(fd)
                throw ModelError.locked(accountID: accountID, holder: holder.isEmpty ? "another process" : holder)
            }
            usleep(20_000)
        }
        let stamp = ISODate.format(Date())
        let text = "pid \(getpid()) (\(purpose), since \(stamp))"
        ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        return AccountLock(accountID: accountID, fd: fd)
    }
}
