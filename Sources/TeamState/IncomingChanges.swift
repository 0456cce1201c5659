import ChecklistModel
import ProcessSupport
import SystemImports

/// What a fetch brings, looked at before any of it reaches the working copy. A teammate's push is
/// untrusted input: only account files may change, as regular files, each one read in full and
/// held to what this program would have written; an account deleted by the remote is refused
/// unless the operator allows it.
struct IncomingChanges {
    let git: Git
    let directory: String
    /// Problems the executable finds with a state it read (a done item without its checklist's
    /// required evidence); empty when none.
    let inspectState: @Sendable (AccountState) -> [String]
    let allowDeletions: Bool

    /// Git's empty tree: with no common history, everything the remote has is incoming.
    static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    struct Change {
        var status: Character
        var oldBlob: String
        var newBlob: String
        var newMode: String
        var path: String
    }

    /// The remote's changes since `base` (the merge base, or nil for unrelated histories).
    func changes(base: String?, remoteRef: String) throws(TeamError) -> [Change] {
        let reply = try git.run(["diff-tree", "-r", "-z", "--no-renames", "--no-abbrev", "--no-commit-id", base ?? Self.emptyTree, remoteRef],
                                timeout: 300)
        guard reply.succeeded else { throw .git(command: "diff-tree", reason: reply.reason) }
        let fields = reply.output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var changes: [Change] = []
        var index = 0
        while index + 1 < fields.count {
            let meta = fields[index].split(separator: " ")
            let path = fields[index + 1]
            index += 2
            guard meta.count == 5, meta[0].hasPrefix(":"), let status = meta[4].first else { continue }
            changes.append(Change(status: status, oldBlob: String(meta[2]), newBlob: String(meta[3]), newMode: String(meta[1]), path: path))
        }
        return changes
    }

    /// Throws, naming what it refuses, unless every change may reach the working copy.
    func inspect(_ changes: [Change]) throws(TeamError) {
        var refused: [String] = []
        var reasons: [String] = []
        func refuse(_ path: String, _ reason: String) {
            refused.append(PlainText.sanitizeLine(String(path.prefix(120))))
            reasons.append(reason)
        }
        var accounts: [Change] = []
        for change in changes {
            let shown = PlainText.sanitizeLine(String(change.path.prefix(120)))
            if Self.isAccountFile(change.path) {
                if change.status == "D" {
                    if !allowDeletions { refuse(change.path, "the remote deletes account \(change.path.dropLast(5))") }
                    continue
                }
                guard change.newMode == "100644" || change.newMode == "100755" else {
                    refuse(change.path, "\(shown) is not a regular file in the remote's commit (mode \(change.newMode))")
                    continue
                }
                accounts.append(change)
            } else if change.path == ".gitattributes" || change.path == ".gitignore" {
                try inspectSettings(change, refuse: refuse)
            } else {
                refuse(change.path, "\(shown) is not an account file; only <account id>.json files are shared")
            }
        }
        if !refused.isEmpty { throw .refusedIncoming(directory: directory, paths: refused, reasons: reasons) }
        try inspectAccounts(accounts)
    }

    /// The accounts the merge will write or delete here: with no common history every file the
    /// remote has is a change, so those the same as ours are left out.
    func accountsWritten(by changes: [Change], related: Bool) throws(TeamError) -> [String] {
        var accountChanges = changes.filter { Self.isAccountFile($0.path) }
        if !related && !accountChanges.isEmpty {
            let reply = try git.run(["ls-tree", "-r", "-z", "--full-tree", "HEAD"], timeout: 120)
            guard reply.succeeded else { throw .git(command: "ls-tree", reason: reply.reason) }
            // Each entry is "<mode> blob <object>\t<path>".
            let ours = Set(reply.output.split(separator: "\0").compactMap { entry -> String? in
                let parts = entry.split(separator: "\t", maxSplits: 1)
                guard parts.count == 2, let object = parts[0].split(separator: " ").last else { return nil }
                return "\(object) \(parts[1])"
            })
            accountChanges.removeAll { ours.contains("\($0.newBlob) \($0.path)") }
        }
        return accountChanges.map { String($0.path.dropLast(5)) }
    }

    static func isAccountFile(_ path: String) -> Bool {
        path.hasSuffix(".json") && EvidenceValidator.isAccountID(String(path.dropLast(5)))
    }

