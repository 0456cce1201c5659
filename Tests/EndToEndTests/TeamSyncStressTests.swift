import Foundation
import Testing
import TestSupport

/// Shared state under load: random interleavings of changes and syncs, and processes killed
/// mid-commit and mid-sync. No change may be lost, and the next sync must leave all in order.
@Suite struct TeamSyncStressTests {
    let accounts = ["111122223333", "444455556666", "777788889999"]
    let items = ["root-mfa", "security-contact", "group-root-email", "sign-out-root"]

    struct Change: Hashable {
        var by: String, at: String, item: String, to: String
    }

    func lastStatusChange(_ op: TeamFixture.Operator, _ id: String) throws -> Change {
        let entry = try #require(try op.history(id).last { $0["action"] as? String == "status" })
        return Change(by: entry["by"] as? String ?? "", at: entry["at"] as? String ?? "", item: entry["item"] as? String ?? "",
                      to: entry["to"] as? String ?? "")
    }

    @Test func oneHundredRandomRoundsLoseNoChange() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try alice.ok(["add", accounts[0]])
        try alice.ok(["add", accounts[1]])
        try bob.ok(["add", accounts[2]])
        try alice.ok(["team", "init", "--remote", team.remote.path])
        try bob.ok(["team", "init", "--remote", team.remote.path])
        try alice.ok(["sync"])

        var random = SplitMix64(seed: 0x7ea_5eed)
        var made: [String: [Change]] = [:]  // per account
        var typed: [String: [String]] = [:]  // reasons typed, per account
        for round in 0..<100 {
            let op = random.next() % 2 == 0 ? alice : bob
            if random.next() % 4 == 0 {
                try op.ok(["sync"])
                continue
            }
            let id = accounts[Int(random.next() % UInt64(accounts.count))]
            let item = items[Int(random.next() % UInt64(items.count))]
            let status = ["skip", "n/a", "pending"][Int(random.next() % 3)]
            let current = try op.status(id, item)
            if (status == "pending" && current == "pending") { continue }
            try op.ok(["mark", id, item, status] + (status == "pending" ? [] : ["--reason", "round \(round)"]))
            if status != "pending" { typed[id, default: []].append("round \(round)") }
            made[id, default: []].append(try lastStatusChange(op, id))
        }
        try alice.ok(["sync"])
        try bob.ok(["sync"])
        try alice.ok(["sync"])

        for id in accounts {
            #expect(try alice.file(id) == bob.file(id), "\(id) differs between the two operators")
            let history = try alice.history(id).filter { $0["action"] as? String == "status" }
                .map { Change(by: $0["by"] as? String ?? "", at: $0["at"] as? String ?? "", item: $0["item"] as? String ?? "", to: $0["to"] as? String ?? "") }
            for change in made[id] ?? [] {
                #expect(history.contains(change), "lost: \(change)")
            }
            #expect(history.count == (made[id] ?? []).count)
            // Each item ends as its latest change left it. Times are whole seconds: when both operators
            // changed it within the last second, either one's last change of that second is "the later".
            for item in items {
                let changes = (made[id] ?? []).filter { $0.item == item }
                guard let top = changes.map(\.at).max() else {
                    #expect(try alice.status(id, item) == "pending")
                    continue
                }
                let ofTop = changes.filter { $0.at == top }
                let allowed = Set(["alice", "bob"].compactMap { name in ofTop.last { $0.by == name }?.to })
                #expect(allowed.contains(try alice.status(id, item)), "\(id) \(item): \(changes.map { "\($0.by) \($0.at) \($0.to)" })")
            }
        }
        // Every reason either operator typed is readable in the history on both sides.
        for op in [alice, bob] {
            for id in accounts {
                let reasons = Set(try op.history(id).compactMap { ($0["after"] as? [String: String])?["reason"] })
                for reason in typed[id, default: []] { #expect(reasons.contains(reason), "\(op.name): \(id) lost \"\(reason)\"") }
            }
        }
        // Every merged file adds up once what both changed is resolved.
        for id in accounts {
            let items = try alice.state(id)["items"] as? [String: [String: Any]] ?? [:]
            for (item, record) in items where record["changedByBoth"] != nil {
                try alice.ok(["resolve", id, item, "--take", "current"])
            }
        }
        try alice.ok(["history", "--verify"])
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
        #expect(try alice.git(["fsck", "--no-progress"]).status == 0)
    }

