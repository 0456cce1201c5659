/// What this build is: the release version and the commit it was built from.
///
/// A target of its own so that a new commit recompiles one small file, not the executable.
public enum BuildInfo {
    /// The release version; raise it with every release.
    public static let version = "1.1.0"

    /// `root-checklist 1.1.0 (commit 0123456789ab)`, as `--version` prints it.
    public static var versionLine: String {
        "root-checklist \(version) (commit \(commit ?? "unknown: not built from a git checkout"))"
    }
}