    /// The two settings files `team init` commits may arrive only with lines it writes: the rules
    /// that count are in `.git/info`, where no remote reaches.
    private func inspectSettings(_ change: Change, refuse: (String, String) -> Void) throws(TeamError) {
        let allowed = change.path == ".gitattributes" ? [TeamSetup.attributesLine] : TeamSetup.ignoreLines
        guard change.status != "D" else { return }
        guard change.newMode == "100644" else { refuse(change.path, "\(change.path) is not a regular file in the remote's commit"); return }
        let blobs = try readBlobs([change.newBlob], limit: 64 * 1024)
        guard let data = blobs[change.newBlob] else { refuse(change.path, "\(change.path) is larger than a settings file"); return }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map { String($0).trimmedOutput }
        let foreign = lines.filter { !$0.isEmpty && !$0.hasPrefix("#") && !allowed.contains($0) }
        if let first = foreign.first {
            refuse(change.path, "the remote's \(change.path) adds \"\(PlainText.sanitizeLine(String(first.prefix(60))))\"")
        }
    }

    /// Every incoming account file read in full by the state reader, matched to its name, held to
    /// `integrityProblems` and the executable's own inspection, and keeping every history entry
    /// of the version it replaces.
    private func inspectAccounts(_ accounts: [Change]) throws(TeamError) {
        guard !accounts.isEmpty else { return }
        let zero = String(repeating: "0", count: 40)
        let wanted = accounts.map(\.newBlob) + accounts.map(\.oldBlob).filter { $0 != zero }
        let blobs = try readBlobs(wanted, limit: StateCodec.maxFileSize)
        var refused: [String] = []
        var reasons: [String] = []
        for change in accounts {
            guard let data = blobs[change.newBlob] else {
                refused.append(change.path)
                reasons.append("\(change.path) is larger than \(StateCodec.maxFileSize / 1024 / 1024) MiB")
                continue
            }
            do {
                let state = try StateCodec.decode(data, path: "the remote's \(change.path)")
                guard "\(state.account.id).json" == change.path else {
                    throw ModelError.corruptState(path: change.path, detail: "it belongs to account \(state.account.id)")
                }
                var problems = inspectState(state)
                if let old = blobs[change.oldBlob], let earlier = try? StateCodec.decode(old, path: change.path) {
                    let dropped = state.droppedHistory(since: earlier)
                    if dropped > 0 { problems.append("it drops \(dropped) history entr\(dropped == 1 ? "y" : "ies") the common version has") }
                    // A checklist is only ever upgraded: a lower version would hold its items to older rules.
                    if state.checklist.id == earlier.checklist.id, state.checklist.version < earlier.checklist.version {
                        problems.append("it lowers the checklist from v\(earlier.checklist.version) to v\(state.checklist.version)")
                    }
                }
                if !problems.isEmpty {
                    refused.append(change.path)
                    reasons.append("\(change.path): " + problems.prefix(3).joined(separator: "; "))
                }
            } catch {
                refused.append(change.path)
                reasons.append("\(error)")
            }
        }
        if !refused.isEmpty { throw .unreadableIncoming(directory: directory, files: refused, reasons: reasons) }
    }

    /// Blobs by id, each in full; one over `limit` is left out. Sizes are asked first, then the
    /// contents in batches that stay well under the process runner's output cap.
    func readBlobs(_ ids: [String], limit: Int) throws(TeamError) -> [String: Data] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [:] }
        let sizes = try git.raw(["cat-file", "--batch-check"], input: Data(unique.map { "\($0)\n" }.joined().utf8))
        var fitting: [(String, Int)] = []
        for line in String(decoding: sizes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[1] == "blob", let size = Int(parts[2]) else { continue }
            if size <= limit { fitting.append((String(parts[0]), size)) }
        }
        var blobs: [String: Data] = [:]
        var batch: [(String, Int)] = []
        var batchBytes = 0
        let budget = ProcessRunner.outputLimit / 2
        func flush() throws(TeamError) {
            guard !batch.isEmpty else { return }
            let output = try git.raw(["cat-file", "--batch"], input: Data(batch.map { "\($0.0)\n" }.joined().utf8))
            let bytes = [UInt8](output)
            var offset = 0
            for (id, size) in batch {
                guard let newline = bytes[offset...].firstIndex(of: 10) else { break }
                offset = newline + 1
                guard offset + size <= bytes.count else { break }
                blobs[id] = Data(bytes[offset..<(offset + size)])
                offset += size + 1
            }
            batch = []
            batchBytes = 0
        }
        for entry in fitting {
            if batchBytes + entry.1 > budget { try flush() }
            batch.append(entry)
            batchBytes += entry.1 + 100
        }
        try flush()
        return blobs
    }
}
