import ChecklistModel
import ChecklistUI
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

    @Test func theAccountListFindsByAliasAndId() {
        var app = Harness(accounts: [Harness.newAccount("111122223333", alias: "prod"), Harness.newAccount("444455556666", alias: "staging")])
        app.press(.char("/"))
        app.type("stag")
        guard case .accountList(let selected) = app.screen else { Issue.record("not the list"); return }
        #expect(app.state.accounts[selected].id == "444455556666")
        for _ in 0..<4 { app.press(.backspace) }
        app.send(.paste("1111-"))
        app.type("2222")
        #expect(app.state.accounts.firstIndex { $0.id == "111122223333" }.map { app.screen == .accountList(selected: $0) } == true,
                "an id typed as the console shows it matches the stored digits")
        app.press(.escape)
        #expect(app.state.search == nil)
    }

    @Test func keysInThePromptPressNothing() {
        var app = Harness.opened()
        app.press(.char("/"))
        app.type("q")
        #expect(!app.state.quitting, "q is text in the prompt")
        #expect(app.state.search?.input.text == "q")
    }
}
