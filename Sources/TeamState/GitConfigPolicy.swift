/// Which of a shared directory's own git settings make git run a program. A state directory may
/// be a copy of a team's (a reviewer's), so its `.git/config` is as untrusted as a remote: the
/// settings git reads on every command are overridden on the command line (`Git.neutralising`),
/// and a directory naming any other program is refused until a person removes it or says they
/// put it there (`ROOT_CHECKLIST_TRUST_GIT_CONFIG=1`).
enum GitConfigPolicy {
    /// The environment variable with which an operator vouches for the directory's git settings.
    static let trustVariable = "ROOT_CHECKLIST_TRUST_GIT_CONFIG"

    /// Whether a key as `git config --list --name-only` prints it (section and name lower-case,
    /// a subsection as written) names a program git may run, or another file of settings.
    static func runsAProgram(_ key: String) -> Bool {
        let lower = key.lowercased()
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let section = parts.first, let name = parts.last else { return false }
        switch section {
        case "core":
            return ["fsmonitor", "hookspath", "sshcommand", "pager", "editor", "askpass", "gitproxy", "alternaterefscommand"].contains(name)
        case "sequence": return name == "editor"
        case "credential": return name == "helper"
        case "diff": return ["external", "textconv", "command"].contains(name)
        case "filter": return ["clean", "smudge", "process"].contains(name)
        // This program's own driver is written again by every sync before it merges.
        case "merge": return name == "driver" && lower != "merge.root-checklist.driver"
        case "gpg": return name == "program"
        case "uploadpack": return name == "packobjectshook"
        case "remote": return ["uploadpack", "receivepack", "vcs"].contains(name)
        case "include", "includeif": return name == "path"
        case "pager": return true
        case "protocol": return parts.count == 3 && parts[1] == "ext"
        default: return false
        }
    }
}
