import ChecklistModel
import ChecklistStore
import Foundation
import Testing
import TestSupport

/// The fleet end to end against moto_server's AWS Organizations, STS and IAM with the real AWS CLI:
/// import the organization, verify every member through OrganizationAccountAccessRole, report it.
@Suite(.serialized, .enabled(if: Emulator.available, "needs aws and moto_server: pip install awscli 'moto[server]'"))
struct OrganizationEmulatorTests {
    /// An organization of the management account and two members, payments and sandbox.
    func organization(_ emulator: Emulator) {
        emulator.aws(["organizations", "create-organization", "--feature-set", "ALL"])
        emulator.aws(["organizations", "create-account", "--email", "payments-root@example.com", "--account-name", "payments"])
        emulator.aws(["organizations", "create-account", "--email", "sandbox-root@example.com", "--account-name", "sandbox"])
    }

    @Test func importVerifyAndReportAnOrganization() throws {
        // moto's default account: with another one set, its STS answers every caller as that account.
        let emulator = try Emulator()
        organization(emulator)
        let bin = Binary()
        let imported = try bin.run(["import", "--organization"], environment: emulator.environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("3 accounts; add 3, update 0, 0 unchanged"), "\(imported.stdout)")
        let store = StateStore(directory: bin.stateDir)
        let ids = try store.accountIDs()
        #expect(ids.count == 3)
        let payments = try #require(ids.compactMap { try? store.load($0) }.first { $0.account.alias == "payments" })
        #expect(payments.account.kind == .member && payments.account.rootEmail == "payments-root@example.com")

        let verified = try bin.run(["verify", "--all", "--role-name", "OrganizationAccountAccessRole", "--jobs", "2"],
                                   environment: emulator.environment)
        // moto reports no MFA on any root user: every member's root-mfa check fails, and is flagged.
        #expect(verified.status == 3, "\(verified.stdout) \(verified.stderr)")
        #expect(!verified.stdout.contains("NOT CHECKED"), "\(verified.stdout)")
        #expect(verified.stdout.contains("Checked 3 of 3 accounts: 3 with a failing check or contradiction."), "\(verified.stdout)")
        #expect(verified.stdout.contains("Asked AWS through the native AWS client (credentials from the environment)."), "\(verified.stdout)")
        let member = try store.load(payments.account.id)
        #expect(member.record("root-mfa").check?.outcome == .fail)
        #expect(member.record("root-mfa").check?.source == .awsCLI)

        let page = try bin.run(["summary", "--all", "--format", "html"])
        #expect(page.stdout.contains(payments.account.id))
        #expect(page.stdout.contains("AWS check fail: AccountMFAEnabled is 0"), "the check result is in the report")
    }

    /// Issue 25's case: after a fleet verify with failing checks every format names the failures,
    /// `findings --outcome fail` lists exactly the failing checks the state files hold, and the
    /// evidence bundle of the run holds, breaks at any changed byte, and carries no credential the
    /// run used (each `aws` call's secret key and session token are logged by a wrapper).
    @Test func aFleetRunsReportsFindingsAndBundleAgree() throws {
        let emulator = try Emulator()
        organization(emulator)
        let bin = Binary()
        #expect(try bin.run(["import", "--organization"], environment: emulator.environment).status == 0)
        let real = try #require(Emulator.onPath("aws"))
        let (path, tools) = try bin.fakeAWS("logging-aws", script: """
            #!/bin/sh
            printf '%s %s\\n' "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" >> "$(dirname "$0")/secrets.log"
            exec '\(real)' "$@"
            """)
        var environment = emulator.environment
        environment["PATH"] = path + ":" + (environment["PATH"] ?? "")
        // Through the CLI, so the wrapper sees every credential the run used (the native client
        // keeps them in memory; the bundle is made from the same kept replies either way).
        let verified = try bin.run(["verify", "--all", "--role-name", "OrganizationAccountAccessRole", "--jobs", "2", "--backend", "cli"],
                                   environment: environment)
        #expect(verified.status == 3, "\(verified.stdout) \(verified.stderr)")
        #expect(verified.stdout.contains("Asked AWS through the AWS CLI."), "\(verified.stdout)")
        #expect(verified.stdout.contains("; failing: root-mfa"), "verify names the failing items: \(verified.stdout)")

        // The failing checks, counted from the state files alone.
        var failing: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: bin.stateDir.path) where file.hasSuffix(".json") {
            let state = try JSONSerialization.jsonObject(with: Data(contentsOf: bin.stateDir.appendingPathComponent(file))) as? [String: Any] ?? [:]
            for (item, record) in state["items"] as? [String: [String: Any]] ?? [:]
            where (record["check"] as? [String: Any])?["outcome"] as? String == "fail" {
                failing.insert("\(file.dropLast(5))/\(item)")
            }
        }
        #expect(failing.count >= 3, "moto leaves root MFA off everywhere: \(failing)")
        let findings = try bin.run(["findings", "--format", "csv", "--outcome", "fail"])
        #expect(findings.status == 3)
        let rows = findings.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(Set(rows.map { "\($0[1])/\($0[4])" }) == failing, "\(findings.stdout)")

