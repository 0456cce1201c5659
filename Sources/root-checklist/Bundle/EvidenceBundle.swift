import AWSChecks
import BuildInfo
import ChecklistModel
import ChecklistStore
import ChecklistText
import SystemImports

/// The evidence bundle: one archive an auditor can check without this team's machines or AWS.
///
/// Layout: `accounts/<id>.json` (the state files as saved), `summary.json` and `summary.html`,
/// `replies/<id>/<time>.json` (what AWS answered in each run a latest check comes from, with the
/// item records that run's checks read; credentials dropped), `manifest.json` (the SHA-256 and
/// size of every other file, the tool version and each checklist's digest), and, when signed,
/// `manifest.json.sig` (`ssh-keygen -Y sign`, namespace `root-checklist-bundle`).
enum EvidenceBundle {
    static let manifest = "manifest.json"
    static let signature = "manifest.json.sig"
    static let namespace = "root-checklist-bundle"
    static let format = "root-checklist-bundle"

    /// One account as the bundle takes it: the file's bytes and what they read as.
    struct Account {
        var bytes: [UInt8]
        var progress: AccountProgress
    }

    /// The archive's files, manifest last; `missingReplies` names checks whose replies were never kept.
    static func make(_ accounts: [Account], archive: ReplyArchive, createdAt: Date, revision: StateRevision?)
        -> (files: [TarArchive.Entry], missingReplies: [String]) {
        var files: [TarArchive.Entry] = []
        var missing: [String] = []
        for account in accounts {
            let state = account.progress.state
            files.append(.init(path: "accounts/\(state.account.id).json", bytes: account.bytes))
            for at in state.checkTimes.sorted() {
                if let run = archive.load(account: state.account.id, at: at) {
                    files.append(.init(path: "replies/\(state.account.id)/\(ReplyArchive.fileName(at))", bytes: Array(run)))
                } else {
                    let items = state.items.filter { $0.value.check?.at == at }.map(\.key).sorted()
                    missing.append("\(state.account.id) \(items.joined(separator: ", ")) (checked \(ISODate.format(at)))")
                }
            }
        }
        let progress = accounts.map(\.progress)
        files.append(.init(path: "summary.json", bytes: Array(SummaryJSON.render(progress, damaged: [], detailed: true, generatedAt: createdAt,
                                                                                    revision: revision).utf8)))
        files.append(.init(path: "summary.html", bytes: Array(SummaryHTML.render(progress, damaged: [], generatedAt: createdAt,
                                                                                    style: StatusStyle(ascii: false), revision: revision,
                                                                                    producer: BuildInfo.versionLine).utf8)))
        files.append(.init(path: manifest, bytes: manifestBytes(files, accounts: progress, createdAt: createdAt)))
        return (files, missing)
    }

    static func manifestBytes(_ files: [TarArchive.Entry], accounts: [AccountProgress], createdAt: Date) -> [UInt8] {
        var checklists: [String: JSONValue] = [:]
        for progress in accounts {
            let list = progress.checklist
            checklists["\(list.id)@\(list.version)"] = .object(["id": .string(list.id), "version": .number(JSONNumber(list.version)),
                                                                 "digest": .string(list.digest)])
        }
        let listed: [JSONValue] = files.sorted { $0.path < $1.path }.map { file in
            .object(["path": .string(file.path), "sha256": .string(SHA256.hex(file.bytes)), "bytes": .number(JSONNumber(file.bytes.count))])
        }
        let document: JSONValue = .object([
            "format": .string(format), "formatVersion": .number(JSONNumber(1)), "tool": .string(BuildInfo.versionLine),
            "createdAt": .string(ISODate.format(createdAt)), "accounts": .array(accounts.map { .string($0.state.account.id) }),
            "checklists": .array(checklists.keys.sorted().compactMap { checklists[$0] }), "files": .array(listed),
        ])
        return JSONPrettyWriter.bytes(document)
    }

    /// What checking a bundle found: problems make it fail; `notes` are said but do not.
    struct Verdict {
        var problems: [String] = []
        var notes: [String] = []
        var filesChecked = 0
        var checksRederived = 0
        var accounts = 0
        var signed = false
        var signatureChecked = false
    }

