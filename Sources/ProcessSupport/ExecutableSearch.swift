import SystemImports

/// Finds a program on PATH as a shell does: the first regular file of that name we may execute (a
/// directory or a non-executable file of that name is passed over).
public enum ExecutableSearch {
    public static func find(_ name: String, path: String?) -> URL? {
        // Empty entries (the current directory to a shell) are skipped: a security tool does not run
        // whatever program happens to sit where it was started.
        for directory in (path ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            var info = stat()
            if stat(candidate.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate.path, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}
