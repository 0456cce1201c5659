#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file with a size cap so a hostile 100 MB file cannot exhaust memory.
public enum SafeFileRead {
    /// Returns nil when the file cannot be opened; returns at most `limit` bytes.
    public static func contents(of url: URL, limit: Int, followSymlinks: Bool = true) -> Data? {
        let flags = O_RDONLY | O_CLOEXEC | (followSymlinks ? 0 : O_NOFOLLOW)
        let fd = open(url.path, flags)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count < limit {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, limit - data.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            data.append(buffer, count: count)
        }
        return data
    }
}
