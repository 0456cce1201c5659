import ChecklistModel
import ChecklistUI
import Foundation
import Testing

/// Y in a shared directory: offered in the footer, runs the sync, and the open account shows what it brought.
@Suite struct SyncKeyTests {
    @Test func theFooterOffersSyncOnlyInASharedDirectory() {
        #expect(!KeyMap.footer(for: .step, ascii: false).contains { $0.label == "sync" })
        #expect(KeyMap.footer(for: .step, ascii: false, shared: true).contains { $0.keys == "Y" && $0.label == "sync" })
        var app = Harness.opened(width: 120)
        #expect(!app.text.contains("Y sync"))
        app.send(.sharing(Sharing(unpushed: 0)))
        #expect(app.text.contains("Y sync"), "\(app.text)")
    }

    @Test func yOutsideASharedDirectorySaysHowToShareIt() {
        var app = Harness.opened()
        app.press(.char("Y"))
        #expect(!app.effects.contains(.sync))
        #expect(app.state.flash?.text.contains("team init") == true)
    }

    @Test func ySyncsAndTheOpenAccountShowsWhatArrived() throws {
        var app = Harness.opened()
        app.send(.sharing(Sharing(unpushed: 0)))
        app.press(.char("s"))
        app.type("vault first")
        app.press(.enter)
        #expect(app.state.session?.undo.isEmpty == false)
        var teammate = try #require(app.account)
        try teammate.setStatus(.skipped, item: "root-mfa", reason: "token on order", checklist: Harness.checklist, by: "bob",
                               at: Date(timeIntervalSince1970: 1_800_000_100))
        app.remote = [teammate]
        app.press(.char("Y"))
        #expect(app.effects.last == .sync || app.effects.contains(.sync))
        #expect(app.record("root-mfa").status == .skipped)
        #expect(app.state.flash?.text.hasPrefix("Synced") == true)
        // An undo would write the pre-sync record back over what arrived: the sync ends the undo history.
        #expect(app.state.session?.undo.isEmpty == true)
        #expect(app.currentStep != nil, "the operator stays where they were")
    }

    @Test func anAccountThatCannotBeHeldAgainGoesBackToTheList() {
        var app = Harness.opened()
        app.send(.synced(nil, Flash("Synced. The account could not be opened again: in use", .error)))
        #expect(app.state.session == nil)
        #expect(app.text.contains("ACCOUNT"))
    }
}
