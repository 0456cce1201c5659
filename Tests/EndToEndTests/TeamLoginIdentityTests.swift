import Foundation
import Testing

/// Two people on one login share its global git identity: history would record both under one
/// name. Said once, with the way out, and `team init --name` gives the directory its own.
@Suite struct TeamLoginIdentityTests {
    let id = "111122223333"

    @Test func aNameFromTheLoginsGitConfigIsSaidOnceWithTheWayOut() throws {
        let team = try TeamFixture()
        let ops = team.member("ops")
        try ops.ok(["add", id])
        let shared = try ops.ok(["team", "init"])
        #expect(shared.stdout.contains("History records you as ops from your login's git config"), "\(shared.stdout)")
        let first = try ops.ok(["mark", id, "root-mfa", "skip", "--reason", "tokens on order"])
        #expect(first.stderr.contains("history records you as \"ops\", the git user.name of login"), "\(first.stderr)")
        #expect(first.stderr.contains("root-checklist team init --name \"YOUR NAME\""))
        let second = try ops.ok(["mark", id, "security-contact", "skip", "--reason", "SOC mailbox pending"])
        #expect(!second.stderr.contains("history records you as"), "said once: \(second.stderr)")
    }

    @Test func teamInitNameGivesTheDirectoryItsOwnOperator() throws {
        let team = try TeamFixture()
        let ops = team.member("ops")
        try ops.ok(["add", id])
        let shared = try ops.ok(["team", "init", "--name", "Alice Example", "--email", "alice@corp.example"])
        #expect(shared.stdout.contains("History in this directory records you as Alice Example."), "\(shared.stdout)")
        let marked = try ops.ok(["mark", id, "root-mfa", "skip", "--reason", "tokens on order"])
        #expect(!marked.stderr.contains("history records you as"), "\(marked.stderr)")
        #expect(try ops.history(id).last?["by"] as? String == "Alice Example")
        #expect(try ops.git(["log", "-1", "--format=%an <%ae>"]).stdout.contains("Alice Example <alice@corp.example>"))
        #expect(try ops.run(["team", "init", "--email", "a@b.example"]).status == 64)
    }

    @Test func aGivenOperatorIsNeverQuestioned() throws {
        let team = try TeamFixture()
        let ops = team.member("ops")
        try ops.ok(["add", id, "--operator", "bob"])
        try ops.ok(["team", "init", "--operator", "bob"])
        let marked = try ops.ok(["mark", id, "root-mfa", "skip", "--reason", "tokens on order", "--operator", "bob"])
        #expect(!marked.stderr.contains("history records you as"), "\(marked.stderr)")
    }
}
