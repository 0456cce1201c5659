import Foundation
import Testing
import TestSupport

/// A merge that stops is settled by the program (`sync --continue`, `sync --abort`), never by
/// advice that drops a saved change; a damaged file is never committed; a sync killed together
/// with its git in the middle of a large merge is finished by the next one with nothing lost.
@Suite struct TeamWaitingMergeTests {
    let id = "111122223333"

    /// A merge left waiting by a person's own `git merge` (no inspection, the driver refuses a
    /// file from a newer version), and a change saved while it waits.
    func waitingMerge() throws -> (TeamFixture, TeamFixture.Operator) {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        let path = bob.directory.appendingPathComponent("\(id).json")
        var state = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any] ?? [:]
        state["schemaVersion"] = 99
        try JSONSerialization.data(withJSONObject: state, options: [.prettyPrinted, .sortedKeys]).write(to: path)
        #expect(try bob.git(["commit", "-qam", "from a newer version"]).status == 0)
        #expect(try bob.git(["push", "-q", "origin", "main"]).status == 0)
        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        #expect(try alice.git(["fetch", "-q", "origin"]).status == 0)
        #expect(try alice.git(["merge", "-q", "origin/main"]).status != 0, "the driver refuses the newer file")
        let saved = try alice.run(["mark", id, "security-contact", "skip", "--reason", "saved while the merge waits"])
        #expect(saved.status == 0)
        return (team, alice)
    }

    @Test func aWaitingMergeIsExplainedWithTheProgramsOwnWayOut() throws {
        let (_, alice) = try waitingMerge()
        let sync = try alice.run(["sync"])
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("root-checklist sync --continue") && sync.stderr.contains("root-checklist sync --abort"), "\(sync.stderr)")
        #expect(!sync.stderr.contains("merge --abort"), "no advice that drops a saved change")
    }

    @Test func abortUndoesTheMergeAndKeepsEverySavedChange() throws {
        let (_, alice) = try waitingMerge()
        let aborted = try alice.run(["sync", "--abort"])
        #expect(aborted.status == 0, "\(aborted.stderr)")
        #expect(aborted.stdout.contains("every change saved here is kept"))
        #expect(!FileManager.default.fileExists(atPath: alice.directory.appendingPathComponent(".git/MERGE_HEAD").path))
        #expect(try alice.status(id, "security-contact") == "skipped", "the change saved during the wait")
        #expect(try alice.status(id, "root-mfa") == "skipped")
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty, "and it is committed")
        #expect(try alice.git(["log", "-1", "--format=%s"]).stdout.contains("saved while a merge waited"))
        #expect((try alice.state(id))["schemaVersion"] as? Int == 3)
        // The remote's newer file is still refused, before any merge this time.
        let again = try alice.run(["sync"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("schemaVersion 99"), "\(again.stderr)")
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
    }

    @Test func continueFinishesTheMergeOnceTheFilesRead() throws {
        let (_, alice) = try waitingMerge()
        let conflicted = alice.directory.appendingPathComponent("\(id).json")
        let good = try Data(contentsOf: conflicted)
        try Data("<<<<<<< ours\n".utf8).write(to: conflicted)
        let refused = try alice.run(["sync", "--continue"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(id).json") && refused.stderr.contains("cannot be read"), "\(refused.stderr)")
        try good.write(to: conflicted)
        let continued = try alice.run(["sync", "--continue"])
        // The merge is finished; the sync then stops at the remote's newer file, before any other merge.
        #expect(!FileManager.default.fileExists(atPath: alice.directory.appendingPathComponent(".git/MERGE_HEAD").path), "\(continued.stderr)")
        #expect(try alice.status(id, "security-contact") == "skipped")
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
    }

    @Test func aDamagedFileIsNeverCommittedAndAMissingOneComesBack() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try team.start(id, first: alice, others: [])
        let file = alice.directory.appendingPathComponent("\(id).json")
        let committed = try Data(contentsOf: file)
        try Data(committed.prefix(40)).write(to: file)  // a write torn by a power cut
        let sync = try alice.run(["sync"])
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("cannot be read") && sync.stderr.contains("not committed"), "\(sync.stderr)")
        #expect(try alice.git(["show", "HEAD:\(id).json"]).stdout == String(decoding: committed, as: UTF8.self), "nothing damaged was committed")
        #expect(try team.remoteHead() == alice.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        // Moved aside, the last committed version comes back; no deletion reaches the team.
        try FileManager.default.moveItem(at: file, to: team.root.appendingPathComponent("damaged.json"))
        try alice.ok(["sync"])
        #expect(try Data(contentsOf: file) == committed)
        #expect(try alice.git(["ls-tree", "--name-only", "origin/main"]).stdout.contains("\(id).json"))
    }

    /// Every process in the tree under `pid` (the program, its git, git's merge driver), then `pid`.
    func killTree(_ pid: pid_t) {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { children[parent, default: []].append(child) }
        }
        var tree: [pid_t] = []
        var queue = [pid]
        while let next = queue.popLast() {
            tree.append(next)
            queue += children[next] ?? []
        }
        for process in tree.reversed() { kill(process, SIGKILL) }
    }

    /// Writes a change into each account file as this program would: the item and a history entry.
    func change(_ op: TeamFixture.Operator, _ ids: [String], item: String, reason: String, at: String) throws {
        for id in ids {
            let url = op.directory.appendingPathComponent("\(id).json")
            var state = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            var items = state["items"] as? [String: Any] ?? [:]
            items[item] = ["status": "skipped", "reason": reason, "by": op.name, "at": at, "evidence": [String: String]()]
            state["items"] = items
            var history = state["history"] as? [[String: Any]] ?? []
            history.append(["at": at, "by": op.name, "action": "status", "item": item, "from": "pending", "to": "skipped"])
            state["history"] = history
            try JSONSerialization.data(withJSONObject: state, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        }
    }

    @Test func killedWithItsGitDuringAMergeOfAThousandChangesTheNextSyncLosesNothing() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try alice.ok(["add", id, "--alias", "prod"])
        let template = try alice.state(id)
        let ids = (0..<1000).map { String(format: "6%011d", $0) }
        for other in ids {
            var state = template
            var account = state["account"] as? [String: Any] ?? [:]
            account["id"] = other
            account["alias"] = nil
            state["account"] = account
            try JSONSerialization.data(withJSONObject: state, options: [.prettyPrinted, .sortedKeys])
                .write(to: alice.directory.appendingPathComponent("\(other).json"))
        }
        try alice.ok(["team", "init", "--remote", team.remote.path])
        try bob.ok(["team", "init", "--remote", team.remote.path])
        try change(bob, ids, item: "sign-out-root", reason: "bob", at: "2026-12-01T10:00:00Z")
        try bob.ok(["sync"])
        try change(alice, ids, item: "split-recovery-control", reason: "alice", at: "2026-12-01T11:00:00Z")
        var random = SplitMix64(seed: 0xdecade)
        for _ in 0..<4 {
            let running = try alice.bin.start(["sync", "--state-dir", alice.directory.path], environment: alice.environment)
            usleep(useconds_t(200_000 + random.next() % 1_500_000))
            killTree(running.pid)
            _ = running.finish()
        }
        try alice.ok(["sync"])
        try bob.ok(["sync"])
        for sample in [ids[0], ids[499], ids[999]] {
            #expect(try alice.file(sample) == bob.file(sample))
            #expect(try alice.status(sample, "sign-out-root") == "skipped")
            #expect(try alice.status(sample, "split-recovery-control") == "skipped")
        }
        let everyFile = try ids.allSatisfy { try alice.status($0, "sign-out-root") == "skipped" && alice.status($0, "split-recovery-control") == "skipped" }
        #expect(everyFile, "no change of either side was lost")
        let left = try alice.git(["status", "--porcelain"]).stdout
        #expect(left.isEmpty, "\(left.prefix(500))")
        #expect(try alice.git(["fsck", "--no-progress"]).status == 0)
    }
}
