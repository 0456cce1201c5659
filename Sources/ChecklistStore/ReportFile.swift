import ChecklistModel
import SystemImports

/// Where a report file may be written. Only a new file, or an existing regular file
/// that is writable and is not one of the state directory's own, is replaced; names of standard
/// output are written to, not replaced; anything else is refused and left as it was.
public enum ReportFile {
    public enum Destination: Equatable {
        case standardOutput
        /// `expected` is what was checked at the path, so the write replaces only that.
        case file(URL, expected: AtomicFile.Expected)
    }

    /// Names that mean "standard output" to a user.
    static let standardOutputNames: Set<String> = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]

    /// Decides what `path` may be, or throws `ModelError.refusedOutput` saying why not.
    public static func destination(_ path: String, protecting store: StateStore) throws -> Destination {
        if standardOutputNames.contains(path) { return .standardOutput }
        let url = URL(fileURLWithPath: path)
        let shown = PlainText.sanitizeLine(path)
        func refuse(_ problem: String, _ fix: String) -> ModelError { .refusedOutput(path: shown, problem: problem, fix: fix) }

        var parent = stat()
        guard stat(url.deletingLastPathComponent().path, &parent) == 0, (parent.st_mode & S_IFMT) == S_IFDIR else {
            throw refuse("is not in an existing directory", "create the directory first or give another path")
        }
        var stateDirectory = stat()
        if stat(store.directory.path, &stateDirectory) == 0 && stateDirectory.st_dev == parent.st_dev && stateDirectory.st_ino == parent.st_ino {
            throw refuse("is in the state directory, where only state files belong", "write the report somewhere else")
        }
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return .file(url, expected: .absent) }
            throw ModelError.io(path: shown, operation: "inspect", errno: errno)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: throw refuse("is a symbolic link, and reports never replace a link", "give the path of a regular file, or - for standard output")
        default: throw refuse("is not a regular file (a device, FIFO, socket or directory)", "give the path of a regular file, or - for standard output")
        }
        if info.st_mode & 0o222 == 0 || (geteuid() != 0 && access(url.path, W_OK) != 0) {
            throw refuse("is read-only", "make it writable or give another path")
        }
        if try isStateFile(dev: info.st_dev, ino: info.st_ino, store: store) {
            throw refuse("is a state file (another name of one in \(store.directory.path))", "write the report somewhere else")
        }
        return .file(url, expected: .file(device: info.st_dev, inode: info.st_ino))
    }

    /// True when the inode is one of the state directory's files (a hard link elsewhere).
    static func isStateFile(dev: dev_t, ino: ino_t, store: StateStore) throws -> Bool {
        guard let names = DirectoryListing.names(at: store.directory.path) else { return false }
        for name in names {
            var info = stat()
            if lstat(store.directory.appendingPathComponent(name).path, &info) == 0 && info.st_dev == dev && info.st_ino == ino {
                return true
            }
        }
        return false
    }
}
