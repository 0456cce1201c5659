#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The environment variables the program reads, looked up one by one with getenv.
///
/// `ProcessInfo.environment` copies the whole environment into a dictionary, which costs more than
/// drawing the walkthrough's first frame; callers that take an environment dictionary (so tests can
/// pass their own) get one holding just these names.
public enum ProcessEnvironment {
    private static let names = ["TERM", "NO_COLOR", "LC_ALL", "LC_CTYPE", "LANG", "ROOT_CHECKLIST_STATE_DIR",
                               "XDG_STATE_HOME", "HOME", "USER", "LOGNAME", "ROOT_CHECKLIST_OPERATOR"]

    /// The variables in `names` that are set.
    public static func current() -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }
}