    @Test func killedDuringCommitsTheNextSyncRecordsEverything() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", accounts[0]])
        try alice.ok(["team", "init", "--remote", team.remote.path])
        var random = SplitMix64(seed: 0xc0ffee)
        for round in 0..<30 {
            let item = items[round % items.count]
            let running = try alice.bin.start(["mark", accounts[0], item, round % 2 == 0 ? "skip" : "n/a", "--reason", "round \(round)",
                                               "--state-dir", alice.directory.path], environment: alice.environment)
            usleep(useconds_t(random.next() % 60_000))
            kill(running.pid, SIGKILL)
            _ = running.finish()
        }
        // Whatever was saved is intact, and one sync commits and pushes all of it.
        _ = try alice.state(accounts[0])
        let synced = try alice.ok(["sync"])
        #expect(synced.status == 0)
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
        #expect(try alice.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == team.remoteHead())
        #expect(try alice.git(["fsck", "--no-progress"]).status == 0)
    }

    @Test func killedDuringSyncTheNextSyncFinishes() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(accounts[0], first: alice, others: [bob])
        var random = SplitMix64(seed: 0x5ca1ab1e)
        for round in 0..<12 {
            try alice.ok(["mark", accounts[0], "root-mfa", round % 2 == 0 ? "skip" : "n/a", "--reason", "a\(round)"])
            try bob.ok(["mark", accounts[0], "root-mfa", round % 2 == 0 ? "n/a" : "skip", "--reason", "b\(round)"])
            try bob.ok(["sync"])
            let running = try alice.bin.start(["sync", "--state-dir", alice.directory.path], environment: alice.environment)
            usleep(useconds_t(random.next() % 150_000))
            kill(running.pid, SIGKILL)
            _ = running.finish()
        }
        try alice.ok(["sync"])
        try bob.ok(["sync"])
        try alice.ok(["sync"])
        #expect(try alice.file(accounts[0]) == bob.file(accounts[0]))
        #expect(try alice.history(accounts[0]).filter { $0["action"] as? String == "status" }.count == 24)
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
        #expect(try alice.git(["fsck", "--no-progress"]).status == 0)
    }

    /// Git itself killed while it held the index leaves `.git/index.lock`: one that no process has
    /// open is cleared at once, one a running git holds is named with what to do.
    @Test func aStaleIndexLockIsClearedAFreshOneExplained() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", accounts[0]])
        try alice.ok(["team", "init", "--remote", team.remote.path])
        let lock = alice.directory.appendingPathComponent(".git/index.lock")
        FileManager.default.createFile(atPath: lock.path, contents: Data())
        try alice.ok(["mark", accounts[0], "root-mfa", "skip", "--reason", "x"])
        // Held open, as a running git holds it.
        let holder = open(lock.path, O_RDONLY | O_CLOEXEC)  // other tests start processes meanwhile
        let fresh = try alice.run(["sync"])
        #expect(fresh.status == 1)
        #expect(fresh.stderr.contains("index.lock"), "\(fresh.stderr)")
        close(holder)
        let cleared = try alice.ok(["sync"])
        #expect(cleared.stderr.contains("index.lock"), "the removal is said: \(cleared.stderr)")
        #expect(try alice.git(["log", "-1", "--format=%s"]).stdout.contains("saved but not yet committed"))
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
    }

    /// Git's merge-driver copies left by a killed git are removed on the next sync; one a process
    /// still has open, and anything that is not a regular file, is left where it is.
    @Test func abandonedMergeCopiesAreRemovedHeldOnesKept() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", accounts[0]])
        try alice.ok(["team", "init", "--remote", team.remote.path])
        let abandoned = alice.directory.appendingPathComponent(".merge_file_abandoned").path
        let held = alice.directory.appendingPathComponent(".merge_file_held").path
        let fifo = alice.directory.appendingPathComponent(".merge_file_fifo").path
        // Made with close-on-exec: a child another test starts meanwhile must not inherit them and hold them open.
        for path in [abandoned, held] {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            #expect(fd >= 0 && write(fd, "x", 1) == 1)
            close(fd)
        }
        #expect(mkfifo(fifo, 0o600) == 0)
        let holder = open(held, O_RDONLY | O_CLOEXEC)
        defer { close(holder) }
        try alice.ok(["sync"])
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: held))
        #expect(FileManager.default.fileExists(atPath: fifo))
    }

    /// Several processes saving and committing at once (different accounts): every change becomes its
    /// own commit and the repository stays sound.
    @Test func concurrentCommitsAreAllRecorded() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        let ids = (0..<6).map { String(100000000000 + $0) }
        for id in ids { try alice.ok(["add", id]) }
        try alice.ok(["team", "init"])
        let running = try ids.flatMap { id in
            try items.map { item in
                try alice.bin.start(["mark", id, item, "skip", "--reason", "parallel", "--state-dir", alice.directory.path],
                                    environment: alice.environment)
            }
        }
        for process in running {
            let (status, _, err) = process.finish()
            #expect(status == 0, "\(String(decoding: err, as: UTF8.self))")
            #expect(!String(decoding: err, as: UTF8.self).contains("not committed"))
        }
        let subjects = try alice.git(["log", "--format=%s"]).stdout.split(separator: "\n")
        #expect(subjects.filter { $0.contains("pending → skipped") }.count == ids.count * items.count, "\(subjects)")
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
        #expect(try alice.git(["fsck", "--no-progress"]).status == 0)
    }

    /// Two operators syncing at the same moment: one push loses the race, fetches, merges and pushes
    /// again; both finish, and nothing either did is missing.
    @Test func racingPushesAreRetried() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(accounts[0], first: alice, others: [bob])
        for round in 0..<4 {
            try alice.ok(["mark", accounts[0], items[round % items.count], "skip", "--reason", "alice \(round)"])
            try bob.ok(["mark", accounts[0], items[(round + 1) % items.count], "n/a", "--reason", "bob \(round)"])
            let first = try alice.bin.start(["sync", "--state-dir", alice.directory.path], environment: alice.environment)
            let second = try bob.bin.start(["sync", "--state-dir", bob.directory.path], environment: bob.environment)
            for (who, process) in [("alice", first), ("bob", second)] {
                let (status, _, err) = process.finish()
                #expect(status == 0, "\(who) round \(round): \(String(decoding: err, as: UTF8.self))")
            }
        }
        try alice.ok(["sync"])
        try bob.ok(["sync"])
        #expect(try alice.file(accounts[0]) == bob.file(accounts[0]))
        #expect(try alice.history(accounts[0]).filter { $0["action"] as? String == "status" }.count == 8)
    }
}
