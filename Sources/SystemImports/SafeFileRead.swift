#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Beside the C library: the store, the checklist loader and the AWS client's config files all read
// files that may be hostile (a FIFO, a device, a symlink where none belongs).

/// Reads a file that may be hostile: only a regular file, never blocking on a FIFO or device,
/// with a size cap so a 100 MB file cannot exhaust memory.
public enum SafeFileRead {
    /// Why nothing was read.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotOpen(errno: Int32)
        case notARegularFile
        case cannotRead(errno: Int32)

        public var description: String {
            switch self {
            case .cannotOpen(errno: ELOOP): return "it is a symbolic link, which is not followed"
            case .cannotOpen(let code), .cannotRead(let code): return String(cString: strerror(code))
            case .notARegularFile: return "it is not a regular file (a FIFO, device, directory or socket)"
            }
        }
    }

    /// At most `limit` bytes of a regular file. The open never blocks: a FIFO or a device is
    /// opened non-blocking, seen for what it is by fstat, and closed unread.
    public static func read(_ url: URL, limit: Int, followSymlinks: Bool = true) throws(Failure) -> Data {
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (followSymlinks ? 0 : O_NOFOLLOW)
        let fd = open(url.path, flags)
        guard fd >= 0 else { throw .cannotOpen(errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .cannotRead(errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile }
        // One read of the size fstat gave (plus one byte, to see the end or growth), into memory
        // that is not zeroed first: zeroing a 64 KiB buffer per file cost more than parsing it.
        let expected = min(limit, max(0, Int(info.st_size)) + 1)
        var failure: Int32 = 0
        let first = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { return }
                count += got
            }
        }
        if failure != 0 { throw .cannotRead(errno: failure) }
        var data = Data(first)
        guard first.count == expected else { return data }
        // The file grew since fstat: read on, in chunks, up to the limit.
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count < limit {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, limit - data.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(errno: errno)
            }
            if count == 0 { break }
            data.append(buffer, count: count)
        }
        return data
    }

    /// `read`, with nil for any failure.
    public static func contents(of url: URL, limit: Int, followSymlinks: Bool = true) -> Data? {
        try? read(url, limit: limit, followSymlinks: followSymlinks)
    }
}
