#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file so that a crash at any instant leaves either the old or the new content.
public enum AtomicFile {
    static func tempPrefix(for target: URL) -> String { ".\(target.lastPathComponent)." }

    /// temp file in the same directory → write → fsync → rename over target → fsync directory.
    public static func write(_ data: Data, to target: URL, mode: mode_t = 0o600) throws {
        let directory = target.deletingLastPathComponent()
        let temp = directory.appendingPathComponent("\(tempPrefix(for: target))\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw ModelError.io(path: target.path, operation: "write", errno: errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0 && fchmod(fd, mode) != 0 { failure = errno }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temp.path, target.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temp.path)
            throw ModelError.io(path: target.path, operation: "save", errno: failure)
        }
        syncDirectory(directory)
    }

    static func syncDirectory(_ directory: URL) {
        let dirFD = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// Removes temp files a killed writer left for `target`. Call only while holding the target's lock.
    static func removeLeftovers(for target: URL) {
        let directory = target.deletingLastPathComponent()
        let prefix = tempPrefix(for: target)
        guard let names = DirectoryListing.names(at: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}
