import ChecklistModel
import ChecklistText
@testable import ChecklistUI
import Foundation
import Testing

/// From 140 columns the list and the overview gain a second pane; below that nothing changes.
/// Each pane says what its single screen says, at its own width.
@Suite struct TwoPaneTests {
    static func accounts() -> [AccountState] {
        var other = Harness.newAccount("444455556666", alias: "staging")
        other.updatedAt = other.updatedAt.addingTimeInterval(-3600)
        return [ViewTests.progressed(), other]
    }

    @Test(arguments: [(140, 40), (200, 50)])
    func goldenScreens(width: Int, height: Int) {
        var list = Harness(width: width, height: height, accounts: Self.accounts())
        expectGolden(View.render(list.state), "accounts-\(width)x\(height)")
        list.press(.enter)
        expectGolden(View.render(list.state), "step-\(width)x\(height)")
        list.press(.escape)
        expectGolden(View.render(list.state), "overview-\(width)x\(height)")
    }

    @Test func belowTheWidthNothingChanges() {
        let narrow = Harness.opened(width: 139, height: 40, account: ViewTests.progressed())
        #expect(PaneLayout.of(narrow.state).right == nil)
        #expect(!View.render(narrow.state).lines().contains { $0.contains("│ Status:") })
        let wide = Harness.opened(width: 140, height: 40, account: ViewTests.progressed())
        #expect(PaneLayout.of(wide.state).right != nil)
    }

    /// The step's words are the same in its pane as on the single screen (wrapped to the pane).
    @Test func theStepPaneSaysWhatTheStepSays() {
        func words(_ lines: [String]) -> [String] { lines.joined(separator: " ").split(separator: " ").map(String.init) }
        let single = Harness.opened(width: 100, height: 200, account: ViewTests.progressed())
        let paned = Harness.opened(width: 200, height: 200, account: ViewTests.progressed())
        let layout = PaneLayout.of(paned.state)
        let right = try! #require(layout.right)
        let paneText = View.render(paned.state).lines().dropFirst(2).prefix(paned.state.bodyHeight).map { line -> String in
            let characters = Array(line)
            return characters.count > right.column ? String(characters[right.column...]) : ""
        }
        let singleText = View.render(single.state).lines().dropFirst(2).prefix(single.state.bodyHeight).map { $0 }
        #expect(words(Array(paneText)).prefix(150) == words(singleText).prefix(150))
    }

    /// Keys act on what they act on in one pane: j/k on the overview moves the selection, and the
    /// step beside it follows.
    @Test func theStepBesideTheOverviewFollowsTheSelection() {
        var app = Harness.opened(width: 200, height: 50, account: ViewTests.progressed())
        app.press(.escape)
        app.press(.char("j"))
        let lines = View.render(app.state).lines()
        let selectedTitle = app.state.session!.checklist.items[4].title
        #expect(lines.contains { $0.contains("│ Status:") })
        let body = lines.joined(separator: "\n")
        #expect(body.contains(app.state.session!.checklist.items[4].why.prefix(40)) || body.contains(selectedTitle), "\(body)")
    }
}
