import ChecklistModel
import SystemImports

/// A merge that stopped: left by a sync that was killed, or by a person's git. The program settles
/// it itself, so no advice of ours is ever a git command that drops a saved change.
extension TeamSync {
    /// How `sync` treats a merge it finds waiting.
    public enum WaitingMergeChoice: Sendable {
        /// Finish it when nothing is in conflict; otherwise stop and say how to settle it.
        case finishIfClean
        /// `sync --continue`: a person repaired the files in conflict; each must read as a state file.
        case continueMerge
        /// `sync --abort`: undo the merge and keep every change saved here as a commit of its own.
        case abortMerge
    }

    /// Settles a waiting merge as `choice` says; true when it was undone (`--abort`).
    func settleWaitingMerge(_ choice: WaitingMergeChoice) throws(TeamError) -> Bool {
        guard shared.mergeInProgress else { return false }
        let unmerged = try unmergedPaths()
        switch choice {
        case .abortMerge:
            try abortKeepingSaves()
            return true
        case .continueMerge:
            var refused: [String] = []
            var reasons: [String] = []
            for path in unmerged {
                guard IncomingChanges.isAccountFile(path) else { refused.append(path); reasons.append("\(path) is not an account file"); continue }
                do {
                    _ = try shared.store.load(String(path.dropLast(5)))
                } catch {
                    refused.append(path)
                    reasons.append("\(error)")
                }
            }
            if !refused.isEmpty { throw .unreadableLocal(directory: directory, files: refused, reasons: reasons) }
        case .finishIfClean:
            guard unmerged.isEmpty else { throw .mergeWaiting(directory: directory, files: unmerged) }
        }
        try restoreMissingAccounts(try shared.uncommittedPaths())
        let paths = try shared.uncommittedPaths()
        try readableOrRefused(paths)
        if !paths.isEmpty { try git.check(["add", "-A", "--"] + paths) }
        try git.check(["commit", "-q", "--no-edit", "--no-verify"], environment: recorder.authorEnvironment(operatorName))
        return false
    }

    func unmergedPaths() throws(TeamError) -> [String] {
        let reply = try git.run(["diff", "--name-only", "--diff-filter=U", "-z"], timeout: 60)
        return reply.succeeded ? reply.output.split(separator: "\0").map(String.init) : []
    }

    /// Undoes a merge without losing what was saved while it waited: every account file that reads
    /// as a state and differs from the last commit is kept in memory, git's merge is undone, and
    /// those files are written back atomically and committed.
    func abortKeepingSaves() throws(TeamError) {
        var kept: [(id: String, state: AccountState)] = []
        for path in try shared.uncommittedPaths() where IncomingChanges.isAccountFile(path) {
            let id = String(path.dropLast(5))
            if let state = try? shared.store.load(id) { kept.append((id, state)) }
        }
        let reply = try git.run(["merge", "--abort"], timeout: 120)
        guard reply.succeeded else { throw .git(command: "merge --abort", reason: reply.reason) }
        for (id, state) in kept {
            do {
                let lock = try shared.store.lock(id, purpose: "\(operatorName), root-checklist sync --abort", wait: 10)
                defer { lock.release() }
                try shared.store.save(state, lock: lock)
            } catch let error as ModelError {
                throw .model(error)
            } catch {
                throw .model(.io(path: id, operation: "write back", errno: EIO))
            }
        }
        try commitPending(message: "root-checklist: changes saved while a merge waited, kept when it was undone")
    }

    /// An account file gone from the directory (moved aside by a person, or removed by a git that
    /// was killed before it wrote it again) is taken back from git's index, never committed as a
    /// deletion the team would receive: there is no command that removes an account.
    func restoreMissingAccounts(_ paths: [String]) throws(TeamError) {
        let missing = paths.filter { IncomingChanges.isAccountFile($0) && !shared.store.exists(String($0.dropLast(5))) }
        guard !missing.isEmpty else { return }
        let reply = try git.run(["checkout", "-q", "--"] + missing, timeout: 120)
        guard reply.succeeded else { throw .git(command: "checkout", reason: reply.reason) }
        for path in missing { chmod(shared.store.directory.appendingPathComponent(path).path, 0o600) }
    }

    /// Each account file about to be committed must read as a state file: a damaged one (a write
    /// torn by a power cut, a person's editor) is never committed and pushed to the team.
    func readableOrRefused(_ paths: [String]) throws(TeamError) {
        var refused: [String] = []
        var reasons: [String] = []
        for path in paths where IncomingChanges.isAccountFile(path) {
            let id = String(path.dropLast(5))
            guard shared.store.exists(id) else { continue }
            do {
                _ = try shared.store.load(id)
            } catch {
                refused.append(path)
                reasons.append("\(error)")
            }
        }
        if !refused.isEmpty { throw .unreadableLocal(directory: directory, files: refused, reasons: reasons) }
    }
}
