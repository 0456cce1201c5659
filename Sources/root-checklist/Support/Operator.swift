import ChecklistModel
import ProcessSupport
import SystemImports

/// Who is making a change, as recorded in history: the name given (`--operator`, else
/// `$ROOT_CHECKLIST_OPERATOR`), else git's user name in a shared state directory (`shared`, asked
/// only when needed), else `login@host` with the login name from the environment or, when that is
/// unset, the password database (never a bare uid unless the uid has no entry at all).
public enum Operator {
    public static func current(explicit: String? = nil, environment: Environment = .process,
                               shared: () -> String? = { nil }) -> String {
        for given in [explicit, environment["ROOT_CHECKLIST_OPERATOR"]] {
            if let name = given.map(PlainText.sanitizeLine)?.trimmingSpaces(), !name.isEmpty { return String(name.prefix(64)) }
        }
        if let name = shared().map(PlainText.sanitizeLine)?.trimmingSpaces(), !name.isEmpty { return String(name.prefix(64)) }
        let user = [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty }
            ?? loginFromPasswordDatabase() ?? "uid \(getuid())"
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = host.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return PlainText.sanitizeLine("\(user)@\(hostName)")
    }

    /// Checks a name given with `--operator`: recorded in history, so it must be text a reviewer can
    /// read and never a secret.
    public static func validate(_ name: String) throws {
        _ = try AccountState.validatedFreeText(name, field: "The operator name", maxLength: 64, allowNewlines: false)
    }

    static func loginFromPasswordDatabase() -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(getuid(), &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }
}
