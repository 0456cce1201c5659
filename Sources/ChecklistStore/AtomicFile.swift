import ChecklistModel
import SystemImports

/// Replaces a file so that a crash at any instant leaves either the old or the new content.
public enum AtomicFile {
    /// What a write may replace: nothing (the name must still be free), or the very file that was
    /// checked. Between a check and the rename another process could put something at the name;
    /// this closes that window (a new name is taken with RENAME_NOREPLACE, an existing file is
    /// looked at again just before the rename).
    public enum Expected: Equatable, Sendable {
        case anything
        case absent
        case file(device: dev_t, inode: ino_t)
    }

    /// The temp file of a writer that holds the target's lock. Only one such writer exists at a time,
    /// so the name can be fixed, and a killed writer's leftover is found without listing the
    /// directory (which would make every save cost more as the fleet grows).
    static func lockedTempURL(for target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp")
    }

    /// temp file in the same directory → write → fsync → rename over target → fsync directory.
    /// `holdingLock` says the caller holds the target's lock (see `lockedTempURL`); other writers
    /// get a unique temp name. A file that is replaced keeps its owner, group and read bits (a root
    /// `mark` must not take a user's file away from them); `mode` is for new files, and no one but
    /// the owner ever gets write permission.
    public static func write(_ data: Data, to target: URL, mode: mode_t = 0o600, holdingLock: Bool = false,
                             expecting expected: Expected = .anything) throws {
        let directory = target.deletingLastPathComponent()
        let temp: URL
        if holdingLock {
            temp = lockedTempURL(for: target)
            removeLeftovers(for: target)
        } else {
            temp = directory.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        }
        var existing = stat()
        let replacing = lstat(target.path, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG
        let finalMode = replacing ? (existing.st_mode & 0o644) | 0o600 : mode
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw ModelError.io(path: target.path, operation: "write", errno: errno) }
        var failure = data.withUnsafeBytes { writeAll($0, to: fd) }
        if failure == 0 && replacing && geteuid() == 0 && fchown(fd, existing.st_uid, existing.st_gid) != 0 { failure = errno }
        if failure == 0 && fchmod(fd, finalMode) != 0 { failure = errno }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 { failure = replace(temp.path, with: target.path, expected: expected) }
        if failure != 0 {
            unlink(temp.path)
            throw ModelError.io(path: target.path, operation: "save", errno: failure)
        }
        syncDirectory(directory)
    }

    /// The rename, on the condition `expected` sets; EEXIST when the name changed hands.
    static func replace(_ temp: String, with target: String, expected: Expected) -> Int32 {
        switch expected {
        case .anything:
            return rename(temp, target) == 0 ? 0 : errno
        case .absent:
            guard let renameNoReplace else {
                // Without renameat2 (very old kernels or libcs): link() also refuses an existing name.
                guard link(temp, target) == 0 else { return errno }
                unlink(temp)
                return 0
            }
            return renameNoReplace(AT_FDCWD, temp, AT_FDCWD, target, 1 /* RENAME_NOREPLACE */) == 0 ? 0 : errno
        case .file(let device, let inode):
            var now = stat()
            guard lstat(target, &now) == 0, (now.st_mode & S_IFMT) == S_IFREG, now.st_dev == device, now.st_ino == inode else { return EEXIST }
            return rename(temp, target) == 0 ? 0 : errno
        }
    }

    /// glibc's `renameat2` (2.28 and later), which Swift's Glibc module does not declare.
    private static let renameNoReplace: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    static func syncDirectory(_ directory: URL) {
        let dirFD = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// Removes the temp file a killed writer left for `target`: when the lock is taken (so an
    /// account opened and closed without a change is tidied too) and before each locked save.
    /// Call only while holding the target's lock.
    static func removeLeftovers(for target: URL) {
        unlink(lockedTempURL(for: target).path)
    }
}