    /// Checks every digest against the manifest (and nothing unlisted), then re-derives every
    /// recorded check result from its saved replies, offline. The signature is checked by the caller.
    static func verify(_ archive: TarArchive, checklists: (AccountState) throws -> Checklist) -> Verdict {
        var verdict = Verdict()
        guard let manifestEntry = archive.entry(manifest) else {
            verdict.problems.append("the bundle has no \(manifest)")
            return verdict
        }
        verdict.signed = archive.entry(signature) != nil
        guard let root = (try? JSONParser.parse(Data(manifestEntry.bytes)))?.object, root["format"]?.string == format,
              root["formatVersion"]?.number?.integer == 1, let listed = root["files"]?.array else {
            verdict.problems.append("\(manifest) is not a manifest of this program (format \(format), version 1)")
            return verdict
        }
        var expected: [String: (sha: String, size: Int)] = [:]
        for file in listed {
            guard let object = file.object, let path = object["path"]?.string, let sha = object["sha256"]?.string,
                  let size = object["bytes"]?.number?.integer else {
                verdict.problems.append("\(manifest) lists a file without its path, digest and size")
                continue
            }
            expected[path] = (sha, size)
        }
        for entry in archive.entries where entry.path != manifest && entry.path != signature {
            let shown = PlainText.sanitizeLine(entry.path)
            guard let want = expected.removeValue(forKey: entry.path) else {
                verdict.problems.append("\(shown) is in the bundle but not in the manifest")
                continue
            }
            if want.size != entry.bytes.count || want.sha != SHA256.hex(entry.bytes) {
                verdict.problems.append("\(shown) does not match the manifest's digest: it was changed after the bundle was made")
            } else {
                verdict.filesChecked += 1
            }
        }
        for path in expected.keys.sorted() { verdict.problems.append("\(PlainText.sanitizeLine(path)) is in the manifest but not in the bundle") }

        for entry in archive.entries where entry.path.hasPrefix("accounts/") && entry.path.hasSuffix(".json") {
            verdict.accounts += 1
            rederive(entry, archive: archive, checklists: checklists, into: &verdict)
        }
        return verdict
    }

    /// Every check the account records, decided again from the run it came from.
    static func rederive(_ entry: TarArchive.Entry, archive: TarArchive, checklists: (AccountState) throws -> Checklist, into verdict: inout Verdict) {
        let shown = PlainText.sanitizeLine(entry.path)
        let state: AccountState
        let checklist: Checklist
        do {
            state = try StateCodec.decode(Data(entry.bytes), path: shown)
            checklist = try checklists(state)
        } catch {
            verdict.problems.append("\(shown): \(commandLineMessage(error))")
            return
        }
        guard entry.path == "accounts/\(state.account.id).json" else {
            verdict.problems.append("\(shown) holds account \(state.account.id)")
            return
        }
        // The check an item holds is the one its history last recorded (values kept since history held them).
        for (item, record) in state.items.sorted(by: { $0.key < $1.key }) {
            guard let check = record.check,
                  let entry = state.history.last(where: { $0.item == item && $0.action == .check }), let after = entry.after else { continue }
            if after["outcome"] != check.outcome.rawValue || after["reason"] != check.reason || after["at"] != ISODate.format(check.at) {
                verdict.problems.append("\(state.account.id) \(PlainText.sanitizeLine(item)): its check is not the one its history last recorded")
            }
        }
        for at in state.checkTimes.sorted() {
            let items = Set(state.items.filter { $0.value.check?.at == at }.map(\.key))
            // Everything a bundle holds is a stranger's text: made plain before it is printed.
            let label = "\(state.account.id) \(items.sorted().map(PlainText.sanitizeLine).joined(separator: ", ")) (checked \(ISODate.format(at)))"
            guard let run = archive.entry("replies/\(state.account.id)/\(ReplyArchive.fileName(at))") else {
                verdict.problems.append("\(label): no recorded replies, so the result cannot be shown to follow from AWS's answers")
                continue
            }
            let log: ReplyLog
            do {
                log = try ReplyLog(Data(run.bytes))
            } catch {
                verdict.problems.append("\(label): its replies \(error)")
                continue
            }
            guard log.accountID == state.account.id, log.at == at else {
                verdict.problems.append("\(label): its replies are of another account or time")
                continue
            }
            let derived: [String: CheckResult]
            do {
                derived = try RecordedRun(log).results(checklist: checklist, items: items)
            } catch {
                verdict.problems.append("\(label): the recorded replies do not confirm the account (\(error))")
                continue
            }
            for item in items.sorted() {
                guard let recorded = state.record(item).check else { continue }
                let shownItem = PlainText.sanitizeLine(item)
                guard let again = derived[item] else {
                    verdict.problems.append("\(state.account.id) \(shownItem): the recorded run holds no check of it")
                    continue
                }
                let reason = PlainText.sanitizeLine(String(again.reason.prefix(300)))
                if again.outcome != recorded.outcome || reason != recorded.reason {
                    verdict.problems.append("\(state.account.id) \(shownItem): recorded \(recorded.outcome.rawValue) "
                                            + "(\(PlainText.sanitizeLine(String(recorded.reason.prefix(300))))), "
                                            + "but its replies give \(again.outcome.rawValue) (\(reason))")
                } else {
                    verdict.checksRederived += 1
                }
            }
        }
    }
}
