import SystemImports

/// Our processes' turn at the shared repository: one commit or sync at a time, so two saves never
/// race for git's index and a sync never merges under a commit. `flock`, so a killed holder
/// leaves nothing to clean up.
final class RepositoryLock {
    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// For git: a git killed along with us finishes holding the lock, so our next commit or sync waits for it.
    var descriptor: Int32 { fd }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    static func acquire(gitDirectory: String, wait: TimeInterval) throws(TeamError) -> RepositoryLock {
        let path = gitDirectory + "/root-checklist.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK, 0o600)
        guard fd >= 0 else {
            throw .git(command: "lock", reason: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .notAFile(path: path)
        }
        let deadline = Date().addingTimeInterval(wait)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(fd)
                throw .git(command: "lock", reason: "another root-checklist is committing or syncing in this directory; try again when it is done")
            }
            usleep(10_000)
        }
        return RepositoryLock(fd: fd)
    }
}

/// The repository's turn, held by a command across its save and its commit. Taken before the
/// account's lock: every command and `sync` take the repository first, then accounts, so none
/// holds an account while it waits for the repository.
public struct RepositoryTurn {
    let lock: RepositoryLock
}
