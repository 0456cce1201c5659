import ChecklistModel
@testable import ChecklistUI
import Foundation
import Testing

@Suite struct NavigationTests {
    @Test func opensAtTheSavedCursorOnTheSavedScreen() {
        var account = Harness.newAccount()
        account.cursor = "kms-recovery-phone"
        let onStep = Harness.opened(account: account)
        #expect(onStep.currentStep == "kms-recovery-phone")
        account.cursorScreen = .overview
        let onOverview = Harness.opened(account: account)
        #expect(onOverview.screen == .overview(selected: Harness.itemIDs.firstIndex(of: "kms-recovery-phone")!, scroll: 0))
    }

    @Test func unknownCursorFallsBackToFirstPending() {
        var account = Harness.newAccount()
        account.cursor = "retired-item"
        #expect(Harness.opened(account: account).currentStep == Harness.itemIDs[0])
    }

    @Test func nextAndPreviousStopAtTheEnds() {
        var app = Harness.opened()
        app.press(.char("p"))
        #expect(app.currentStep == Harness.itemIDs[0])
        #expect(app.state.flash?.text.contains("first") == true)
        for _ in 0..<20 { app.press(.char("n")) }
        #expect(app.currentStep == Harness.itemIDs.last)
        #expect(app.state.flash?.text.contains("last") == true)
        app.press(.char("p"))
        #expect(app.currentStep == Harness.itemIDs[Harness.itemIDs.count - 2])
    }

    @Test func overviewSelectionClampsAndFollowsSteps() {
        var app = Harness.opened()
        app.press(.escape)
        app.press(.up, .char("k"))
        #expect(app.screen == .overview(selected: 0, scroll: 0))
        for _ in 0..<30 { app.press(.char("j")) }
        guard case .overview(let selected, _) = app.screen else { Issue.record("left overview"); return }
        #expect(selected == Harness.itemIDs.count - 1)
        app.press(.enter)
        #expect(app.currentStep == Harness.itemIDs.last)
        app.press(.char("p"), .char("h"))
        guard case .overview(let after, _) = app.screen else { Issue.record("left overview"); return }
        #expect(after == Harness.itemIDs.count - 2)
        app.press(.right)
        #expect(app.currentStep == Harness.itemIDs[Harness.itemIDs.count - 2])
    }

    @Test func stepScrollsWithinItsContent() {
        var app = Harness.opened()
        for _ in 0..<200 { app.press(.down) }
        guard case .step(_, let scroll) = app.screen else { Issue.record("not on step"); return }
        let lines = Layout.bodyLines(for: app.screen, in: app.state).count
        #expect(scroll == lines - app.state.bodyHeight)
        app.press(.pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp)
        #expect(app.screen == .step(itemID: Harness.itemIDs[0], scroll: 0))
    }

    @Test func helpTasksAndSummaryOpenAndClose() {
        var app = Harness.opened()
        app.press(.char("?"))
        #expect(app.screen == .help(scroll: Layout.helpStart(for: .step, in: app.state)), "opens at the step's keys")
        #expect(Layout.bodyLines(for: app.screen, in: app.state).contains { $0.plainText.contains("Mark done") })
        #expect(app.text.contains("Mark done"))
        app.press(.char("g"))
        #expect(app.text.contains("Account list"), "the top of help holds every screen's keys")
        app.press(.escape, .char("t"))
        #expect(app.screen == .tasks(scroll: 0))
        #expect(app.text.contains("Account management"))
        app.press(.char("h"), .char("S"))
        #expect(app.screen == .summary(scroll: 0))
        #expect(app.text.contains("INCOMPLETE"))
        app.press(.left)
        #expect(app.currentStep == Harness.itemIDs[0])
    }

    @Test func quitSavesTheCursorAndScreen() {
        var app = Harness.opened()
        app.press(.char("n"), .char("n"), .char("q"))
        #expect(app.effects.last == .quit)
        #expect(app.saved.last?.cursor == Harness.itemIDs[2])
        #expect(app.saved.last?.cursorScreen == .step)
        var overview = Harness.opened()
        overview.press(.escape, .down, .char("q"))
        #expect(overview.saved.last?.cursor == Harness.itemIDs[1])
        #expect(overview.saved.last?.cursorScreen == .overview)
    }

