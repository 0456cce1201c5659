import ChecklistModel
import ChecklistText
import ChecklistUI
import Testing

/// Moving the way people expect: numbers, first and last, the next pending item, help at the
/// keys of the screen it was asked from.
@Suite struct JumpNavigationTests {
    @Test func digitsGoToAnItemAndTwoDigitsReachTenAndUp() {
        var app = Harness.opened()
        app.press(.escape)  // the overview
        app.press(.char("3"))
        #expect(app.screen == .overview(selected: 2, scroll: 0))
        app.press(.char("1"), .char("3"))
        guard case .overview(let selected, _) = app.screen else { Issue.record("not the overview"); return }
        #expect(selected == 12)
        app.press(.char("9"))
        guard case .overview(let nine, _) = app.screen else { return }
        #expect(nine == 8, "13 then 9 is 139, more than there are: it starts again at 9")
        app.press(.char("0"))
        #expect(app.state.flash?.text == "There is no item 0; items are numbered 1 to 13.")
    }

    @Test func digitsOnAStepOpenThatStep() {
        var app = Harness.opened()
        app.press(.char("5"))
        #expect(app.currentStep == Harness.itemIDs[4])
        app.press(.char("j"), .char("2"))
        #expect(app.currentStep == Harness.itemIDs[1], "a key between digits starts a new number")
    }

    @Test func firstAndLast() {
        var app = Harness.opened()
        // On a step, G and End go to the bottom of its text, g and Home to the top: the same step.
        app.press(.char("G"))
        #expect(app.currentStep == Harness.itemIDs.first)
        guard case .step(_, let bottom) = app.screen, bottom > 0 else { Issue.record("not at the bottom: \(app.screen)"); return }
        app.press(.char("g"))
        #expect(app.screen == .step(itemID: Harness.itemIDs[0], scroll: 0))
        app.press(.end)
        #expect(app.screen == .step(itemID: Harness.itemIDs[0], scroll: bottom))
        // On the overview they go to the first and last item.
        app.press(.escape, .end)
        guard case .overview(let selected, _) = app.screen else { Issue.record("not the overview"); return }
        #expect(selected == Harness.itemIDs.count - 1)
        app.press(.home)
        #expect(app.screen == .overview(selected: 0, scroll: 0))
        app.press(.char("?"), .char("G"))
        guard case .help(let bottom) = app.screen else { Issue.record("not help"); return }
        #expect(bottom > 0)
        app.press(.char("g"))
        #expect(app.screen == .help(scroll: 0))
    }

    @Test func nextPendingSkipsResolvedAndInapplicableItemsAndWraps() {
        var app = Harness.opened()
        // Resolve item 2 (skip it with a reason); from item 1, ] goes to item 3.
        app.press(.char("n"), .char("s"))
        app.type("later")
        app.press(.enter)
        app.press(.char("1"), .char("]"))
        let firstPending = Harness.itemIDs.indices.dropFirst().first { index in
            app.record(Harness.itemIDs[index]).status == .pending
                && app.state.session?.progress.entries[index].notApplicableReason == nil
        }
        #expect(app.currentStep == firstPending.map { Harness.itemIDs[$0] })
        app.press(.char("1"), .char("3"), .char("]"))
        #expect(app.currentStep == Harness.itemIDs[0], "wraps round to the first pending item")
    }

    @Test func helpOpensAtTheKeysOfTheScreenItWasAskedFrom() {
        var app = Harness.opened()
        app.press(.char("?"))
        let lines = Layout.bodyLines(for: .help(scroll: 0), in: app.state).map(\.plainText)
        guard case .help(let scroll) = app.screen else { Issue.record("not help"); return }
        #expect(lines[scroll] == "Step", "\(lines[scroll])")
        #expect(app.text.split(separator: "\n")[2].hasPrefix(" Step"), "\(app.text)")
        app.press(.escape, .escape, .char("?"))
        guard case .help(let overviewScroll) = app.screen else { return }
        #expect(lines[overviewScroll] == "Overview")
    }

    /// At 60 columns every help line fits: a long description goes on under itself, never cut.
    @Test func helpIsNeverCutAtTheEdge() {
        var app = Harness.opened(width: 60, height: 16)
        app.press(.char("?"))
        let lines = Layout.bodyLines(for: .help(scroll: 0), in: app.state).map(\.plainText)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 58 }, "\(lines.filter { DisplayWidth.of($0) > 58 })")
        #expect(lines.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("two digits for 10 and up)"))
    }
}
