import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// `/` in the overview, on a step and in the account list: type to jump, Enter stays, Esc goes back.
@Suite struct SearchTests {
    @Test func theOverviewFindsAnItemByTitleOrId() {
        var app = Harness.opened()
        app.press(.escape, .char("/"))
        app.type("phone")
        guard case .overview(let selected, _) = app.screen else { Issue.record("not the overview"); return }
        #expect(Harness.itemIDs[selected] == "kms-recovery-phone")
        #expect(app.text.contains(" /phone"), "\(app.text)")
        app.press(.enter)
        #expect(app.state.search == nil)
        if case .overview(let kept, _) = app.screen { #expect(kept == selected) }
        // Esc goes back to where the search started.
        app.press(.char("/"))
        app.type("sign-out")
        app.press(.escape)
        if case .overview(let back, _) = app.screen { #expect(back == selected) }
    }

    @Test func noMatchSaysSoAndStays() {
        var app = Harness.opened()
        app.press(.escape, .char("/"))
        app.type("zzzz")
        #expect(app.text.contains("no match"))
        #expect(app.screen == .overview(selected: 0, scroll: 0))
        app.press(.enter)
        #expect(app.state.flash?.text.hasPrefix("No match for \"zzzz\"") == true)
    }

    @Test func aStepScrollsToTheFirstLineWithTheText() {
        var app = Harness.opened()
        app.openStep("sign-out-root")
        app.press(.char("/"))
        app.type("References")
        guard case .step(_, let scroll) = app.screen else { Issue.record("not a step"); return }
        #expect(scroll > 0)
        #expect(app.text.contains("References"), "\(app.text)")
    }

    /// In the account list `/` narrows the list to the matches: id as the console writes it, alias, email, kind.
    @Test func theAccountListNarrowsToTheMatches() {
        var app = Harness(accounts: [Harness.newAccount("111122223333", alias: "prod"), Harness.newAccount("444455556666", alias: "staging")])
        app.press(.char("/"))
        app.type("stag")
        #expect(app.state.listedAccounts.map(\.id) == ["444455556666"])
        #expect(app.text.contains("444455556666") && !app.text.contains("111122223333"), "\(app.text)")
        app.press(.enter)
        #expect(app.text.contains("Accounts · matching \"stag\" · 1 of 2"), "\(app.text)")
        app.press(.enter)
        #expect(app.state.session?.state.account.id == "444455556666", "Enter opens the match")
        app.press(.escape, .escape)
        app.press(.char("/"))
        app.send(.paste("1111-"))
        app.type("2222")
        #expect(app.state.listedAccounts.map(\.id) == ["111122223333"], "an id typed as the console shows it matches")
        app.press(.escape)
        #expect(app.state.search == nil)
        #expect(app.state.listedAccounts.count == 2, "Esc shows every account again")
    }

    /// `f` shows the incomplete, contradicted or overdue accounts; `o` sorts by change, progress or id.
    @Test func theAccountListFiltersAndSorts() throws {
        var done = Harness.newAccount("777788889999", alias: "done")
        for item in Harness.checklist.items {
            try? done.setStatus(.notApplicable, item: item.id, reason: "r", checklist: Harness.checklist, by: "t",
                                at: Date(timeIntervalSince1970: 1_800_000_000))
        }
        var app = Harness(accounts: [Harness.newAccount("444455556666", alias: "b"), done, Harness.newAccount("111122223333", alias: "a")])
        #expect(app.state.listedAccounts.count == 3)
        app.press(.char("f"))
        #expect(app.state.accountFilter == .incomplete)
        #expect(Set(app.state.listedAccounts.map(\.id)) == ["111122223333", "444455556666"])
        #expect(app.text.contains("Accounts · incomplete · 2 of 3"), "\(app.text)")
        app.press(.char("f"), .char("f"), .char("f"))
        #expect(app.state.accountFilter == .all)
        app.press(.char("o"))
        #expect(app.state.accountSort == .progress)
        #expect(app.state.listedAccounts.last?.id == "777788889999", "the most resolved last")
        app.press(.char("o"))
        #expect(app.state.listedAccounts.map(\.id) == ["111122223333", "444455556666", "777788889999"])
        #expect(app.text.contains("KIND"))
    }

    @Test func keysInThePromptPressNothing() {
        var app = Harness.opened()
        app.press(.char("/"))
        app.type("q")
        #expect(!app.state.quitting, "q is text in the prompt")
        #expect(app.state.search?.input.text == "q")
    }
}
