import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// A shared (git) state directory as the walkthrough shows it: the heading's right end, a failed
/// commit said once, and the operator's name arriving after the first frame.
@Suite struct SharingTests {
    func heading(_ harness: Harness) -> String {
        View.render(harness.state).lines()[1]
    }

    @Test func theHeadingSaysWhereTheSharedStateStands() {
        var harness = Harness.opened()
        #expect(!heading(harness).contains("shared"), "a private directory says nothing")
        harness.send(.sharing(Sharing(counted: false)))
        #expect(heading(harness).hasSuffix("shared"), "before the first count it says no more than it knows")
        harness.send(.sharing(Sharing()))
        #expect(heading(harness).hasSuffix("shared · no remote yet"))
        harness.send(.sharing(Sharing(unpushed: 0)))
        #expect(heading(harness).hasSuffix("shared · up to date"))
        harness.send(.sharing(Sharing(unpushed: 3, committing: 1)))
        #expect(heading(harness).hasSuffix("shared · committing"))
        harness.send(.sharing(Sharing(unpushed: 3)))
        #expect(heading(harness).hasSuffix("shared · 3 to push"))
        #expect(heading(harness).hasPrefix(" Step 1 of 13"), "the heading keeps its own text: \(heading(harness))")
    }

    @Test func aFailedCommitIsShownAndExplainedOnce() {
        var harness = Harness.opened()
        harness.send(.sharing(Sharing(unpushed: 0, problem: "git commit failed: index.lock exists")))
        #expect(heading(harness).hasSuffix("shared · not committed"))
        #expect(harness.state.flash?.text.contains("Saved, but not committed to git (sync will commit it): git commit failed") == true)
        harness.send(.key(.char("j")))
        harness.send(.sharing(Sharing(unpushed: 0, problem: "git commit failed: index.lock exists")))
        #expect(harness.state.flash == nil, "the same problem is not said again on every status")
    }

    @Test func narrowTerminalsDropTheSharingTextBeforeTheHeading() {
        var harness = Harness.opened(width: 30, height: 16)
        harness.send(.sharing(Sharing(unpushed: 12)))
        #expect(!heading(harness).contains("shared"), "\(heading(harness))")
    }

    @Test func changesAfterTheNameArrivesAreRecordedUnderIt() {
        var harness = Harness.opened()
        harness.send(.operatorNamed("Alice Example"))
        harness.send(.key(.char("s")))
        for character in "later" { harness.send(.key(.char(character))) }
        harness.send(.key(.enter))
        #expect(harness.saved.last?.history.last?.by == "Alice Example")
    }
}
