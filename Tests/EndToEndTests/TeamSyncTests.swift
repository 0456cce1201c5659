import Foundation
import Testing

/// Shared state through real git: a bare remote and two operators' clones in temporary directories.
@Suite struct TeamSyncTests {
    let id = "111122223333"

    @Test(arguments: [false, true]) func twoOperatorsOnOneAccountSyncInEitherOrder(bobFirst: Bool) throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])

        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        try alice.ok(["mark", id, "security-contact", "skip", "--reason", "waiting on the SOC"])
        try bob.ok(["mark", id, "group-root-email", "skip", "--reason", "mail team asked"])
        try bob.ok(["mark", id, "root-mfa", "n/a", "--reason", "root credentials removed centrally"])  // later than alice's

        let (first, second) = bobFirst ? (bob, alice) : (alice, bob)
        try first.ok(["sync"])
        let clashing = try second.ok(["sync"])
        try first.ok(["sync"])
        #expect(clashing.stdout.contains("root-mfa changed by alice and by bob; bob's later change kept"), "\(clashing.stdout)")

        // Both end with the same file: the later change to root-mfa, each one-sided change, every entry.
        #expect(try alice.file(id) == bob.file(id))
        #expect(try alice.status(id, "root-mfa") == "not-applicable")
        #expect(try alice.status(id, "security-contact") == "skipped")
        #expect(try alice.status(id, "group-root-email") == "skipped")
        let changes = try alice.history(id).filter { $0["action"] as? String == "status" }
            .map { "\($0["by"] ?? "")/\($0["item"] ?? "")/\($0["to"] ?? "")" }
        #expect(Set(changes) == ["alice/root-mfa/skipped", "alice/security-contact/skipped", "bob/group-root-email/skipped",
                                 "bob/root-mfa/not-applicable"])
        #expect(changes.count == 4)
        // The merged file adds up (history in time order, each status where its history leads) once
        // the item both changed is resolved.
        #expect(try alice.run(["history", "--verify"]).status == 3)
        try alice.ok(["resolve", id, "root-mfa", "--take", "current"])
        try alice.ok(["sync"])
        try bob.ok(["sync"])
        try alice.ok(["history", "--verify"])
        try bob.ok(["history", "--verify"])
        // Nothing left uncommitted or unpushed.
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
        #expect(try alice.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == team.remoteHead())
        // Each change is one commit, named for the account, item and transition, by its operator.
        let log = try bob.git(["log", "--format=%an|%s"]).stdout
        #expect(log.contains("bob|\(id) (prod): root-mfa pending → not-applicable"), "\(log)")
        #expect(log.contains("alice|\(id) (prod): security-contact pending → skipped"), "\(log)")
        // Operators come from git's user.name; the history says who.
        #expect(try bob.ok(["history", id, "root-mfa"]).stdout.contains("bob"))
    }

    @Test func stateFilesStayPrivateAndLocksStayLocal() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        var info = stat()
        #expect(stat(bob.directory.appendingPathComponent("\(id).json").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let tracked = try bob.git(["ls-files"]).stdout.split(separator: "\n")
        #expect(Set(tracked) == [".gitattributes", ".gitignore", "\(id).json"])
        #expect(try bob.git(["config", "merge.root-checklist.driver"]).stdout.contains("merge-driver %O %A %B"))
    }

    @Test func aDamagedFileFromTheRemoteIsRefusedAndTheLocalOneKept() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        // Bob's tools break the file and push it past root-checklist.
        try Data("{ \"schemaVersion\": 3, \"account\": ".utf8).write(to: bob.directory.appendingPathComponent("\(id).json"))
        #expect(try bob.git(["commit", "-qam", "broken"]).status == 0)
        #expect(try bob.git(["push", "-q", "origin", "main"]).status == 0)

        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        let before = try alice.file(id)
        let refused = try alice.run(["sync"])
        #expect(refused.status == 1)
        // Changed on both sides, it is read before the merge as every incoming file is: no merge is
        // started, so nothing waits for a person and no advice can throw a saved change away.
        #expect(refused.stderr.contains("the remote's \(id).json cannot be read"), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing here was changed"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!refused.stderr.contains("merge --abort"))
        #expect(try alice.file(id) == before)
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty)
        let again = try alice.run(["sync"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("cannot be read"), "\(again.stderr)")
        // Work goes on meanwhile, each change committed here.
        let marked = try alice.run(["mark", id, "security-contact", "skip", "--reason", "later"])
        #expect(marked.status == 0)
        #expect(marked.stderr.isEmpty, "\(marked.stderr)")
        #expect(try alice.status(id, "security-contact") == "skipped")
    }

    /// Changed only on the remote, a file git would take as it is, without the driver: read first,
    /// refused before anything is merged, the local copy and repository untouched.
    @Test func aDamagedFileOnlyTheRemoteChangedIsRefusedBeforeMerging() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        let good = try bob.file(id)
        try Data("{ \"schemaVersion\": 3, \"account\": ".utf8).write(to: bob.directory.appendingPathComponent("\(id).json"))
        _ = try bob.git(["commit", "-qam", "broken"])
        _ = try bob.git(["push", "-q", "origin", "main"])

        let before = try alice.file(id), head = try alice.git(["rev-parse", "HEAD"]).stdout
        let refused = try alice.run(["sync"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("sync stopped before merging: the remote's \(id).json cannot be read"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try alice.file(id) == before)
        #expect(try alice.git(["rev-parse", "HEAD"]).stdout == head, "nothing merged")
        #expect(!FileManager.default.fileExists(atPath: alice.directory.appendingPathComponent(".git/MERGE_HEAD").path))
        // Work goes on, committed as usual; once the remote is repaired, sync takes both.
        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        try good.write(to: bob.directory.appendingPathComponent("\(id).json"))
        _ = try bob.git(["commit", "-qam", "repaired"])
        _ = try bob.git(["push", "-q", "origin", "main"])
        try alice.ok(["sync"])
        #expect(try alice.status(id, "root-mfa") == "skipped")
    }

    @Test func aNewerSchemaFromTheRemoteIsRefused() throws {
        let team = try TeamFixture()
        let alice = team.member("alice"), bob = team.member("bob")
        try team.start(id, first: alice, others: [bob])
        var newer = try bob.state(id)
        newer["schemaVersion"] = 99
        try JSONSerialization.data(withJSONObject: newer).write(to: bob.directory.appendingPathComponent("\(id).json"))
        _ = try bob.git(["commit", "-qam", "from the future"])
        _ = try bob.git(["push", "-q", "origin", "main"])
        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        let before = try alice.file(id)
        let refused = try alice.run(["sync"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("upgrade root-checklist"), "\(refused.stderr)")
        #expect(try alice.file(id) == before)
    }

    @Test func syncNeedsASharedDirectoryAndARemote() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", id])
        let unshared = try alice.run(["sync"])
        #expect(unshared.status == 1)
        #expect(unshared.stderr.contains("team init"), "\(unshared.stderr)")
        try alice.ok(["team", "init"])
        let noRemote = try alice.run(["sync"])
        #expect(noRemote.status == 1)
        #expect(noRemote.stderr.contains("--remote"), "\(noRemote.stderr)")
        // Changes are committed even without a remote.
        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "x"])
        #expect(try alice.git(["log", "-1", "--format=%s"]).stdout.contains("root-mfa pending → skipped"))
        #expect(try alice.run(["team", "init", "--remote", ""]).status == 64)
        #expect(try alice.ok(["team", "init", "--remote", team.remote.path]).stdout.contains("sent"))
        let other = try alice.run(["team", "init", "--remote", "/elsewhere.git"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("already syncs with"), "\(other.stderr)")
        // A remote that cannot be reached: shared here all the same, and told what to run later.
        let carol = team.member("carol")
        try carol.ok(["add", "444455556666"])
        let unreachable = try carol.run(["team", "init", "--remote", team.root.appendingPathComponent("missing.git").path])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("is shared through git and every change is now a commit, but the first sync did not finish"),
                "\(unreachable.stderr)")
        #expect(try carol.git(["log", "-1", "--format=%s"]).stdout.contains("share the state directory"))
    }

    @Test func theMergeDriverRefusesADamagedSideAndLeavesOursAlone() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", id])
        let ours = try alice.bin.scratchFile("ours.json"), theirs = try alice.bin.scratchFile("theirs.json"), base = try alice.bin.scratchFile("base.json")
        try alice.file(id).write(to: ours)
        try alice.file(id).write(to: base)
        try Data("not json".utf8).write(to: theirs)
        let before = try Data(contentsOf: ours)
        let refused = try alice.bin.run(["merge-driver", base.path, ours.path, theirs.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("root-checklist merge refused: "), "\(refused.stderr)")
        #expect(try Data(contentsOf: ours) == before)
    }

    @Test func reportsNameTheCommitTheyDescribe() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", id, "--alias", "prod"])
        try alice.ok(["team", "init"])
        let head = try alice.git(["rev-parse", "--short=12", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try alice.run(["summary", id]).stdout
        #expect(text.contains("State: commit \(head) of the shared state directory."), "\(text)")
        // A change saved but not committed (git was away) is named as such.
        var broken = alice.environment
        broken["PATH"] = "/nonexistent"
        let marked = try alice.bin.run(["mark", id, "root-mfa", "skip", "--reason", "x", "--state-dir", alice.directory.path], environment: broken)
        #expect(marked.status == 0)
        #expect(marked.stderr.contains("git is not installed"), "\(marked.stderr)")
        let json = try alice.run(["summary", "--all", "--format", "json"]).stdout
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let state = try #require(document?["state"] as? [String: Any])
        #expect(state["commit"] as? String == head)
        #expect(state["uncommittedAccounts"] as? [String] == [id])
        let html = try alice.run(["summary", "--all", "--format", "html"]).stdout
        #expect(html.contains("State: commit \(head) of the shared state directory; changed since then and not yet committed: \(id)."))
        // Without a shared directory, reports say nothing of commits.
        let plain = Binary()
        try plain.run(["add", id])
        #expect(try plain.run(["summary", "--all", "--format", "json"]).stdout.contains("\"state\"") == false)
    }
}
