import ChecklistModel
@testable import ChecklistUI
import Foundation
import Testing

@Suite struct OnboardingTests {
    @Test func emptyDirectoryStartsWithTheForm() {
        let app = Harness()
        guard case .onboarding(let form) = app.screen else { Issue.record("not onboarding"); return }
        #expect(form.fields.map(\.key) == [.account, .alias, .email, .checklist, .kind])
        #expect(form.value(.checklist) == "aws-root-user")
    }

    @Test func wrongAccountIDIsExplainedAndTheTextKept() {
        var app = Harness()
        app.type("12345")
        app.press(.tab)
        app.type("prod")
        app.press(.enter)
        #expect(app.form?.fields[0].error?.contains("12 digits") == true)
        #expect(app.form?.fields[0].input.text == "12345")
        #expect(app.form?.fields[1].input.text == "prod")
        #expect(app.form?.focus == 0)
        #expect(app.effects.isEmpty)
        #expect(app.text.contains("exactly 12 digits"))
    }

    @Test func validFormCreatesTheAccountAndOpensTheFirstStep() {
        var app = Harness()
        app.type("111122223333")
        app.press(.tab)
        app.type("prod 🔐")
        app.press(.tab)
        app.type("root@example.com")
        app.press(.enter)
        guard case .createAccount(let account) = app.effects.first else { Issue.record("no create effect"); return }
        #expect(account.account == AccountInfo(id: "111122223333", alias: "prod 🔐", rootEmail: "root@example.com"))
        #expect(app.currentStep == Harness.itemIDs.first)
        #expect(app.state.accounts.map(\.id) == ["111122223333"])
    }

    @Test func badEmailAndUnknownChecklistAreMarked() {
        var app = Harness()
        app.type("111122223333")
        app.press(.tab, .tab)
        app.type("not-an-email")
        app.press(.tab, .ctrl("u"))
        app.type("nope")
        app.press(.enter)
        #expect(app.form?.fields[2].error != nil)
        #expect(app.form?.fields[3].error?.contains("aws-root-user") == true)
        #expect(app.form?.focus == 2)
    }

    @Test func secretInAliasIsRefused() {
        var app = Harness()
        app.type("111122223333")
        app.press(.tab)
        app.type("AKIAIOSFODNN7EXAMPLE")
        app.press(.enter)
        #expect(app.form?.fields[1].error?.contains("access key") == true)
    }

    @Test func existingAccountIsRefusedInline() {
        var app = Harness(accounts: [Harness.newAccount()])
        app.press(.char("n"))
        app.type("111122223333")
        app.press(.enter)
        #expect(app.form?.fields[0].error?.contains("already tracked") == true)
    }

    @Test func escapeOnFirstRunQuitsAndFromTheListGoesBack() {
        var first = Harness()
        first.press(.escape)
        #expect(first.effects == [.quit])
        var app = Harness(accounts: [Harness.newAccount()])
        app.press(.char("n"), .escape)
        #expect(app.screen == .accountList(selected: 0))
        #expect(app.effects.isEmpty)
    }

    @Test func qTypesIntoFieldsInsteadOfQuitting() {
        var app = Harness()
        app.press(.tab)
        app.type("q")
        #expect(app.form?.fields[1].input.text == "q")
        #expect(app.effects.isEmpty)
        app.press(.ctrl("c"))
        #expect(app.effects.isEmpty, "typed text: Ctrl-C asks first")
        app.press(.ctrl("c"))
        #expect(app.effects == [.quit])
    }

    @Test func createFailureIsShown() {
        var app = Harness()
        app.send(.openFailed(.other("state file 111122223333.json is damaged")))
        #expect(app.state.flash?.kind == .error)
        #expect(app.text.contains("is damaged"))
    }

    /// An account held elsewhere is said with who holds it and how to go on; nothing else changes.
    @Test func anAccountInUseSaysWhoHasItAndHowToGoOn() {
        var app = Harness(accounts: [Harness.newAccount()])
        let before = app.state.screen
        app.send(.openFailed(.inUse(accountID: "111122223333", holder: "pid 7 (alice@laptop, root-checklist walk)")))
        #expect(app.state.flash?.text == "Account 111122223333 is in use by pid 7 (alice@laptop, root-checklist walk): finish there, then Enter opens it here.")
        #expect(app.state.screen == before)
        #expect(OpenFailure.inUse(accountID: "111122223333", holder: "pid 7").text.contains("finish there first, or wait and try again"))
    }