    @Test func quitWithoutMovingWritesNothing() {
        var account = Harness.newAccount()
        account.cursorScreen = .step
        var app = Harness.opened(account: account)
        app.effects = []
        app.press(.char("q"))
        #expect(app.saved.isEmpty)
        #expect(app.effects == [.quit])
    }
}

@Suite struct ItemChangeTests {
    @Test func doneAsksForRequiredEvidenceThenAdvances() {
        var app = Harness.opened()
        app.press(.char("n"), .char("n"))
        #expect(app.currentStep == "root-mfa")
        app.press(.char(" "))
        guard case .form(let form) = app.screen else { Issue.record("no evidence form"); return }
        #expect(form.purpose == .evidence(itemID: "root-mfa", thenStatus: .done))
        app.press(.enter)
        #expect(app.form?.fields.filter { $0.error != nil }.map(\.key) == ["device-kinds", "device-count", "backup-location"])
        app.type("passkey,security-key")
        app.press(.tab)
        app.type("12")
        app.press(.tab, .tab)
        app.type("Safe B")
        app.press(.enter)
        #expect(app.form?.fields[1].error?.contains("at most 8") == true)
        #expect(app.form?.focus == 1)
        app.press(.backspace)
        app.press(.enter)
        // One device where AWS advises two: done only with the reason written down.
        #expect(app.record("root-mfa").status == .pending)
        #expect(app.form?.fields.filter { $0.error != nil }.map(\.key) == ["single-device-reason"])
        #expect(app.form?.fields[2].error?.contains("needed when Number of devices is below 2") == true, "\(app.form?.fields[2].error ?? "")")
        #expect(app.form?.focus == 2)
        app.type("second key on order")
        app.press(.enter)
        #expect(app.record("root-mfa").status == .done)
        #expect(app.record("root-mfa").evidence == ["device-kinds": "passkey, security-key", "device-count": "1",
                                                    "single-device-reason": "second key on order", "backup-location": "Safe B"])
        #expect(app.currentStep == "no-root-access-keys", "moved on to the next pending item")
        #expect(app.saved.count == 1)
        #expect(app.saved.last?.cursor == app.currentStep)
    }

    @Test func doneWithEvidenceAlreadyRecordedMarksAtOnce() {
        var app = Harness.opened()
        app.press(.char("n"), .char("n"), .char("e"))
        app.fillMFAEvidence(backup: "Safe B")
        #expect(app.record("root-mfa").status == .pending)
        #expect(app.currentStep == "root-mfa")
        app.press(.char("d"))
        #expect(app.record("root-mfa").status == .done)
        app.press(.char("p"), .char("p"))
        app.press(.escape)
        let index = Harness.itemIDs.firstIndex(of: "root-mfa")!
        app.state.stack[app.state.stack.count - 1] = .overview(selected: index, scroll: 0)
        app.press(.char("d"))
        #expect(app.state.flash?.text.contains("Already done") == true)
    }

    @Test func skipAndNotApplicableNeedAReason() {
        var app = Harness.opened()
        app.press(.char("s"), .enter)
        #expect(app.form?.fields[0].error == "required")
        app.type("vault team on holiday")
        app.press(.enter)
        #expect(app.record(Harness.itemIDs[0]).status == .skipped)
        #expect(app.record(Harness.itemIDs[0]).reason == "vault team on holiday")
        #expect(app.currentStep == Harness.itemIDs[1])
        app.press(.char("x"))
        app.type("standalone account")
        app.press(.enter)
        #expect(app.record(Harness.itemIDs[1]).status == .notApplicable)
    }

    @Test func secretInAReasonKeepsTheFormOpen() {
        var app = Harness.opened()
        app.press(.char("s"))
        app.type("password: hunter2hunter2")
        app.press(.enter)
        #expect(app.form?.fields[0].error?.contains("password") == true)
        #expect(app.saved.isEmpty)
        app.press(.escape)
        #expect(app.currentStep == Harness.itemIDs[0])
        #expect(app.state.flash?.text.contains("Cancelled") == true)
    }

    @Test func notesAreSetAndCleared() {
        var app = Harness.opened()
        app.press(.char("o"))
        app.type("ticket SEC-42")
        app.press(.enter)
        #expect(app.record(Harness.itemIDs[0]).note == "ticket SEC-42")
        #expect(app.currentStep == Harness.itemIDs[0])
        app.press(.char("o"), .ctrl("u"), .enter)
        #expect(app.record(Harness.itemIDs[0]).note == nil)
        app.press(.char("o"), .enter)
        #expect(app.state.flash?.text == "Nothing changed.")
    }

    @Test func undoKeepsTheEvidenceItFoundAndRedoPutsTheChangeBack() {
        var app = Harness.opened()
        app.press(.char("n"), .char("n"), .char("d"))
        app.fillMFAEvidence(backup: "safe")
        #expect(app.record("root-mfa").status == .done)
        app.press(.char("u"))
        #expect(app.record("root-mfa").status == .pending)
        #expect(app.record("root-mfa").evidence["backup-location"] == "safe", "the evidence typed is kept")
        app.press(.ctrl("r"))
        #expect(app.record("root-mfa").status == .done)
        #expect(app.account?.history.last?.action == .redo)
        app.press(.ctrl("r"))
        #expect(app.state.flash?.text.contains("Nothing to redo") == true)
        app.press(.char("u"), .char("r"))
        #expect(app.state.flash?.text.contains("Already pending") == true)
        app.press(.char("s"))
        app.type("later")
        app.press(.enter, .ctrl("r"))
        #expect(app.state.flash?.text.contains("Nothing to redo") == true, "a new change clears what could be redone")
    }

    @Test func undoWalksBackOneChangeAtATime() {
        var app = Harness.opened()
        app.press(.char("u"))
        #expect(app.state.flash?.text.contains("Nothing to undo") == true)
        app.press(.char("s"))
        app.type("one")
        app.press(.enter, .char("s"))
        app.type("two")
        app.press(.enter)
        #expect(app.record(Harness.itemIDs[1]).status == .skipped)
        app.press(.char("u"))
        #expect(app.record(Harness.itemIDs[1]).status == .pending)
        #expect(app.record(Harness.itemIDs[0]).status == .skipped)
        #expect(app.currentStep == Harness.itemIDs[1])
        app.press(.char("u"))
        #expect(app.record(Harness.itemIDs[0]).status == .pending)
        #expect(app.currentStep == Harness.itemIDs[0])
        app.press(.char("u"))
        #expect(app.state.flash?.text.contains("Nothing to undo") == true)
        #expect(app.account?.history.filter { $0.action == .undo }.count == 2)
        #expect(app.saved.count == 4)
    }

    @Test func evidenceKeyOnItemWithoutEvidenceExplains() {
        let checklist = Checklist(id: "t", version: 1, title: "T",
                                  items: [ChecklistItem(id: "a", title: "A", required: true, why: "w", steps: ["s"])])
        var app = Harness()
        app.state.checklists = [checklist]
        app.send(.accountOpened(AccountState(account: AccountInfo(id: "111122223333"), checklist: ChecklistRef(id: "t", version: 1),
                                             createdAt: app.now, by: "t"), checklist))
        app.press(.char("e"))
        #expect(app.state.flash?.text.contains("no evidence") == true)
        app.press(.char("v"))
        #expect(app.state.flash?.text.contains("no automated check") == true)
        app.press(.char("d"))
        #expect(app.state.screen == .completion(scroll: 0))
        #expect(app.text.contains("Complete: every required item is resolved"))
    }

    @Test func checkKeyRunsTheCheckAndRecordsItsResult() {
        var app = Harness.opened()
        app.press(.char("n"), .char("n"), .char("v"))
        #expect(app.effects.last == .runCheck(accountID: "111122223333", itemID: "root-mfa"))
        let result = CheckResult(outcome: .fail, reason: "AccountMFAEnabled is 0", at: app.now, source: .awsCLI)
        app.send(.checkFinished(accountID: "111122223333", itemID: "root-mfa", verification: VerificationResult(results: [.init(itemID: "root-mfa", result: result)])))
        #expect(app.record("root-mfa").check == result)
        #expect(app.record("root-mfa").status == .pending)
        #expect(app.saved.count == 1)
        var offline = Harness.opened(checksAvailable: false)
        offline.press(.char("n"), .char("n"), .char("v"))
        #expect(offline.state.flash?.text.contains("not available") == true)
    }

    /// `v` records what `verify` records: the detected kind and organization with the result,
    /// each change of the account in its history, and the items that follow the kind follow it.
    @Test func theCheckKeyRecordsTheDetectedKindAsVerifyDoes() {
        var app = Harness.opened()
        app.openStep("root-mfa")
        app.press(.char("v"))
        let result = CheckResult(outcome: .notApplicable, reason: "a member whose root credentials were removed", at: app.now, source: .awsCLI)
        let detected = AccountState.AccountEdit(kind: .member, organizationId: "o-abcdefghij", managementAccountId: "999900001111",
                                                rootCredentials: .removed)
        app.send(.checkFinished(accountID: "111122223333", itemID: "root-mfa",
                                verification: VerificationResult(results: [.init(itemID: "root-mfa", result: result)], detected: detected)))
        let account = app.account?.account
        #expect(account?.kind == .member && account?.organizationId == "o-abcdefghij" && account?.managementAccountId == "999900001111")
        #expect(account?.rootCredentials == .removed)
        #expect(app.account?.history.contains { $0.action == .account && $0.item == "kind" && $0.to == "member" } == true)
        #expect(app.saved.last?.account.kind == .member, "saved with the result")
        #expect(app.text.contains("member"))
    }

    /// A running check shows a spinner and how long it has run; ticks move both.
    @Test func aRunningCheckSpinsAndCountsSeconds() {
        var app = Harness.opened(options: ViewOptions(ascii: true, color: false))
        app.press(.char("n"), .char("n"), .char("v"))
        #expect(app.text.contains(" | Checking root-mfa against AWS (0 s)"), "\(app.text)")
        app.now = app.now.addingTimeInterval(3)
        app.send(.tick)
        #expect(app.text.contains(" / Checking root-mfa against AWS (3 s)"), "\(app.text)")
        app.send(.checkFailed(.cancelled))
        app.send(.tick)
        #expect(app.state.checking == nil)
    }

    /// "Already running" is about a second request: the running check keeps its spinner and gets its answer.
    @Test func aSecondRequestLeavesTheRunningCheckAlone() {
        var app = Harness.opened()
        app.openStep("root-mfa")
        app.press(.char("v"))
        let running = app.state.checking
        app.send(.checkFailed(.alreadyRunning))
        #expect(app.state.checking == running && running != nil)
        #expect(app.state.session?.checkProblems.isEmpty == true, "nothing is kept on the step")
        #expect(app.state.flash?.text.hasPrefix("A check is already running") == true)
    }

    /// Failures arrive as values and are worded by the view: AWS's words are cleaned, a member's way in comes first.
    @Test func checkFailuresAreWordedByTheView() {
        var app = Harness.opened(width: 120, height: 80)
        app.openStep("root-mfa")
        app.press(.char("v"))
        app.send(.checkFailed(.other("denied\u{1B}[2J by \u{07}policy")))
        #expect(app.state.flash?.text.contains("\u{1B}") == false)
        #expect(app.bodyText.contains("Last attempt, not recorded: denied"))
        app.press(.char("v"))
        app.send(.checkFailed(.memberNeedsAccess(expected: "111122223333", actual: "999988887777")))
        #expect(app.state.flash?.text.hasPrefix("Set Checked through (a)") == true)
        #expect(app.state.flash?.text.contains("belong to account 999988887777, not 111122223333") == true)
        app.press(.char("v"))
        app.send(.checkFailed(.unreachable(access: "role Audit", reason: "AccessDenied")))
        #expect(app.bodyText.contains("cannot reach the account as role Audit: AccessDenied"), "\(app.bodyText)")
    }

    /// A check that could not run says why on the step, and keeps saying it until a check answers.
    @Test func aCheckThatCouldNotRunSaysWhyOnTheStep() {
        var app = Harness.opened()
        app.openStep("root-mfa")
        app.press(.char("v"))
        app.send(.checkFailed(.other("No AWS credentials were found: run `aws configure` or pass --profile")))
        app.press(.char("j"), .char("k"))
        #expect(app.bodyText.contains("Last attempt, not recorded: No AWS credentials were found"), "\(app.bodyText)")
        app.press(.char("v"))
        let passed = CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: app.now, source: .awsCLI)
        app.send(.checkFinished(accountID: "111122223333", itemID: "root-mfa",
                                verification: VerificationResult(results: [.init(itemID: "root-mfa", result: passed)])))
        #expect(!app.bodyText.contains("Last attempt"))
        #expect(app.bodyText.contains("AccountMFAEnabled is 1"))
    }

    /// Marking done: a required date is filled in with today (changeable); an optional one is not guessed.
    @Test func aRequiredDateIsPrefilledWithToday() {
        var app = Harness.opened()
        app.openStep("no-root-access-keys")
        app.press(.char("d"))
        let date = app.form?.fields.first { $0.key == "confirmed-on" || $0.label.hasPrefix("Date") }
        #expect(date?.input.text == "2027-01-15", "\(app.form?.fields.map(\.key.rawValue) ?? [])")
        // Typing replaces the suggestion, as a selected default; moving in it first keeps it to edit.
        let index = app.form?.fields.firstIndex { $0.key == date?.key } ?? 0
        while app.form?.focus != index { app.press(.tab) }
        app.type("2027-01-10")
        #expect(app.form?.fields[index].input.text == "2027-01-10")
        app.press(.escape, .char("d"))
        while app.form?.focus != index { app.press(.tab) }
        app.press(.backspace)
        app.type("4")
        #expect(app.form?.fields[index].input.text == "2027-01-14")
        app.press(.escape)
        app.openStep("root-mfa")
        app.press(.char("d"))
        #expect(app.form?.fields.first { $0.key == "enabled-on" }?.input.text == "", "an optional date is left empty")
    }

    @Test func aRunningCheckLeavesKeysLiveAndAnswersOnlyItsAccount() {
        var app = Harness.opened()
        app.press(.char("n"), .char("n"), .char("v"))
        #expect(app.state.checking == CheckInFlight(accountID: "111122223333", itemID: "root-mfa", check: .rootMFA, started: app.now))
        app.press(.char("j"))
        #expect(app.text.contains("Checking root-mfa against AWS"), "the running check stays visible after other keys")
        let effects = app.effects.count
        app.press(.char("v"))
        #expect(app.effects.count == effects, "a second check waits for the first")
        #expect(app.state.flash?.text.contains("still running") == true)
        let result = CheckResult(outcome: .pass, reason: "ok", at: app.now, source: .awsCLI)
        app.send(.checkFinished(accountID: "444455556666", itemID: "root-mfa", verification: VerificationResult(results: [.init(itemID: "root-mfa", result: result)])))
        #expect(app.state.checking == nil)
        #expect(app.record("root-mfa").check == nil, "an answer for another account is not recorded here")
        app.press(.char("v"))
        app.send(.checkFailed(.cancelled))
        #expect(app.state.checking == nil)
        app.press(.char("v"), .escape)
        #expect(app.effects.last == .cancelCheck)
        #expect(app.state.checking == nil, "Esc cancels the running check")
        #expect(app.screen == .step(itemID: "root-mfa", scroll: 1), "and stays on the step (scrolled by the j before)")
        app.press(.char("v"), .char("q"))
        #expect(app.state.quitting, "q quits while a check runs")
    }

    @Test func reopenPutsAnItemBackToPendingKeepingItsEvidence() {
        var app = Harness.opened()
        app.press(.char("n"), .char("n"), .char("r"))
        #expect(app.state.flash?.text.contains("Already pending") == true)
        app.press(.char("d"))
        app.fillMFAEvidence(backup: "safe")
        #expect(app.record("root-mfa").status == .done)
        app.press(.char("p"), .char("r"))
        #expect(app.record("root-mfa").status == .pending)
        #expect(app.record("root-mfa").evidence["device-count"] == "2", "evidence kept")
        #expect(app.saved.count == 2)
    }

    @Test func aPasteIsTextNeverKeys() {
        var app = Harness.opened()
        app.send(.paste("q"))
        #expect(!app.state.quitting, "a pasted q does not quit")
        #expect(app.state.flash?.text.contains("text fields only") == true)
        app.press(.char("o"))
        app.send(.paste("first line\nsecond line\u{1B}[31m with q and Esc\tend"))
        app.press(.enter)
        let note = app.record(app.currentStep ?? "").note ?? ""
        #expect(note == "first line\nsecond line[31m with q and Esc end", "\(note)")
        app.press(.char("s"))
        app.send(.paste("one\ntwo"))
        app.press(.enter)
        #expect(app.record(Harness.itemIDs[0]).reason == "one two", "a one-line field turns newlines into spaces")
    }

    @Test func ctrlCInAFormWithTypedTextAsksFirst() {
        var app = Harness.opened()
        app.press(.char("o"), .ctrl("c"))
        #expect(app.state.quitting, "nothing typed: quits at once")
        var typed = Harness.opened()
        typed.press(.char("o"))
        typed.type("half a thought")
        typed.press(.ctrl("c"))
        #expect(!typed.state.quitting)
        #expect(typed.text.contains("Ctrl-C again quits"))
        typed.type(" more")
        typed.press(.ctrl("c"))
        #expect(!typed.state.quitting, "any other key disarms it")
        typed.press(.ctrl("c"))
        #expect(typed.state.quitting)
        var signalled = Harness.opened()
        signalled.press(.char("o"))
        signalled.type("typed")
        signalled.send(.signal)
        #expect(signalled.state.quitting, "a signal quits at once")
    }

    /// Root MFA marked done with its evidence, then an AWS check that fails; the cursor on it.
    static func contradictedMFA() throws -> AccountState {
        var account = Harness.newAccount()
        try account.setStatus(.done, item: "root-mfa", evidence: ["device-kinds": "passkey", "device-count": "2",
                                                                  "backup-location": "safe"],
                              checklist: Harness.checklist, by: "t", at: Date(timeIntervalSince1970: 1_800_000_000))
        account.recordCheck(CheckResult(outcome: .fail, reason: "AccountMFAEnabled is 0", at: Date(timeIntervalSince1970: 1_800_000_000),
                                        source: .awsCLI), item: "root-mfa", by: "t")
        account.cursor = "root-mfa"
        return account
    }

    @Test func contradictionIsFlaggedOnOverviewAndStep() throws {
        var app = Harness.opened(account: try Self.contradictedMFA())
        #expect(app.text.contains("Status: ⚠ contradicted"))
        #expect(app.bodyText.contains("contradicted: marked done, but the AWS check fails"))
        app.press(.char("d"))
        #expect(app.state.flash?.text.contains("O to override") == true)
        app.press(.escape)
        #expect(app.text.contains("⚠ Turn on MFA"), "the overview draws no ✓ for a contradicted done")
        #expect(app.text.contains("contradicted"))
        #expect(app.text.contains("2/13"), "two items that do not apply, and the contradicted done not counted")
    }

    /// O on a contradicted step asks why, records the override with the operator, and the item
    /// counts again; the failure it answered is shown with it.
    @Test func overridingAContradictedCheckAsksWhyAndRecordsIt() throws {
        var app = Harness.opened(account: try Self.contradictedMFA())
        app.press(.char("O"))
        let form = try #require(app.form)
        #expect(form.intro.contains("AWS says: AccountMFAEnabled is 0"))
        app.press(.enter)
        #expect(app.form?.fields.first?.error == "required", "an empty reason is not an override")
        app.type("keys arrive Monday")
        app.press(.enter)
        #expect(app.form == nil)
        let override = try #require(app.record("root-mfa").checkOverride)
        #expect(override.reason == "keys arrive Monday" && override.by == "tester@host" && override.failure == "AccountMFAEnabled is 0")
        #expect(app.saved.last?.record("root-mfa").checkOverride == override, "saved at once")
        #expect(app.state.flash?.text == "Saved: done; AWS check overridden by tester@host: keys arrive Monday")
        #expect(app.text.contains("Status: ✓ done"))
        #expect(app.bodyText.contains("done; AWS check overridden by tester@host: keys arrive Monday"))
        app.press(.char("O"))
        #expect(app.form == nil)
        #expect(app.state.flash?.text.hasPrefix("Already overridden") == true)
        app.press(.escape)
        #expect(app.text.contains("overridden"))
        app.press(.char("u"))
        #expect(app.record("root-mfa").checkOverride == nil, "undo takes the override back")
    }

    @Test func overrideIsOfferedOnlyForAContradiction() {
        var app = Harness.opened()
        app.press(.char("O"))
        #expect(app.form == nil)
        #expect(app.state.flash?.text.hasPrefix("Nothing to override") == true)
    }

    /// Done on an item whose last check failed is saved, and said at once to be contradicted.
    @Test func markingDoneAgainstAFailedCheckSaysItIsContradicted() throws {
        var account = Harness.newAccount()
        account.recordCheck(CheckResult(outcome: .fail, reason: "AccountMFAEnabled is 0", at: Date(timeIntervalSince1970: 1_800_000_000),
                                        source: .awsCLI), item: "root-mfa", by: "t")
        account.cursor = "root-mfa"
        var app = Harness.opened(account: account)
        app.press(.char("d"))
        app.fillMFAEvidence()
        #expect(app.record("root-mfa").status == .done)
        #expect(app.state.flash?.text.hasPrefix("Saved, but contradicted") == true)
    }

    /// Required items all resolved in the middle of the walk: a word of it, and the walk goes on.
    @Test func resolvingTheLastRequiredItemMidWalkSaysSoAndGoesOn() {
        var account = Harness.newAccount()
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        for item in ["root-mfa", "no-root-access-keys", "kms-recovery-phone"] {
            try? account.setStatus(.notApplicable, item: item, reason: "test", checklist: Harness.checklist, by: "t", at: at)
        }
        account.cursor = "identity-center-admin"
        var app = Harness.opened(account: account)
        app.press(.char("x"))
        app.type("organization admin covers it")
        app.press(.enter)
        #expect(app.currentStep != nil && app.currentStep != "identity-center-admin", "on to the next pending item")
        #expect(app.state.flash?.text.hasPrefix("Every required item is resolved: the account is complete.") == true)
        app.press(.char("u"))
        #expect(app.currentStep == "identity-center-admin")
        #expect(app.record("identity-center-admin").status == .pending)
    }

    /// An account with every item but the last resolved (`status` for each, with a reason), open at the last.
    func allButTheLastResolved(_ status: (String) -> ItemStatus, reason: (String) -> String) -> Harness {
        var account = Harness.newAccount()
        let last = Harness.itemIDs.last!
        for item in Harness.itemIDs where item != last {
            try? account.setStatus(status(item), item: item, reason: reason(item), checklist: Harness.checklist, by: "t",
                                   at: Date(timeIntervalSince1970: 1_800_000_000))
        }
        account.cursor = last
        return Harness.opened(width: 100, height: 40, account: account)
    }

    /// The last item resolved: the completion screen, naming every skipped item and its reason.
    @Test func resolvingTheLastItemShowsCompletionNamingSkippedItems() {
        var app = allButTheLastResolved({ Harness.checklist.item($0)?.required == true ? .notApplicable : .skipped },
                                        reason: { "reason for \($0)" })
        app.press(.char("s"))
        app.type("later")
        app.press(.enter)
        #expect(app.screen == .completion(scroll: 0))
        let text = app.bodyText
        #expect(text.hasPrefix("Complete: every required item is resolved and nothing is pending"), "\(text)")
        #expect(text.contains("Skipped"))
        #expect(text.contains("Sign out of root and stop using it (recommended): later"), "\(text)")
        #expect(text.contains("reason for strong-root-password"))
    }

    /// Nothing pending but a required item skipped: not complete, and the screen says which.
    @Test func completionWithARequiredItemSkippedSaysNotComplete() {
        var app = allButTheLastResolved({ $0 == "root-mfa" ? .skipped : .notApplicable }, reason: { _ in "r" })
        app.press(.char("x"))
        app.type("n/a")
        app.press(.enter)
        #expect(app.screen == .completion(scroll: 0))
        #expect(app.bodyText.hasPrefix("Not complete: nothing is pending, but 1 required item is skipped."), "\(app.bodyText)")
        #expect(app.bodyText.contains("(required): r"))
    }

    @Test func saveFailureIsShownAndKept() {
        var app = Harness.opened()
        app.send(.saveFailed(.store("cannot save /x: No space left on device")))
        #expect(app.text.contains("NOT SAVED"))
        app.press(.down)
        #expect(app.text.contains("NOT SAVED"), "the banner stays until a save succeeds")
        app.send(.saved)
        #expect(!app.text.contains("NOT SAVED"))
    }

    @Test func tooSmallBlocksKeysButQuitWorks() {
        var app = Harness.opened()
        app.send(.resize(width: 40, height: 10))
        #expect(app.text.contains("Terminal too small"))
        app.press(.char("s"))
        #expect(app.form == nil)
        app.send(.resize(width: 80, height: 24))
        #expect(app.currentStep == Harness.itemIDs[0])
        app.send(.resize(width: 40, height: 10))
        app.press(.char("q"))
        #expect(app.effects.last == .quit)
    }
}
