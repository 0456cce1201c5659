import DefaultChecklist
import Foundation
import Testing

/// The remote is as untrusted as a reply from AWS: whatever a teammate (or a compromised laptop)
/// pushes with plain git is looked at before it touches the working copy, and a sync that meets
/// something it never takes stops with the path named and nothing here changed.
@Suite struct TeamRemoteUntrustedTests {
    let id = "111122223333"

    /// Someone with push access, working with plain git in a clone of their own.
    struct Pusher {
        let clone: URL
        let environment: [String: String]

        init(_ team: TeamFixture) throws {
            clone = team.root.appendingPathComponent("mallory-\(UUID().uuidString)")
            environment = TeamFixture.baseEnvironment(root: team.root, name: "mallory")
            let cloned = try TeamFixture.git(["clone", "-q", "-b", "main", team.remote.path, clone.path], environment: environment)
            #expect(cloned.status == 0, "\(cloned.stderr)")
        }

        @discardableResult
        func git(_ arguments: [String]) throws -> Binary.Result {
            let result = try TeamFixture.git(["-C", clone.path] + arguments, environment: environment)
            #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }

        func write(_ path: String, _ text: String) throws {
            let url = clone.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func state(_ id: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: clone.appendingPathComponent("\(id).json"))) as? [String: Any] ?? [:]
        }

        func writeState(_ id: String, _ object: [String: Any]) throws {
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                .write(to: clone.appendingPathComponent("\(id).json"))
        }

        /// Rewrites `id`'s file as a hand-edited push would: `edit` gets the whole state and its items.
        func editState(_ id: String, _ edit: (inout [String: Any], inout [String: Any]) -> Void) throws {
            var state = try self.state(id)
            var items = state["items"] as? [String: Any] ?? [:]
            edit(&state, &items)
            state["items"] = items
            try writeState(id, state)
        }

        func push(_ message: String, force: [String] = []) throws {
            if !force.isEmpty { try git(["add", "-f", "--"] + force) }
            try git(["add", "-A"])
            try git(["commit", "-q", "-m", message])
            try git(["push", "-q", "origin", "HEAD:main"])
        }
    }

    /// alice, sharing one account with a remote someone else can push to.
    func setUp() throws -> (TeamFixture, TeamFixture.Operator, Pusher) {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try team.start(id, first: alice, others: [])
        try alice.ok(["mark", id, "root-mfa", "done"] + Binary.mfa)
        try alice.ok(["sync"])
        return (team, alice, try Pusher(team))
    }

