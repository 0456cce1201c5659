import SystemImports

/// Whether any process has a file open, from `/proc/*/fd` (Linux).
enum OpenFiles {
    /// Which of `paths` some process has open, from one pass over `/proc`. `complete` is false
    /// when some process's open files could not be read (another user's): then a path missing
    /// from `open` may still be held, and nobody can say it is not.
    static func held(among paths: Set<String>) -> (open: Set<String>, complete: Bool) {
        guard !paths.isEmpty else { return ([], true) }
        guard let processes = opendir("/proc") else { return ([], false) }
        defer { closedir(processes) }
        var open: Set<String> = []
        var complete = true
        while let entry = readdir(processes), open.count < paths.count {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }
            guard let descriptors = opendir("/proc/\(name)/fd") else {
                // A process that ended meanwhile is no holder; one we may not look into could be.
                if errno == EACCES { complete = false }
                continue
            }
            defer { closedir(descriptors) }
            while let fd = readdir(descriptors) {
                let number = withUnsafeBytes(of: fd.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard number.first?.isNumber == true else { continue }
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink("/proc/\(name)/fd/\(number)", &buffer, buffer.count - 1)
                guard count > 0 else { continue }
                let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if paths.contains(target) { open.insert(target) }
            }
        }
        return (open, complete || open.count == paths.count)
    }

    /// False when no process has `path` open, true when one has, nil when nobody can say.
    static func isOpen(_ path: String) -> Bool? {
        let found = held(among: [path])
        return found.open.contains(path) ? true : (found.complete ? false : nil)
    }
}
