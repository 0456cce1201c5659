import ChecklistModel
import ChecklistStore
import Foundation
import Testing
@testable import TeamState

/// Sync, the merge driver and commit messages, in process: two operators and a bare remote in
/// temporary directories, git run by the module itself (no root-checklist binary).
@Suite struct TeamSyncInProcessTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-teamstate-\(UUID().uuidString)")
    let at = Date(timeIntervalSince1970: 1_800_000_000)

    static let checklist: Checklist = {
        let item = ChecklistItem(id: "root-mfa", title: "MFA", required: true, why: "w", steps: ["s"])
        let other = ChecklistItem(id: "no-keys", title: "No keys", required: false, why: "w", steps: ["s"])
        return Checklist(id: "tiny", version: 1, title: "Tiny", items: [item, other])
    }()

    /// A git environment of its own: no global or system configuration, a fixed identity.
    func environment(_ name: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        let config = root.appendingPathComponent("\(name).gitconfig")
        FileManager.default.createFile(atPath: config.path, contents: Data("[user]\n\tname = \(name)\n\temail = \(name)@example.com\n".utf8))
        environment["GIT_CONFIG_GLOBAL"] = config.path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        return environment
    }

    func remote() throws -> String {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let path = root.appendingPathComponent("remote.git").path
        let git = try #require(Git(directory: root.path, environment: environment("setup")))
        try git.check(["init", "-q", "--bare", "--initial-branch=main", path])
        return path
    }

    /// A member's state directory joined to the remote (`team init --remote`).
    func member(_ name: String, remote: String) throws -> SharedDirectory {
        let store = StateStore(directory: root.appendingPathComponent(name))
        _ = try TeamSetup.run(store: store, remote: remote, operatorName: { _ in name }, driverCommand: "false", environment: environment(name))
        return try SharedDirectory.open(store, environment: environment(name))
    }

    /// Adds an account as `add` would: saved under its lock, then committed.
    func add(_ id: String, alias: String, in shared: SharedDirectory, by: String) throws {
        let state = try AccountState.new(accountID: id, alias: alias, rootEmail: nil, checklist: Self.checklist, by: by, at: at)
        let lock = try shared.store.lock(id, purpose: "test")
        try shared.store.create(state, lock: lock)
        lock.release()
        try ChangeRecorder(shared: shared).record(state, previous: nil, by: by)
    }

    @Test func twoMembersExchangeTheirAccounts() throws {
        let remote = try remote()
        let alice = try member("alice", remote: remote)
        try add("111122223333", alias: "prod", in: alice, by: "alice")
        let sent = try TeamSync(shared: alice, operatorName: "alice", driverCommand: "false").run()
        #expect(sent.sent == 1)
        let bob = try member("bob", remote: remote)
        #expect(try bob.store.accountIDs() == ["111122223333"], "joining takes what the team has")
        try add("444455556666", alias: "dev", in: bob, by: "bob")
        #expect(try TeamSync(shared: bob, operatorName: "bob", driverCommand: "false").run().sent == 1)
        let received = try TeamSync(shared: alice, operatorName: "alice", driverCommand: "false").run()
        #expect(received.received >= 1, "bob's commits (his joining, his account)")
        #expect(received.clashes.isEmpty)
        #expect(try alice.store.accountIDs().sorted() == ["111122223333", "444455556666"])
        #expect(try alice.store.load("444455556666").account.alias == "dev")
    }

    /// What the remote brings is read and checked before it touches the working copy: a state the
    /// inspection refuses leaves the local directory as it was.
    @Test func anIncomingStateTheInspectionRefusesNeverArrives() throws {
        let remote = try remote()
        let alice = try member("alice", remote: remote)
        let bob = try member("bob", remote: remote)
        try add("444455556666", alias: "evil", in: bob, by: "bob")
        _ = try TeamSync(shared: bob, operatorName: "bob", driverCommand: "false").run()
        var sync = TeamSync(shared: alice, operatorName: "alice", driverCommand: "false")
        sync.inspectState = { state in state.account.alias == "evil" ? ["an alias this test refuses"] : [] }
        #expect(throws: TeamError.self) { try sync.run() }
        #expect(try alice.store.accountIDs().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: alice.store.url(for: "444455556666").path))
    }

    /// The driver merges item by item: changes to different items both land; the same item changed
    /// on both sides comes back as a clash line `sync` reads as data.
    @Test func theDriverMergesAndHandsBackClashes() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let base = try AccountState.new(accountID: "111122223333", alias: "prod", rootEmail: nil, checklist: Self.checklist, by: "setup", at: at)
        var ours = base
        try ours.setStatus(.skipped, item: "no-keys", reason: "later", checklist: Self.checklist, by: "alice", at: at.addingTimeInterval(60))
        try ours.setNote("alice's note", item: "root-mfa", checklist: Self.checklist, by: "alice", at: at.addingTimeInterval(60))
        var theirs = base
        try theirs.setNote("bob's note", item: "root-mfa", checklist: Self.checklist, by: "bob", at: at.addingTimeInterval(120))
        let paths = ["base", "ours", "theirs"].map { root.appendingPathComponent($0).path }
        for (state, path) in zip([base, ours, theirs], paths) {
            try StateCodec.encodeForWriting(state, path: path).write(to: URL(fileURLWithPath: path))
        }
        let lines = try MergeDriver.run(base: paths[0], ours: paths[1], theirs: paths[2])
        let merged = try StateCodec.decode(Data(contentsOf: URL(fileURLWithPath: paths[1])), path: "merged")
        #expect(merged.record("no-keys").status == .skipped, "alice's change to another item is kept")
        #expect(merged.record("root-mfa").note == "bob's note", "the later change is in force")
        #expect(merged.record("root-mfa").changedByBoth?.count == 2, "and the item says both changed it")
        let clashes = lines.compactMap { SyncClash(line: String($0.dropFirst(MergeDriver.clashPrefix.count))) }
        #expect(clashes.count == 1 && clashes.first?.accountID == "111122223333", "\(lines)")
    }

    /// A damaged side is refused and git's copy of ours is left as it was.
    @Test func theDriverRefusesADamagedSide() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let good = try AccountState.new(accountID: "111122223333", alias: nil, rootEmail: nil, checklist: Self.checklist, by: "setup", at: at)
        let paths = ["base", "ours", "theirs"].map { root.appendingPathComponent($0).path }
        let bytes = try StateCodec.encodeForWriting(good, path: paths[1])
        try bytes.write(to: URL(fileURLWithPath: paths[0]))
        try bytes.write(to: URL(fileURLWithPath: paths[1]))
        try Data("{\"schemaVersion\": 1, \"account\": ".utf8).write(to: URL(fileURLWithPath: paths[2]))
        #expect(throws: TeamError.self) { try MergeDriver.run(base: paths[0], ours: paths[1], theirs: paths[2]) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: paths[1])) == bytes)
    }

    /// A commit says what changed, in words a teammate reads in `git log`.
    @Test func aCommitMessageSaysWhatChanged() throws {
        let before = try AccountState.new(accountID: "111122223333", alias: "prod", rootEmail: nil, checklist: Self.checklist, by: "a", at: at)
        var after = before
        try after.setStatus(.skipped, item: "no-keys", reason: "later", checklist: Self.checklist, by: "alice", at: at)
        let message = ChangeMessage.make(after, previous: before)
        #expect(message.contains("111122223333"))
        #expect(message.contains("no-keys"))
        #expect(message.contains("skipped"))
        #expect(ChangeMessage.make(before, previous: nil).contains("add"))
    }
}