    /// Runs alice's sync, which must stop naming `expected`, with her files and commit as they were.
    func expectRefused(_ alice: TeamFixture.Operator, naming expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let head = try alice.git(["rev-parse", "HEAD"]).stdout
        let file = try alice.file(id)
        let listing = try FileManager.default.contentsOfDirectory(atPath: alice.directory.path).sorted()
        let sync = try alice.run(["sync"])
        #expect(sync.status == 1, "\(sync.stdout)", sourceLocation: sourceLocation)
        #expect(sync.stderr.contains("sync stopped before merging"), "\(sync.stderr)", sourceLocation: sourceLocation)
        #expect(sync.stderr.contains(expected), "\(sync.stderr)", sourceLocation: sourceLocation)
        #expect(sync.stderr.contains("nothing here was changed"), sourceLocation: sourceLocation)
        #expect(try alice.git(["rev-parse", "HEAD"]).stdout == head, "no merge was made", sourceLocation: sourceLocation)
        #expect(try alice.file(id) == file, sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: alice.directory.path).sorted() == listing,
                "no file arrived", sourceLocation: sourceLocation)
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func aLockFileFromTheRemoteIsRefused() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.write(".\(id).lock", "mallory\n")
        try mallory.push("lock", force: [".\(id).lock"])
        try expectRefused(alice, naming: ".\(id).lock is not an account file")
        // Still refused next time; the local lock is alice's own.
        try expectRefused(alice, naming: ".\(id).lock")
        try alice.ok(["mark", id, "sign-out-root", "skip", "--reason", "later"])
    }

    @Test func aLinkWhereAnAccountFileBelongsIsRefused() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.git(["rm", "-q", "\(id).json"])
        try FileManager.default.createSymbolicLink(atPath: mallory.clone.appendingPathComponent("\(id).json").path, withDestinationPath: "/etc/passwd")
        try mallory.push("link")
        try expectRefused(alice, naming: "not a regular file")
    }

    @Test(arguments: [(".gitattributes", "[0-9]*.json merge=union\n"), (".gitattributes", "*.json working-tree-encoding=UTF-16LE\n"),
                      (".gitignore", "[0-9]*.json\n"), ("notes/README.md", "hello\n"), ("444455556666.json.tmp", "{}\n")])
    func settingsAndOtherFilesFromTheRemoteAreRefused(path: String, text: String) throws {
        let (_, alice, mallory) = try setUp()
        try mallory.write(path, text)
        try mallory.push("settings", force: [path])
        try expectRefused(alice, naming: path)
    }

    @Test func aDeletedAccountIsRefusedUnlessAllowed() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.git(["rm", "-q", "\(id).json"])
        try mallory.push("delete")
        try expectRefused(alice, naming: "the remote deletes account \(id)")
        #expect(try alice.run(["sync"]).stderr.contains("--allow-deletions"))
        // An account open in a walkthrough is not deleted under it: it would be saved back.
        let held = open(alice.directory.appendingPathComponent(".\(id).lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        let whileOpen = try alice.run(["sync", "--allow-deletions"])
        #expect(whileOpen.status != 0 && whileOpen.stderr.contains("is open for writing"), "\(whileOpen.stderr)")
        #expect(FileManager.default.fileExists(atPath: alice.directory.appendingPathComponent("\(id).json").path))
        close(held)
        try alice.ok(["sync", "--allow-deletions"])
        #expect(!FileManager.default.fileExists(atPath: alice.directory.appendingPathComponent("\(id).json").path))
    }

    @Test func aRemoteVersionThatDropsHistoryIsRefused() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.editState(id) { state, items in
            items["root-mfa"] = ["status": "pending", "evidence": [String: String]()]
            state["history"] = [(state["history"] as? [Any])?.first].compactMap { $0 }
        }
        try mallory.push("reset")
        try expectRefused(alice, naming: "history entries the common version has")
        #expect(try alice.status(id, "root-mfa") == "done")
    }

    @Test func doneWithoutEvidenceFromTheRemoteIsRefused() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.editState(id) { _, items in
            items["no-root-access-keys"] = ["status": "done", "evidence": [String: String](), "by": "mallory", "at": "2026-01-01T00:00:00Z"]
        }
        try mallory.push("done without evidence")
        try expectRefused(alice, naming: "no-root-access-keys is done without its required evidence")
        #expect(try alice.run(["summary", id]).status == 3)
    }

    @Test func aLowerChecklistVersionIsRefused() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.editState(id) { state, items in
            var checklist = state["checklist"] as? [String: Any] ?? [:]
            checklist["version"] = 1
            checklist["digest"] = nil
            state["checklist"] = checklist
            items["no-root-access-keys"] = ["status": "done", "evidence": ["keys-deleted": "0"], "by": "mallory", "at": "2026-01-01T00:00:00Z"]
        }
        try mallory.push("older rules")
        try expectRefused(alice, naming: "it lowers the checklist from v\(BundledChecklists.checklists[BundledChecklists.defaultName]?.version ?? 0) to v1")
    }

    /// How a member is reached decides which role this program assumes: a push cannot pick an
    /// arbitrary one, nor date a changed-by-both version in 2099.
    @Test func aWayInOrAVersionThisProgramWouldNotWriteIsRefused() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.editState(id) { state, _ in state["checkAccess"] = "role:Admin\u{1B}[2J" }
        try mallory.push("a way in")
        try expectRefused(alice, naming: "is not role:NAME or assume-root")

        let (_, bob, eve) = try setUp()
        try eve.editState(id) { _, items in
            var mfa = items["root-mfa"] as? [String: Any] ?? [:]
            mfa["changedByBoth"] = [["by": "eve", "at": "2099-01-01T00:00:00Z", "values": ["status": "done"]],
                                    ["by": "bob", "at": "2026-01-01T00:00:00Z", "values": ["status": "pending"]]]
            items["root-mfa"] = mfa
        }
        try eve.push("a version from the future")
        try expectRefused(bob, naming: "has a version by eve dated 2099-01-01T00:00:00Z, in the future")
    }

    @Test func aCheckDatedInTheFutureIsRefused() throws {
        let (_, alice, mallory) = try setUp()
        try mallory.editState(id) { _, items in
            var mfa = items["root-mfa"] as? [String: Any] ?? [:]
            mfa["check"] = ["outcome": "pass", "reason": "trust me", "at": "2099-01-01T00:00:00Z", "source": "aws-cli"]
            items["root-mfa"] = mfa
        }
        try mallory.push("check from the future")
        try expectRefused(alice, naming: "dated 2099-01-01T00:00:00Z, in the future")
    }

    /// Once the remote is put right, the next sync takes what is good.
    @Test func aRepairedRemoteSyncsAgain() throws {
        let (team, alice, mallory) = try setUp()
        try mallory.write(".gitattributes", "[0-9]*.json merge=union\n")
        try mallory.push("settings")
        try expectRefused(alice, naming: ".gitattributes")
        try mallory.git(["checkout", "-q", "HEAD~1", "--", ".gitattributes"])
        try mallory.push("put back")
        let bob = team.member("bob")
        try bob.ok(["team", "init", "--remote", team.remote.path])
        try bob.ok(["mark", id, "sign-out-root", "skip", "--reason", "bob later"])
        try bob.ok(["sync"])
        try alice.ok(["sync"])
        #expect(try alice.status(id, "sign-out-root") == "skipped")
        // The rules that count live where no remote reaches.
        let attributes = try String(contentsOf: alice.directory.appendingPathComponent(".git/info/attributes"), encoding: .utf8)
        #expect(attributes.contains("* -text -eol -filter -diff -ident -working-tree-encoding -merge\n[0-9]*.json merge=root-checklist"))
    }

    /// Joining a team whose remote keeps its state on `master` follows that branch; a directory
    /// already on another branch is told, and nothing is pushed beside the team's.
    @Test func joiningFollowsTheRemotesDefaultBranch() throws {
        let team = try TeamFixture()
        let setup = TeamFixture.baseEnvironment(root: team.root, name: "carol")
        let seed = team.root.appendingPathComponent("seed")
        let carol = team.member("carol")
        try carol.ok(["add", id, "--alias", "prod"])
        #expect(try TeamFixture.git(["clone", "-q", team.remote.path, seed.path], environment: setup).status == 0)
        try FileManager.default.copyItem(at: carol.directory.appendingPathComponent("\(id).json"), to: seed.appendingPathComponent("\(id).json"))
        for arguments in [["checkout", "-q", "-b", "master"], ["add", "-A"], ["commit", "-q", "-m", "seed"], ["push", "-q", "origin", "master"]] {
            let result = try TeamFixture.git(["-C", seed.path] + arguments, environment: setup)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try TeamFixture.git(["--git-dir", team.remote.path, "symbolic-ref", "HEAD", "refs/heads/master"], environment: setup).status == 0)

        let alice = team.member("alice")
        try alice.ok(["add", "444455556666"])
        let joined = try alice.ok(["team", "init", "--remote", team.remote.path])
        #expect(joined.stdout.contains("Following the remote's default branch, master."), "\(joined.stdout)")
        #expect(FileManager.default.fileExists(atPath: alice.directory.appendingPathComponent("\(id).json").path), "the team's account arrived")
        let branches = try TeamFixture.git(["--git-dir", team.remote.path, "branch", "--format=%(refname:short)"], environment: setup).stdout
        #expect(branches.split(separator: "\n") == ["master"], "no main pushed beside it: \(branches)")

        // A directory shared before, on main, with history of its own: told, not pushed.
        let bob = team.member("bob")
        try bob.ok(["add", "777788889999"])
        try bob.ok(["team", "init"])
        _ = try bob.git(["remote", "add", "origin", team.remote.path])
        let sync = try bob.run(["sync"])
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("keeps the team's state on branch master, and this directory is on main"), "\(sync.stderr)")
        #expect(try TeamFixture.git(["--git-dir", team.remote.path, "branch", "--format=%(refname:short)"], environment: setup).stdout
                    .split(separator: "\n") == ["master"])
        _ = try bob.git(["branch", "-m", "master"])
        try bob.ok(["sync"])
        #expect(FileManager.default.fileExists(atPath: bob.directory.appendingPathComponent("\(id).json").path))
    }

    /// A team of thousands of accounts syncs: every incoming file is read in full, in batches.
    @Test func aRemoteWithThreeThousandChangedAccountsSyncs() throws {
        let (_, alice, mallory) = try setUp()
        let template = try mallory.state(id)
        for index in 0..<3000 {
            let other = String(format: "5%011d", index)
            var state = template
            var account = state["account"] as? [String: Any] ?? [:]
            account["id"] = other
            state["account"] = account
            try mallory.writeState(other, state)
        }
        try mallory.push("3000 accounts")
        let sync = try alice.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("3000 accounts changed"), "\(sync.stdout)")
        #expect(try alice.run(["list"]).stdout.contains("Totals: 3001 accounts"))
    }
}
