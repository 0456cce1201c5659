import ChecklistModel
@testable import ChecklistUI
import Foundation
import Testing

/// The account list for a fleet: a count, markers for rows off the screen, and a selection that
/// stays on its account when the rows are read again.
@Suite struct AccountListFleetTests {
    static func fleet(_ count: Int) -> [AccountState] {
        (0..<count).map { index in
            var account = Harness.newAccount(String(format: "1000000000%02d", index), alias: "acct-\(index)")
            account.updatedAt = Date(timeIntervalSince1970: 1_800_000_000 + Double(index))
            return account
        }
    }

    @Test func aLongListShowsItsCountAndMarksWhatIsOffTheScreen() {
        var app = Harness(width: 80, height: 24, accounts: Self.fleet(40))
        app.send(.accountsLoaded(rows: Self.fleet(40).map { AccountRow(AccountProgress(state: $0, checklist: Harness.checklist)) }, unreadable: []))
        let lines = app.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1].contains("Accounts (40)"), "\(lines[1])")
        #expect(lines.contains { $0.hasSuffix("▼") }, "\(app.text)")
        #expect(!lines.contains { $0.hasSuffix("▲") })
        app.press(.end)
        #expect(app.text.split(separator: "\n").contains { $0.hasSuffix("▲") }, "\(app.text)")
    }

    @Test func theSelectionStaysOnItsAccountWhenTheRowsAreReadAgain() {
        var accounts = Self.fleet(5)
        var app = Harness(width: 100, height: 30, accounts: accounts)
        app.press(.down, .down)
        let chosen = app.state.listedAccounts[2].id
        // Another command changed the oldest account: it moves to the top.
        accounts[0].updatedAt = Date(timeIntervalSince1970: 1_900_000_000)
        app.send(.accountsLoaded(rows: accounts.map { AccountRow(AccountProgress(state: $0, checklist: Harness.checklist)) }, unreadable: []))
        #expect(app.state.listedAccounts.first?.id == accounts[0].account.id)
        guard case .accountList(let selected) = app.state.screen else { Issue.record("not on the list"); return }
        #expect(app.state.listedAccounts[selected].id == chosen)
    }
}

/// A narrowed list: Esc clears the search, and a list that shows nothing says why.
@Suite struct AccountListNarrowingTests {
    @Test func escClearsTheSearchAndAnEmptyListSaysWhy() {
        var app = Harness(width: 100, height: 30, accounts: AccountListFleetTests.fleet(5))
        app.press(.char("/"))
        app.type("acct-3")
        app.press(.enter)
        #expect(app.state.listedAccounts.count == 1)
        #expect(app.text.contains("matching \"acct-3\" · 1 of 5"))
        app.press(.escape)
        #expect(app.state.listedAccounts.count == 5)
        #expect(app.state.flash?.text == "Search cleared: 5 of 5 accounts shown.")
        // Filtered to accounts with contradictions, of which there are none.
        app.press(.char("f"), .char("f"))
        #expect(app.state.accountFilter == .contradictions)
        #expect(app.text.contains("no accounts with contradictions (f shows the others)."), "\(app.text)")
    }
}

/// Where the list is short of room, it says how long ago each account changed rather than a date
/// every row shares; the times move on with the clock.
@Suite struct AccountListTimeTests {
    @Test func updatedReadsAsHowLongAgo() {
        var accounts = AccountListFleetTests.fleet(3)
        accounts[0].updatedAt = Date(timeIntervalSince1970: 1_800_000_000 - 3 * 3600)
        accounts[1].updatedAt = Date(timeIntervalSince1970: 1_800_000_000 - 20)
        accounts[2].updatedAt = Date(timeIntervalSince1970: 1_800_000_000 - 40 * 86_400)
        var app = Harness(width: 80, height: 24, accounts: accounts)
        app.now = Date(timeIntervalSince1970: 1_800_000_000)
        app.send(.accountsLoaded(rows: accounts.map { AccountRow(AccountProgress(state: $0, checklist: Harness.checklist)) }, unreadable: []))
        let text = app.text
        #expect(text.contains("just now") && text.contains("3 h ago") && text.contains("2026-12-06"), "\(text)")
        app.now = Date(timeIntervalSince1970: 1_800_000_000 + 3600)
        app.send(.minute)
        #expect(app.text.contains("4 h ago") && app.text.contains("1 h ago"), "\(app.text)")
        #expect(View.relative(Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 12 * 60)) == "12 min ago")
    }
}
