import ChecklistModel
import ChecklistText
@testable import ChecklistUI
import Foundation
import TestSupport
import Testing

@Suite struct ViewTests {
    static func progressed() -> AccountState {
        var account = Harness.newAccount(alias: "prod 日本 🔐")
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try? account.setStatus(.done, item: "root-mfa", evidence: ["device-kinds": "passkey, hardware-totp", "device-count": "2",
                                                                   "backup-location": "Safe B, 東京 office"],
                               note: "Second key with the security lead", checklist: Harness.checklist, by: "alice@laptop", at: at)
        account.recordCheck(CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: at, source: .awsCLI),
                            item: "root-mfa", by: "alice@laptop")
        try? account.setStatus(.skipped, item: "strong-root-password", reason: "vault migration this week",
                               checklist: Harness.checklist, by: "alice@laptop", at: at)
        account.cursor = "root-mfa"
        return account
    }

    @Test func overview80x24() {
        var app = Harness.opened(account: Self.progressed())
        app.press(.escape)
        expectGolden(View.render(app.state), "overview-80x24")
    }

    /// A failed save is a red line that stays until the next save succeeds.
    @Test func notSavedIsRed() {
        var app = Harness.opened(account: Self.progressed())
        app.send(.saveFailed(.store("cannot save /state/111122223333.json: No space left on device; the previous state is unchanged")))
        app.press(.char("j"))
        expectGolden(View.render(app.state), "step-not-saved-80x24")
        let grid = View.render(app.state)
        let row = grid.height - 2
        #expect(grid.lines()[row].contains("NOT SAVED"))
        #expect(grid.cells[row * grid.width + 2].style.tint == .bad)
    }

    @Test func step80x24() {
        let app = Harness.opened(account: Self.progressed())
        expectGolden(View.render(app.state), "step-80x24")
    }

    @Test func step100x30() {
        let app = Harness.opened(width: 100, height: 30, account: Self.progressed())
        expectGolden(View.render(app.state), "step-100x30")
    }

    @Test func stepASCII() {
        let app = Harness.opened(options: ViewOptions(ascii: true, color: false), account: Self.progressed())
        let grid = View.render(app.state)
        expectGolden(grid, "step-ascii-80x24")
        let nonASCII = grid.text.unicodeScalars.filter { $0.value > 127 }
        // Only the account's own alias may carry non-ASCII text.
        #expect(String(String.UnicodeScalarView(nonASCII)).allSatisfy { "日本🔐東京".contains($0) })
    }

    @Test func noColourHasNoTintsButKeepsGlyphs() {
        var app = Harness.opened(options: ViewOptions(ascii: false, color: false), account: Self.progressed())
        app.press(.escape)
        let grid = View.render(app.state)
        #expect(grid.cells.allSatisfy { $0.style.tint == nil })
        #expect(grid.text.contains("✓ Turn on MFA"))
        #expect(grid.text.contains("↷ Set a strong"))
        expectGolden(grid, "overview-nocolor-80x24")
    }

    @Test func onboardingWithError() {
        var app = Harness()
        app.type("1234")
        app.press(.enter)
        expectGolden(View.render(app.state), "onboarding-error-80x24")
    }

    @Test func evidenceForm() {
        var app = Harness.opened(account: Self.progressed())
        app.press(.char("n"), .char("d"))
        expectGolden(View.render(app.state), "evidence-form-80x24")
        #expect(View.cursorPosition(app.state) != nil)
    }

    /// At 80 columns the vault field's hint does not fit on its label line: it is shown whole
    /// under the input box instead of being cut.
    @Test func aLongFormHintIsShownWholeUnderItsField() {
        for ascii in [false, true] {
            var app = Harness.opened(options: ViewOptions(ascii: ascii))
            app.press(.char("d"))
            let lines = View.render(app.state).lines()
            let label = lines.firstIndex { $0.contains("Vault entry location") } ?? 0
            #expect(!lines[label].contains("Name of the vault"), "\(lines[label])")
            #expect(lines[label + 2].contains("Name of the vault and entry, never the password itself"), "\(lines[label + 2])")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        }
    }

    /// A secret typed into a reason is refused with advice longer than the label line: the rest
    /// goes under the input box instead of being cut.
    @Test func aLongFieldErrorContinuesUnderTheInput() {
        var app = Harness.opened()
        app.press(.char("s"))
        app.type("password: hunter2xyz")
        app.press(.enter)
        let text = View.render(app.state).lines().joined(separator: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(text.contains("looks like it contains a password"), "\(text)")
        #expect(text.contains("record where the secret is kept instead"), "\(text)")
    }

    @Test func aLongAliasIsCutWithAnEllipsisBeforeTheProgress() {
        let account = Harness.newAccount(alias: "本番-ｐｒｏｄ é😀 café and a much longer name")
        let app = Harness.opened(account: account)
        let header = View.render(app.state).lines()[0]
        #expect(header.contains("· kind unset (本"), "the kind is kept before the alias is cut: \(header)")
        #expect(header.contains("… "), "\(header)")
        #expect(header.hasSuffix("required 1/5"), "the member-only item does not apply here, so it counts")
        #expect(DisplayWidth.of(header) <= 80)
    }

    @Test func accountList() {
        var other = Harness.newAccount("444455556666", alias: "staging")
        other.updatedAt = other.updatedAt.addingTimeInterval(-3600)
        let app = Harness(accounts: [Self.progressed(), other])
        expectGolden(View.render(app.state), "accounts-80x24")
    }

    @Test func tooSmall() {
        var app = Harness.opened()
        app.send(.resize(width: 50, height: 12))
        expectGolden(View.render(app.state), "too-small-50x12")
        #expect(View.cursorPosition(app.state) == nil)
    }

    @Test func completionAndSummary() {
        var account = Self.progressed()
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        for item in ["no-root-access-keys", "kms-recovery-phone", "identity-center-admin"] {
            try? account.setStatus(.notApplicable, item: item, reason: "covered elsewhere", checklist: Harness.checklist, by: "t", at: at)
        }
        var app = Harness.opened(account: account)
        app.press(.char("S"))
        expectGolden(View.render(app.state), "summary-80x24")
    }

    @Test(arguments: [(80, 24), (100, 30), (60, 16), (132, 43)])
    func noLineIsWiderThanTheTerminal(width: Int, height: Int) {
        var app = Harness.opened(width: width, height: height, account: Self.progressed())
        var screens: [Grid] = [View.render(app.state)]
        for key in [Key.char("?"), .escape, .char("t"), .escape, .char("S"), .escape, .escape, .char("e")] {
            app.press(key)
            screens.append(View.render(app.state))
        }
        for grid in screens {
            for line in grid.lines() { #expect(DisplayWidth.of(line) <= width) }
            #expect(grid.lines().count == height)
        }
    }

    @Test func hostileTextNeverReachesTheGrid() {
        var account = Harness.newAccount(alias: "ok")
        account.account.alias = "evil\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}gnp.exe"
        account.items["root-mfa"] = ItemRecord(status: .pending, note: "line\u{1B}[31m red \r\n\u{9B}31m")
        account.cursor = "root-mfa"
        var app = Harness.opened(account: account)
        var grids = [View.render(app.state)]
        app.press(.char("S"))
        grids.append(View.render(app.state))
        for grid in grids {
            for cell in grid.cells {
                #expect(!cell.text.unicodeScalars.contains { PlainText.isControlOrFormatting($0) })
            }
        }
    }
}

@Suite struct KeyMapTests {
    @Test func everyFooterHintDoesWhatItSays() {
        for screen in ScreenKind.allCases {
            for hint in KeyMap.footer(for: screen, ascii: true) where hint.label != "move" && hint.label != "scroll" {
                let binding = KeyMap.bindings.first { $0.short == hint.label && $0.screens.contains(screen) }
                #expect(binding != nil, "\(screen): \(hint.label)")
                if let binding {
                    #expect(KeyMap.action(for: binding.keys[0], on: screen) == binding.action, "\(screen): \(hint.keys)")
                }
            }
        }
    }

    @Test func noKeyIsBoundTwiceOnOneScreen() {
        for screen in ScreenKind.allCases {
            var seen: [Key: Action] = [:]
            for binding in KeyMap.bindings where binding.screens.contains(screen) {
                for key in binding.keys {
                    #expect(seen[key] == nil || seen[key] == binding.action, "\(screen): \(key) bound twice")
                    seen[key] = binding.action
                }
            }
        }
    }

    @Test func helpListsEveryBinding() {
        let help = KeyMap.helpLines(ascii: false).joined(separator: "\n")
        for binding in KeyMap.bindings { #expect(help.contains(binding.help)) }
    }

    @Test func designKeysAreBound() {
        let expectations: [(Key, ScreenKind, Action)] = [
            (.up, .overview, .up), (.char("k"), .overview, .up), (.down, .overview, .down), (.char("j"), .overview, .down),
            (.enter, .overview, .open), (.right, .overview, .open), (.char("l"), .overview, .open),
            (.escape, .step, .back), (.left, .step, .back), (.char("h"), .step, .back),
            (.char("n"), .step, .next), (.char("p"), .step, .previous), (.char(" "), .step, .done), (.char("d"), .step, .done),
            (.char("s"), .step, .skip), (.char("x"), .step, .notApplicable), (.char("e"), .step, .evidence),
            (.char("o"), .step, .note), (.char("u"), .step, .undo), (.char("v"), .step, .check), (.char("t"), .step, .tasks),
            (.char("S"), .step, .summary), (.char("q"), .step, .quit), (.char("?"), .overview, .help),
            (.tab, .form, .nextField), (.backTab, .form, .previousField), (.enter, .form, .accept), (.escape, .form, .cancel),
        ]
        for (key, screen, action) in expectations {
            #expect(KeyMap.action(for: key, on: screen) == action, "\(key) on \(screen)")
        }
    }

    @Test func footerFitsAt80ColumnsWithHelpAndQuit() {
        let app = Harness.opened()
        let footer = View.render(app.state).lines().last ?? ""
        #expect(footer.contains("? help"))
        #expect(footer.contains("q quit"))
        #expect(footer.contains("d done"))
    }
}

@Suite struct TextFieldTests {
    @Test func editsByCharacterNotByte() {
        var field = TextField()
        for c in "日本e\u{301}x" { _ = field.handle(.char(c)) }
        #expect(field.text == "日本éx")
        _ = field.handle(.backspace)
        #expect(field.text == "日本é")
        _ = field.handle(.home)
        _ = field.handle(.delete)
        #expect(field.text == "本é")
        _ = field.handle(.end)
        _ = field.handle(.left)
        _ = field.handle(.char("-"))
        #expect(field.text == "本-é")
        _ = field.handle(.ctrl("u"))
        #expect(field.text == "é")
        #expect(field.cursor == 0)
        _ = field.handle(.left)
        #expect(field.cursor == 0)
        _ = field.handle(.backspace)
        #expect(field.text == "é")
    }

    @Test func refusesControlCharactersAndRespectsMaxLength() {
        var field = TextField(maxLength: 3)
        for c in "a\u{1B}b\u{202E}cd" { _ = field.handle(.char(c)) }
        #expect(field.text == "abc")
    }

    @Test func windowKeepsTheCursorVisible() {
        var field = TextField(String(repeating: "日", count: 30))
        var window = field.window(width: 10)
        #expect(DisplayWidth.of(window.text) <= 10)
        #expect(window.cursorColumn <= 9)
        _ = field.handle(.home)
        window = field.window(width: 10)
        #expect(window.cursorColumn == 0)
        #expect(window.text.hasPrefix("日"))
    }

    /// The window walks left from the cursor instead of re-measuring the text: same result as
    /// scrolling right from the start until the cursor fits, on random texts and cursors.
    @Test func windowAgreesWithTheScrollingReference() {
        var generator = SplitMix64(seed: 5)
        let pieces: [Character] = ["a", "b", "日", "🔐", "e\u{301}", " "]
        for _ in 0..<1000 {
            let text = String((0..<Int.random(in: 0..<60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! })
            var field = TextField(text, maxLength: 100)
            for _ in 0..<Int.random(in: 0..<60, using: &generator) { _ = field.handle(.left) }
            let width = Int.random(in: 2..<20, using: &generator)
            let characters = Array(field.text)
            var start = 0
            while DisplayWidth.of(String(characters[start..<field.cursor])) > width - 1 { start += 1 }
            let got = field.window(width: width)
            #expect(got.cursorColumn == DisplayWidth.of(String(characters[start..<field.cursor])), "\(text) \(width)")
            #expect(got.text.hasPrefix(String(characters[start..<field.cursor])) || got.text == String(characters[start...]).prefix(got.text.count).description)
        }
    }

    @Test func nonEditingKeysAreNotConsumed() {
        var field = TextField("x")
        for key in [Key.tab, .enter, .escape] {
            let consumed = field.handle(key)
            #expect(!consumed)
        }
        #expect(field.text == "x")
    }
}

@Suite struct GridTests {
    @Test func wideCharactersTakeTwoCellsAndClip() {
        var grid = Grid(width: 5, height: 1)
        let used = grid.put("a日本", row: 0, column: 0)
        #expect(used == 5)
        #expect(grid.text == "a日本")
        var clipped = Grid(width: 4, height: 1)
        #expect(clipped.put("a日本", row: 0, column: 0) == 3)
        #expect(clipped.text == "a日")
    }

    @Test func combiningMarksStayInTheirCell() {
        var grid = Grid(width: 4, height: 1)
        grid.put("e\u{301}x", row: 0, column: 0)
        #expect(grid.text == "éx")
        #expect(grid[0, 1].text == "x")
    }

    @Test func outOfRangeWritesAreIgnored() {
        var grid = Grid(width: 3, height: 2)
        #expect(grid.put("x", row: 5, column: 0) == 0)
        #expect(grid.put("x", row: 0, column: 9) == 0)
        #expect(grid.put("x", row: -1, column: 0) == 0)
    }
}

/// Which rows a terminal must redraw between two frames.
@Suite struct ChangedRowsTests {
    @Test func firstFrameAndNewSizesRedrawEverything() {
        let grid = Grid(width: 10, height: 4)
        #expect(grid.changedRows(since: nil) == [0, 1, 2, 3])
        #expect(grid.changedRows(since: Grid(width: 9, height: 4)) == [0, 1, 2, 3])
        #expect(grid.changedRows(since: Grid(width: 10, height: 5)) == [0, 1, 2, 3])
    }

    @Test func onlyRowsWithADifferentCellOrStyle() {
        let before = Grid(width: 10, height: 4)
        var after = before
        after.put("x", row: 1, column: 9)
        after.put(" ", row: 3, column: 0, style: .bold)
        #expect(after.changedRows(since: before) == [1, 3])
        #expect(after.changedRows(since: after) == [])
    }
}
