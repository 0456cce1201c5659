import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// Small things a trial found in the walkthrough, each held here.
@Suite struct WalkthroughLeftoverTests {
    @Test func savingANoteSaysSoNotTheStatus() {
        var app = Harness.opened()
        app.press(.char("o"))
        app.type("vault entry ops/root")
        app.press(.enter)
        #expect(app.state.flash?.text == "Note saved.")
        app.press(.char("o"), .ctrl("u"), .enter)
        #expect(app.state.flash?.text == "Note cleared.")
    }

    /// The security contact is the address the step says not to leave to the root email: never prefilled with it.
    @Test func onlyTheRootEmailFieldStartsFromTheRootEmail() {
        var app = Harness.opened()
        app.openStep("security-contact")
        app.press(.char("d"))
        #expect(app.form?.fields.first { $0.key == .evidence("email") }?.input.text == "")
        app.press(.escape)
        app.openStep("group-root-email")
        app.press(.char("d"))
        #expect(app.form?.fields.first { $0.key == .evidence("address") }?.input.text == "root@example.com")
    }

    @Test func theOverviewNumbersItsItemsAsTheDigitsDo() {
        var app = Harness.opened()
        app.press(.escape)
        let rows = app.text.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("  1 ") && $0.contains("Set a strong") }, "\(app.text)")
        #expect(rows.contains { $0.hasPrefix(" 13 ") && $0.contains("Sign out of root") })
        app.press(.char("1"), .char("3"))
        guard case .overview(let selected, _) = app.state.screen else { Issue.record("not the overview"); return }
        #expect(selected == 12, "13 typed selects item 13")
    }

    /// A note may say which access key was deleted: a key id alone is no secret.
    @Test func aNoteMayNameTheDeletedKey() {
        var app = Harness.opened()
        app.press(.char("o"))
        app.type("deleted root key AKIAIOSFODNN7EXAMPLE after rotation")
        app.press(.enter)
        #expect(app.form == nil)
        #expect(app.record("strong-root-password").note?.contains("AKIAIOSFODNN7EXAMPLE") == true)
    }

    /// A message wider than the screen wraps onto a second line, whole, instead of ending mid-thought.
    @Test func aLongMessageTakesASecondLine() {
        var app = Harness.opened(width: 80, height: 24)
        let text = "Start the walk with --role-name OrganizationAccountAccessRole or --assume-root to check a member: "
            + "these AWS credentials belong to account 123456789012"
        app.send(.checkFailed(.other(text)))
        let lines = app.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let message = lines[21...22].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(message == text, "\(lines[20...23])")
        #expect(!lines[22].contains("…"))
        #expect(app.state.bodyHeight == 19, "the body gives the message its line")
        app.press(.char("j"))
        #expect(app.state.bodyHeight == 20, "and gets it back when the message goes")
    }

    /// A check that could not run is kept on its step, wrapped to the screen, not to what its label leaves.
    @Test func aCheckProblemOnTheStepUsesTheWholeWidth() {
        var app = Harness.opened(width: 80, height: 60)
        app.openStep("root-mfa")
        app.press(.char("v"))
        app.send(.checkFailed(.other("cannot confirm which account the AWS credentials belong to (no AWS credentials found: configure a "
                                      + "profile or pass --profile); nothing was checked or changed, and nothing of this attempt is recorded")))
        let lines = app.bodyText.split(separator: "\n").map(String.init)
        let start = lines.firstIndex { $0.contains("Last attempt, not recorded:") } ?? 0
        #expect(lines.count > start + 1)
        #expect(lines[start + 1].count > 60, "the continuation uses the width: \(lines[start...(start + 2)])")
    }
}
