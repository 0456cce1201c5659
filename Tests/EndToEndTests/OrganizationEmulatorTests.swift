import ChecklistModel
import Foundation
import Testing
import TestSupport

/// The fleet end to end against moto_server's AWS Organizations, STS and IAM with the real AWS CLI:
/// import the organization, verify every member through OrganizationAccountAccessRole, report it.
@Suite(.serialized, .enabled(if: Emulator.available, "needs aws and moto_server: pip install awscli 'moto[server]'"))
struct OrganizationEmulatorTests {
    @Test func importVerifyAndReportAnOrganization() throws {
        // moto's default account: with another one set, its STS answers every caller as that account.
        let emulator = try Emulator()
        emulator.aws(["organizations", "create-organization", "--feature-set", "ALL"])
        emulator.aws(["organizations", "create-account", "--email", "payments-root@example.com", "--account-name", "payments"])
        emulator.aws(["organizations", "create-account", "--email", "sandbox-root@example.com", "--account-name", "sandbox"])
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
        let member = try store.load(payments.account.id)
        #expect(member.record("root-mfa").check?.outcome == .fail)
        #expect(member.record("root-mfa").check?.source == .awsCLI)

        let page = try bin.run(["summary", "--all", "--format", "html"])
        #expect(page.stdout.contains(payments.account.id))
        #expect(page.stdout.contains("AWS check fail: AccountMFAEnabled is 0"), "the check result is in the report")
    }
}
