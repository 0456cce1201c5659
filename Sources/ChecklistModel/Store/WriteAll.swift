import SystemImports

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
