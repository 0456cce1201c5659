#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Beside the C library it wraps: the terminal, the store and git's driver all write whole buffers to descriptors.

/// Writes every byte to a descriptor, retrying short writes and EINTR.
/// Returns 0, or the errno of the write that failed.
@discardableResult
public func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
    guard var next = bytes.baseAddress else { return 0 }
    var left = bytes.count
    while left > 0 {
        let written = write(fd, next, left)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        next += written
        left -= written
    }
    return 0
}
