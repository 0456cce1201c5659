import ChecklistModel
import SystemImports

/// Lists and inspects directories with POSIX calls. FileManager's first use costs about a
/// millisecond, which the walkthrough would pay before its first frame.
enum DirectoryListing {
    /// Entry names (without "." and ".."), or nil when the directory cannot be opened.
    static func names(at path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    enum Kind: Equatable {
        case missing
        case directory(mode: mode_t, owner: uid_t)
        case other
        /// stat failed for another reason than "no such file" (permissions, a file where a
        /// directory should be, a loop): the directory is not usable, and the caller says why.
        case unusable(errno: Int32)
    }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT ? .missing : .unusable(errno: errno) }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory(mode: info.st_mode & 0o7777, owner: info.st_uid) : .other
    }
}