    /// Onboarding an id another command added meanwhile opens that account, and says so.
    @Test func anAccountAddedMeanwhileIsOpened() {
        var app = Harness()
        app.stored["111122223333"] = Harness.newAccount()
        app.send(.openFailed(.exists(accountID: "111122223333")))
        #expect(app.effects.contains(.openAccount(id: "111122223333")))
        #expect(app.state.session?.state.account.id == "111122223333")
        #expect(app.state.flash?.text.contains("was added meanwhile by another command: opened it") == true)
    }
}

@Suite struct AccountListTests {
    @Test func movesOpensAndClamps() {
        let older = Harness.newAccount("111122223333", alias: "a")
        var newer = Harness.newAccount("444455556666", alias: "b")
        newer.updatedAt = newer.updatedAt.addingTimeInterval(60)
        var app = Harness(accounts: [older, newer])
        #expect(app.state.accounts.map(\.id) == ["444455556666", "111122223333"])
        app.press(.up)
        #expect(app.screen == .accountList(selected: 0))
        app.press(.char("j"), .down, .down)
        #expect(app.screen == .accountList(selected: 1))
        app.press(.enter)
        #expect(app.effects.first == .openAccount(id: "111122223333"))
        #expect(app.account?.account.id == "111122223333")
    }

    @Test func openFailureKeepsTheList() {
        var app = Harness(accounts: [Harness.newAccount()])
        app.stored = [:]
        app.press(.enter)
        #expect(app.screen == .accountList(selected: 0))
        #expect(app.state.flash?.kind == .error)
    }

    @Test func backFromOverviewReturnsToTheListWithProgress() {
        var app = Harness.opened()
        app.press(.char("s"))
        app.type("later")
        app.press(.enter, .escape, .escape)
        #expect(app.screen == .accountList(selected: 0))
        #expect(app.state.session == nil)
        #expect(app.state.accounts.first?.resolved == 2, "the two items that do not apply to a standalone account")
        #expect(app.text.contains("111122223333"))
    }

    @Test func qQuitsImmediately() {
        var app = Harness(accounts: [Harness.newAccount()])
        app.press(.char("q"))
        #expect(app.effects == [.quit])
        #expect(app.state.quitting)
    }
}

@Suite struct AccountsLoadedTests {
    @Test func listingArrivesAfterStartAndSwitchesToTheList() {
        var app = Harness()
        let row = AccountRow(AccountProgress(state: Harness.newAccount(), checklist: Harness.checklist))
        app.send(.accountsLoaded(rows: [row], unreadable: []))
        #expect(app.screen == .accountList(selected: 0))
        #expect(app.state.accounts.map(\.id) == ["111122223333"])
    }

    @Test func unreadableFilesAreNamed() {
        var app = Harness()
        app.send(.accountsLoaded(rows: [], unreadable: ["444455556666"]))
        #expect(app.text.contains("444455556666 could not be read"))
        guard case .onboarding = app.screen else { Issue.record("left onboarding"); return }
    }

    @Test func theOpenAccountKeepsItsFresherRow() {
        var app = Harness.opened()
        app.press(.char("s"))
        app.type("later")
        app.press(.enter)
        let stale = AccountRow(AccountProgress(state: Harness.newAccount(), checklist: Harness.checklist))
        let other = AccountRow(AccountProgress(state: Harness.newAccount("444455556666"), checklist: Harness.checklist))
        app.send(.accountsLoaded(rows: [stale, other], unreadable: []))
        #expect(app.state.accounts.count == 2)
        #expect(app.state.accounts.first { $0.id == "111122223333" }?.updatedAt == app.account?.updatedAt)
        #expect(app.currentStep == Harness.itemIDs[1], "the open step is not disturbed")
    }
}

/// Esc on the only form (nothing tracked yet) leaves the walkthrough: what was typed is asked about once.
@Suite struct OnboardingEscapeTests {
    @Test func escOnTheFirstFormAsksBeforeDroppingWhatIsTyped() {
        var app = Harness()
        app.type("1111-2222")
        app.press(.escape)
        #expect(!app.state.quitting)
        #expect(app.form?.error?.contains("Esc again leaves without adding the account") == true)
        #expect(app.form?.fields.first?.input.text == "1111-2222", "nothing typed is lost")
        app.press(.escape)
        #expect(app.state.quitting)
        var empty = Harness()
        empty.press(.escape)
        #expect(empty.state.quitting, "nothing typed: Esc leaves at once")
    }
}