        // Every format names the failures per account and item.
        let csv = try bin.run(["summary", "--all", "--format", "csv"]).stdout
        let text = try bin.run(["summary", "--all"]).stdout
        let json = try bin.run(["summary", "--all", "--format", "json"]).stdout
        let html = try bin.run(["summary", "--all", "--format", "html"]).stdout
        for key in failing {
            let (account, item) = (String(key.prefix(12)), String(key.dropFirst(13)))
            #expect(csv.contains(account) && csv.contains("fail: "), "csv")
            #expect(text.contains(item), "text: \(item)")
            #expect(json.contains("\"\(item)\"") && json.contains(account), "json")
            #expect(html.contains("id=\"account-\(account)\"") || html.contains(account), "html")
        }
        #expect(text.contains("root-mfa") && text.contains("fails in"), "\(text)")
        #expect(html.contains("AWS fail"))

        // The bundle of the run holds, with the management account's replies re-derived too.
        let bundle = try bin.scratchFile("fleet.tar")
        let export = try bin.run(["export", "--bundle", bundle.path])
        #expect(export.status == 0 && !export.stderr.contains("no kept AWS replies"), "\(export.stderr)")
        let holds = try bin.run(["verify-bundle", bundle.path])
        #expect(holds.status == 0, "\(holds.stdout)")
        #expect(holds.stdout.contains("of 3 accounts follow from their recorded AWS replies"), "\(holds.stdout)")
        let bytes = try Data(contentsOf: bundle)
        let secrets = try String(contentsOf: tools.appendingPathComponent("secrets.log"), encoding: .utf8)
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).filter { $0.count >= 16 }
        #expect(!secrets.isEmpty, "the run used session credentials")
        for secret in Set(secrets) { #expect(bytes.range(of: Data(secret.utf8)) == nil, "a credential is in the bundle") }
        // A byte changed anywhere in a reply or a recorded result breaks it.
        var changed = bytes
        let marker = try #require(changed.range(of: Data("AccountMFAEnabled".utf8)))
        changed[marker.lowerBound] = UInt8(ascii: "a")
        try changed.write(to: bundle)
        #expect(try bin.run(["verify-bundle", bundle.path]).status == 3)
    }

    /// Issue 26: a member walked from the management account's credentials through a role, `v`
    /// included, in a real terminal; the check's replies are kept for the evidence bundle.
    @Test(.enabled(if: Tmux.available)) func aMemberIsWalkedAndCheckedThroughARole() throws {
        let emulator = try Emulator()
        organization(emulator)
        let bin = Binary()
        #expect(try bin.run(["import", "--organization"], environment: emulator.environment).status == 0)
        let store = StateStore(directory: bin.stateDir)
        let payments = try #require(try store.accountIDs().compactMap { try? store.load($0) }.first { $0.account.alias == "payments" })
        let id = payments.account.id
        let tmux = try Tmux(["--account", id, "--role-name", "OrganizationAccountAccessRole"], stateDir: bin.stateDir,
                            width: 100, height: 30, environment: emulator.environment)
        // A member's walk starts with its root credentials; root MFA is its fourth step.
        try tmux.waitFor("Step 1 of 13: Remove the root user credentials")
        try tmux.keys("4")
        try tmux.waitFor("Step 4 of 13: Turn on MFA")
        try tmux.keys("v")
        try tmux.waitFor("AWS check fail: AccountMFAEnabled is 0", seconds: 30)
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let state = try store.load(id)
        #expect(state.record("root-mfa").check?.outcome == .fail)
        #expect(state.account.kind == .member, "still a member: what the management account says of it")
        let kept = try FileManager.default.contentsOfDirectory(atPath: bin.stateDir.appendingPathComponent(".aws-replies/\(id)").path)
        #expect(kept.count == 1)
        // Without the role, the operator's credentials are the management account's: refused, with the way in named.
        let plain = try Tmux(["--account", id], stateDir: bin.stateDir, width: 100, height: 30, environment: emulator.environment)
        try plain.waitFor("Step 4 of 13")
        try plain.keys("v")
        try plain.waitFor("Set Checked through (a)", seconds: 30)
        // The way in chosen in the walkthrough is remembered with the account.
        try plain.keys("a")
        try plain.waitFor("Checked through")
        try plain.keys("Tab", "Tab", "Tab", "Tab")
        try plain.type("role OrganizationAccountAccessRole")
        try plain.keys("Enter")
        try plain.waitFor("checked through")
        try plain.keys("v")
        try plain.waitFor("AWS check fail: AccountMFAEnabled is 0", seconds: 30)
        try plain.keys("q")
        try plain.waitFor("EXIT=0")
        #expect(try store.load(id).checkAccess == "role:OrganizationAccountAccessRole")
    }
}
