import AWSChecks
import ChecklistModel
import Foundation
import Testing
import TestSupport

/// `import --organization` reads an organization through the real AWS CLI (moto_server emulates
/// Organizations) and plans additions and corrections without ever removing an account.
@Suite(.serialized, .enabled(if: Emulator.available, "needs aws and moto_server: pip install awscli 'moto[server]'"))
struct OrganizationImportEmulatorTests {
    @Test func readsTheOrganizationAndPlansEveryAccount() throws {
        let emulator = try Emulator(accountID: "111122223333")
        emulator.aws(["organizations", "create-organization", "--feature-set", "ALL"])
        emulator.aws(["organizations", "create-account", "--email", "payments-root@example.com", "--account-name", "payments-prod"])
        emulator.aws(["organizations", "create-account", "--email", "sandbox-root@example.com", "--account-name", "sandbox"])
        let found = try OrganizationImport.fetch(CLIReplies(environment: emulator.environment), region: nil)
        #expect(found.managementAccountId == "111122223333")
        #expect(found.id.hasPrefix("o-"))
        #expect(found.accounts.count == 3)
        let payments = try #require(found.accounts.first { $0.name == "payments-prod" })
        #expect(payments.email == "payments-root@example.com")
        #expect(payments.status == .active)
        let plan = OrganizationImport.plan(found, tracked: [:])
        #expect(plan.count == 3 && plan.allSatisfy(\.isNew))
        #expect(plan.first { $0.accountID == "111122223333" }?.edit.kind == .management)
        #expect(plan.filter { $0.edit.kind == .member }.count == 2)
    }

    @Test func withoutAnOrganizationItSaysWhatToDo() throws {
        let emulator = try Emulator(accountID: "444455556666")
        #expect(throws: OrganizationImport.Failure.self) {
            try OrganizationImport.fetch(CLIReplies(environment: emulator.environment), region: nil)
        }
    }
}

@Suite struct OrganizationImportPlanTests {
    let organization = OrganizationImport.Organization(id: "o-abcdefghij", managementAccountId: "111122223333", accounts: [
        OrganizationAccount(id: "111122223333", name: "management", email: "root@example.com", status: .active),
        OrganizationAccount(id: "444455556666", name: "payments", email: "payments@example.com", status: .suspended),
    ])

    @Test func onlyWhatChangedIsPlannedAndNothingIsRemoved() {
        var tracked: [String: AccountInfo] = [
            "111122223333": AccountInfo(id: "111122223333", alias: "management", rootEmail: "root@example.com", kind: .management,
                                        organizationId: "o-abcdefghij", managementAccountId: "111122223333", status: .active),
            "444455556666": AccountInfo(id: "444455556666", alias: "pay", rootEmail: "payments@example.com", kind: .member,
                                        organizationId: "o-abcdefghij", managementAccountId: "111122223333", status: .active),
            "999988887777": AccountInfo(id: "999988887777", alias: "left the organization"),
        ]
        let plan = OrganizationImport.plan(organization, tracked: tracked)
        #expect(plan.map(\.accountID) == ["444455556666"])
        #expect(plan.first?.fields == ["alias", "status"])
        tracked["444455556666"]?.alias = "payments"
        tracked["444455556666"]?.status = .suspended
        #expect(OrganizationImport.plan(organization, tracked: tracked).isEmpty, "a second run changes nothing")
    }
}

/// The organization's account list is untrusted text like any reply: a list that repeats an
/// account, or names one account after another's id, is refused whole.
@Suite struct OrganizationImportReplyTests {
    func fetch(_ accounts: String) throws -> OrganizationImport.Organization {
        let directory = Support.savedReplies([.organization: #"{"Organization": {"Id": "o-abcdefghij", "MasterAccountId": "111122223333"}}"#,
                                              .organizationAccounts: #"{"Accounts": [\#(accounts)]}"#])
        return try OrganizationImport.fetch(FileReplies(directory: directory), region: nil)
    }

    @Test func aRepeatedAccountStopsTheImport() throws {
        do {
            _ = try fetch(#"{"Id": "444455556666", "Name": "a"}, {"Id": "444455556666", "Name": "b"}"#)
            Issue.record("a repeated account was taken")
        } catch let error as OrganizationImport.Failure {
            #expect(error.description.contains("names account 444455556666 twice"), "\(error.description)")
        }
    }

    @Test func aNameThatIsAnotherAccountsIdStopsTheImport() throws {
        do {
            _ = try fetch(#"{"Id": "444455556666", "Name": "1111-2222-3333"}, {"Id": "111122223333", "Name": "management"}"#)
            Issue.record("another account's id was taken as an alias")
        } catch let error as OrganizationImport.Failure {
            #expect(error.description.contains("another account's id"), "\(error.description)")
        }
        #expect(try fetch(#"{"Id": "444455556666", "Name": "444455556666"}"#).accounts.first?.name == "444455556666",
                "its own id is no one else's")
    }

    @Test func everyAccountStateIsRead() throws {
        let found = try fetch(#"{"Id": "444455556666", "State": "PENDING_ACTIVATION"}, {"Id": "777788889999", "State": "PENDING_CLOSURE", "Status": "ACTIVE"}"#)
        #expect(found.accounts.map(\.status) == [.pendingActivation, .pendingClosure], "State supersedes Status")
    }
}
