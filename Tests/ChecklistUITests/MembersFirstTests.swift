import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// A member's walk starts by removing its root credentials (AWS's advice for members); the items
/// that then no longer apply drop out of the way; other kinds walk the definition's order.
@Suite struct MembersFirstTests {
    static func member() -> AccountState {
        var account = Harness.newAccount()
        account.account.kind = .member
        return account
    }

    @Test func aMemberOpensAtRemovingItsRootCredentialsListedFirst() {
        var app = Harness.opened(account: Self.member())
        #expect(app.currentStep == "remove-root-credentials", "\(app.text)")
        #expect(app.text.contains("Step 1 of 13: Remove the root user credentials"), "\(app.text)")
        app.press(.escape)
        let lines = app.text.split(separator: "\n")
        let first = lines.firstIndex { $0.contains("Remove the root user credentials") } ?? 99
        let password = lines.firstIndex { $0.contains("Set a strong, unique root password") } ?? -1
        #expect(first < password, "\(app.text)")
        // The definition itself is unchanged: the same checklist, the same digest.
        #expect(app.state.session?.definition.items.first?.id == "strong-root-password")
        #expect(app.state.session?.checklist.digest == Harness.checklist.digest)
    }

    @Test func onceRemovedTheItemsItMakesNotApplicableLeaveThePath() {
        var app = Harness.opened(account: Self.member())
        app.press(.char("d"))
        app.type("2027-01-10")
        app.press(.tab)
        app.type("sts-assume-root")
        app.press(.tab)
        app.type("alice")
        app.press(.enter)
        #expect(app.record("remove-root-credentials").status == .done, "\(app.text)")
        let progress = AccountProgress(state: app.account!, checklist: Harness.checklist)
        for id in ["strong-root-password", "root-mfa", "no-root-access-keys", "sign-out-root"] where progress.entry(id)?.applies == false {
            #expect(app.currentStep != id, "the walk goes on to an item that still applies")
        }
        #expect(progress.entry(app.currentStep ?? "")?.applies == true, "\(app.currentStep ?? "-")")
    }

    @Test func aKindChangedToMemberReordersTheWalkAndKeepsTheSelection() {
        var app = Harness.opened()
        #expect(app.text.contains("Step 1 of 13: Set a strong, unique root password"))
        app.press(.escape)
        app.press(.char("j"), .char("j"))  // Turn on MFA…
        app.press(.char("a"))
        app.press(.tab, .tab)
        app.type("member")
        app.press(.enter)
        #expect(app.state.session?.checklist.items.first?.id == "remove-root-credentials")
        app.press(.enter)
        #expect(app.currentStep == "root-mfa", "the same item stays selected: \(app.currentStep ?? "-")")
    }

    @Test func otherKindsWalkTheDefinitionsOrder() {
        for kind in [AccountKind.standalone, .management] {
            #expect(Harness.checklist.walkOrder(for: kind) == Harness.checklist)
        }
        let ordered = Harness.checklist.walkOrder(for: .member)
        #expect(ordered.items.first?.id == "remove-root-credentials")
        #expect(Set(ordered.items.map(\.id)) == Set(Harness.checklist.items.map(\.id)))
        #expect(ordered.walkOrder(for: .member) == ordered)
    }
}

/// The account form remembers how v reaches a member (a role or assume-root) with the account.
@Suite struct CheckAccessFormTests {
    @Test func theWayInIsChosenInTheAccountFormAndKept() throws {
        var app = Harness.opened(account: MembersFirstTests.member())
        app.press(.char("a"))
        let form = try #require(app.form)
        let index = try #require(form.fields.firstIndex { $0.key == .access })
        for _ in 0..<index { app.press(.tab) }
        app.type("role")
        app.press(.enter)
        #expect(app.form?.fields[index].error != nil, "a role needs its name")
        app.type(" OrganizationAccountAccessRole")
        app.press(.enter)
        #expect(app.form == nil)
        #expect(app.account?.checkAccess == "role:OrganizationAccountAccessRole")
        #expect(app.saved.last?.checkAccess == "role:OrganizationAccountAccessRole")
        app.press(.char("a"))
        #expect(app.form?.fields[index].input.text == "role OrganizationAccountAccessRole", "shown as it was typed")
    }
}
