import ChecklistModel
import SystemImports

/// Why shared state could not be committed, synced or set up: one line each, saying what to do.
public enum TeamError: Error, Equatable, CustomStringConvertible {
    case gitMissing
    case notShared(directory: String)
    case git(command: String, reason: String)
    case noRemote(directory: String)
    case remoteMismatch(existing: String, given: String)
    case mergeWaiting(directory: String, files: [String])
    case unmergeable(directory: String, files: [String], reasons: [String])
    case unreadableIncoming(directory: String, files: [String], reasons: [String])
    case accountOpen(accountID: String, holder: String)
    case pushRaced(attempts: Int)
    case indexLocked(directory: String)
    case notAFile(path: String)
    case model(ModelError)
    case notSyncedYet(directory: String, reason: String)
    /// The directory's own git configuration names programs git would run.
    case untrustedGitConfig(directory: String, keys: [String])
    /// The remote's commits change paths a sync never takes (anything but account files), or delete accounts.
    case refusedIncoming(directory: String, paths: [String], reasons: [String])
    /// The remote has no branch of this name but others: the team's accounts are there.
    case branchMismatch(directory: String, local: String, remote: String)
    /// Account files here that do not read as state files: never committed.
    case unreadableLocal(directory: String, files: [String], reasons: [String])

    public var description: String {
        switch self {
        case .gitMissing:
            return "git is not installed or not on PATH: install git (apt-get install git) to share the state directory."
        case .untrustedGitConfig(let directory, let keys):
            let shown = keys.prefix(5).joined(separator: ", ") + (keys.count > 5 ? " and \(keys.count - 5) more" : "")
            return "the git configuration of \(directory) names programs git would run (\(shown)), so no git command was run there: "
                + "remove them with `git -C \(directory) config --local --unset KEY`, or set \(GitConfigPolicy.trustVariable)=1 if you set them yourself."
        case .notShared(let directory):
            return "\(directory) is not shared: run `root-checklist team init` there first (add --remote URL to share it)."
        case .git(let command, let reason):
            return "git \(command) failed: \(reason)"
        case .noRemote(let directory):
            return "\(directory) has no remote to sync with: run `root-checklist team init --remote URL`."
        case .remoteMismatch(let existing, let given):
            return "the state directory already syncs with \(existing), not \(given): change it with `git remote set-url origin URL` if that is meant."
        case .mergeWaiting(let directory, let files):
            return "a merge in \(directory) is waiting for a person (\(Self.list(files))): repair those files and run "
                + "`root-checklist sync --continue`, or undo the merge with `root-checklist sync --abort` (every change saved here is kept)."
        case .unmergeable(let directory, let files, let reasons):
            return "sync stopped: \(Self.list(files)) from the remote cannot be merged"
                + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: "; ")))")
                + "; the merge was undone and every change saved here is kept: ask whoever pushed it to repair it, then sync again."
        case .unreadableIncoming(_, let files, let reasons):
            return "sync stopped before merging: the remote's \(Self.list(files)) cannot be read (\(reasons.prefix(2).joined(separator: "; "))); "
                + "nothing here was changed: ask whoever pushed it to repair it (its last good version is in the history), then sync again."
        case .refusedIncoming(_, let paths, let reasons):
            let deletes = reasons.allSatisfy { $0.hasPrefix("the remote deletes account") }
            return "sync stopped before merging: \(reasons.prefix(3).joined(separator: "; "))"
                + (reasons.count > 3 ? " (and \(reasons.count - 3) more: \(Self.list(paths)))" : "") + "; nothing here was changed: "
                + (deletes ? "run `root-checklist sync --allow-deletions` if those accounts are meant to go"
                           : "only account files are shared, so ask whoever pushed it to remove the change, then sync again")
                + "."
        case .unreadableLocal(let directory, let files, let reasons):
            return "sync stopped: \(Self.list(files)) in \(directory) cannot be read (\(reasons.prefix(2).joined(separator: "; "))), "
                + "so it was not committed or sent: repair it, or move it out of the directory and the next sync takes its last committed version back."
        case .branchMismatch(let directory, let local, let remote):
            return "the remote keeps the team's state on branch \(remote), and this directory is on \(local), which the remote does not have: "
                + "nothing was pushed beside it; join that branch with `git -C \(directory) branch -m \(remote)` and sync again "
                + "(the merge keeps what is here)."
        case .accountOpen(let id, let holder):
            return "account \(id) is open for writing (\(holder)) and the remote changed it: close it, then sync again."
        case .pushRaced(let attempts):
            return "the remote kept changing while pushing (\(attempts) attempts): your changes are committed here; sync again in a moment."
        case .indexLocked(let directory):
            return "git's index in \(directory) is locked (.git/index.lock): if no git command is running there, remove that file and try again."
        case .notAFile(let path):
            return "\(path) came from the remote as something other than a regular file: it was not used; remove it from the repository."
        case .model(let error):
            return "\(error)"
        case .notSyncedYet(let directory, let reason):
            let why = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            return "\(directory) is shared through git and every change is now a commit, but the first sync did not finish "
                + "(\(why)): run `root-checklist sync` once that is settled."
        }
    }

    private static func list(_ files: [String]) -> String {
        files.count <= 3 ? files.joined(separator: ", ") : files.prefix(3).joined(separator: ", ") + " and \(files.count - 3) more"
    }
}
