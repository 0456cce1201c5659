import ChecklistModel
import ChecklistStore
import Foundation
import Testing

/// `import --organization` as cron or an operator runs it: a dry run writes nothing, a run adds
/// and corrects, a second run changes nothing, progress is never touched, hostile names are made
/// plain, and a file it cannot read is left alone.
@Suite struct ImportCommandTests {
    /// An `aws` that answers from files the test writes, so each run can see another organization.
    func fakeOrganization(_ bin: Binary) throws -> (path: String, replies: URL) {
        let replies = try bin.scratchFile("org-replies")
        try FileManager.default.createDirectory(at: replies, withIntermediateDirectories: true)
        let path = try bin.fakeAWS("org-tools", script: """
            #!/bin/sh
            case "$1 $2" in
              "organizations describe-organization") cat '\(replies.path)/org.json' ;;
              "organizations list-accounts") cat '\(replies.path)/accounts.json' ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation" >&2; exit 254 ;;
            esac
            """).path
        try Data(#"{"Organization": {"Id": "o-abcdefghij", "MasterAccountId": "111122223333"}}"#.utf8)
            .write(to: replies.appendingPathComponent("org.json"))
        return (path, replies)
    }

    func accounts(_ entries: [(String, String, String, String)]) -> Data {
        let list = entries.map { id, name, email, state in
            #"{"Id": "\#(id)", "Name": "\#(name)", "Email": "\#(email)", "State": "\#(state)", "Status": "ACTIVE"}"#
        }
        return Data(#"{"Accounts": [\#(list.joined(separator: ", "))]}"#.utf8)
    }

    @Test func dryRunThenImportThenNothingToDo() throws {
        let bin = Binary()
        let (path, replies) = try fakeOrganization(bin)
        try accounts([("111122223333", "management", "root@example.com", "ACTIVE"),
                      ("444455556666", "payments", "payments@example.com", "ACTIVE")])
            .write(to: replies.appendingPathComponent("accounts.json"))
        let env = ["PATH": path]

        let dry = try bin.run(["import", "--organization", "--dry-run"], environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would add     111122223333 management (management, active)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("would add     444455556666 payments (member, active)"))
        #expect(!FileManager.default.fileExists(atPath: bin.stateFile("111122223333").path), "a dry run writes nothing")

        let run = try bin.run(["import", "--organization"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Organization o-abcdefghij (management account 111122223333): 2 accounts; add 2, update 0, 0 unchanged."))
        let member = try StateStore(directory: bin.stateDir).load("444455556666")
        #expect(member.account.kind == .member && member.account.organizationId == "o-abcdefghij"
                && member.account.managementAccountId == "111122223333" && member.account.rootEmail == "payments@example.com"
                && member.account.status == .active)

        let again = try bin.run(["import", "--organization"], environment: env)
        #expect(again.stdout.contains("add 0, update 0, 2 unchanged"), "\(again.stdout)")
    }

    @Test func updatesNamesAndStatusesKeepsProgressAndMakesNamesPlain() throws {
        let bin = Binary()
        let (path, replies) = try fakeOrganization(bin)
        let file = replies.appendingPathComponent("accounts.json")
        try accounts([("111122223333", "management", "root@example.com", "ACTIVE"),
                      ("444455556666", "payments", "payments@example.com", "ACTIVE")]).write(to: file)
        let env = ["PATH": path]
        try bin.run(["import", "--organization"], environment: env)
        try bin.run(["mark", "444455556666", "sign-out-root", "skip", "--reason", "later"])

        try accounts([("111122223333", "management", "root@example.com", "ACTIVE"),
                      ("444455556666", #"pay\u001b[31mments"#, "payments@example.com", "SUSPENDED"),
                      ("777788889999", "new-team", "new@example.com", "ACTIVE")]).write(to: file)
        let run = try bin.run(["import", "--organization"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("update  444455556666: alias, status"), "\(run.stdout)")
        #expect(run.stdout.contains("add     777788889999 new-team"))
        #expect(!run.stdout.contains("\u{1B}"), "no control character reaches the terminal")
        let member = try StateStore(directory: bin.stateDir).load("444455556666")
        #expect(member.account.status == .suspended)
        #expect(member.account.alias == "pay [31mments")
        #expect(member.record("sign-out-root").status == .skipped, "progress is never touched")
        #expect(member.history.contains { $0.action == .account && $0.item == "status" && $0.to == "suspended" })
    }

    @Test func aDamagedFileIsLeftUntouchedAndNamed() throws {
        let bin = Binary()
        let (path, replies) = try fakeOrganization(bin)
        try accounts([("111122223333", "management", "root@example.com", "ACTIVE")])
            .write(to: replies.appendingPathComponent("accounts.json"))
        try FileManager.default.createDirectory(at: bin.stateDir, withIntermediateDirectories: true)
        chmod(bin.stateDir.path, 0o700)
        try Data("{ damaged".utf8).write(to: bin.stateFile("111122223333"))
        let run = try bin.run(["import", "--organization"], environment: ["PATH": path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("111122223333 could not be read and were left untouched"), "\(run.stderr)")
        #expect(try String(contentsOf: bin.stateFile("111122223333"), encoding: .utf8) == "{ damaged")
    }

    @Test func withoutOrganizationsAccessItSaysWhatToDo() throws {
        let bin = Binary()
        let (path, replies) = try fakeOrganization(bin)
        try FileManager.default.removeItem(at: replies.appendingPathComponent("org.json"))
        let run = try bin.run(["import", "--organization"], environment: ["PATH": path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot describe the organization"), "\(run.stderr)")
        #expect(try bin.run(["import"]).status == 64)
    }
}
