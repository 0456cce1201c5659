import SystemImports

/// Finds the state directory: flag, then `$ROOT_CHECKLIST_STATE_DIR`, `$XDG_STATE_HOME/root-checklist`,
/// `~/.local/state/root-checklist`.
public enum StateDirectory {
    public static func resolve(flag: String?, environment: Environment = .process) -> URL {
        if let flag, !flag.isEmpty { return URL(fileURLWithPath: flag) }
        if let explicit = environment["ROOT_CHECKLIST_STATE_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("root-checklist")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeFromPasswordDatabase()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/root-checklist")
    }
}

/// The user's home directory from the password database, for when HOME is not set.
func homeFromPasswordDatabase() -> String {
    var entry = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getpwuid_r(getuid(), &entry, &buffer, buffer.count, &result) == 0, result != nil, let directory = entry.pw_dir else {
        return "/"
    }
    return String(cString: directory)
}
