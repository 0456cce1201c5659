import SystemImports
import ChecklistModel
import ChecklistText

/// The walkthrough's logic: `update(state, msg) -> effects`, pure apart from the `now` it is given.
public enum Reducer {
    public static func update(_ state: inout AppState, _ msg: Msg, now: Date) -> [Effect] {
        let effects = dispatch(&state, msg, now: now)
        followKind(&state)
        // Follow-ups are judged on the day of the last message (changed only when the day does, so
        // an unchanged state still compares equal and is not repainted).
        func day(_ date: Date) -> Int { Int(date.timeIntervalSince1970) / 86_400 }
        if let session = state.session, session.asOf.map(day) != day(now) { state.session?.asOf = now }
        return effects
    }

    static let refreshing = "Reading the accounts again…"

    /// After the account's kind changed, the walk's order follows it; the overview keeps the same item selected.
    static func followKind(_ state: inout AppState) {
        guard var session = state.session else { return }
        let before = session.checklist.items.map(\.id)
        guard session.followKind() else { return }
        state.session = session
        let after = session.checklist.items.map(\.id)
        for position in state.stack.indices {
            if case .overview(let selected, let scroll) = state.stack[position], before.indices.contains(selected) {
                state.stack[position] = .overview(selected: after.firstIndex(of: before[selected]) ?? selected, scroll: scroll)
            }
        }
        clampScroll(&state)
    }

    static func dispatch(_ state: inout AppState, _ msg: Msg, now: Date) -> [Effect] {
        switch msg {
        case .resize(let width, let height):
            state.width = width
            state.height = height
            clampScroll(&state)
            return []
        case .minute:
            state.listClock = now
            return []
        case .accountsLoaded(let rows, let unreadable):
            state.listClock = now
            // The open account's row is fresher than its file's, which may lag one save behind.
            let open = state.session.map { AccountRow($0.progress) }
            // The selection stays on its account when the rows are read again (another command's save reorders them).
            let listed = state.listedAccounts
            let chosen = state.stack.compactMap { screen -> String? in
                if case .accountList(let selected) = screen, listed.indices.contains(selected) { return listed[selected].id }
                return nil
            }.first
            state.accounts = (rows.filter { $0.id != open?.id } + (open.map { [$0] } ?? []))
                .sorted { $0.updatedAt > $1.updatedAt }
            if let first = state.stack.first, case .onboarding = first, state.stack.count == 1, !state.accounts.isEmpty {
                state.stack = [.accountList(selected: 0)]
            }
            for position in state.stack.indices {
                if case .accountList(let selected) = state.stack[position] {
                    let kept = chosen.flatMap { id in state.listedAccounts.firstIndex { $0.id == id } } ?? selected
                    state.stack[position] = .accountList(selected: clamp(kept, 0, state.listedAccounts.count - 1))
                }
            }
            if state.refreshing {
                state.refreshing = false
                state.flash = Flash("Read \(state.accounts.count) account\(state.accounts.count == 1 ? "" : "s").", .success)
            }
            if !unreadable.isEmpty {
                // Hidden from the list, but never silently: `root-checklist list` names the problem.
                state.flash = Flash("Not shown: \(unreadable.joined(separator: ", ")) could not be read; "
                                    + "run `root-checklist list` for why.", .error)
            }
            return []
        case .accountOpened(let account, let checklist):
            openSession(&state, account: account, checklist: checklist)
            return []
        case .openFailed(.inUse(let id, let holder)):
            // Nothing is lost: the list (or the form) is as it was, and the account opens once it is free.
            state.flash = Flash("Account \(id) is in use by \(PlainText.sanitizeLine(holder)): finish there, then Enter opens it here.", .error)
            return []
        case .openFailed(.exists(let id)):
            // Added meanwhile by another command: opened as it is (what the form held for it was not written).
            state.flash = Flash("Account \(id) was added meanwhile by another command: opened it as it is; this form's values were not saved.")
            return [.openAccount(id: id)]
        case .openFailed(.other(let message)):
            state.flash = Flash(message, .error)
            return []
        case .saved:
            state.session?.unsaved = nil
            return []
        case .saveFailed(let failure):
            state.session?.unsaved = failure
            state.flash = Flash("NOT SAVED: \(failure.text)", .error)
            return []
        case .checkFinished(let accountID, let itemID, let verification):
            state.checking = nil
            // The operator may have moved to another account while the check ran.
            guard var session = state.session, session.state.account.id == accountID,
                  let result = verification.result(itemID) else { return [] }
            do {
                try session.state.record(verification, by: state.operatorName, at: now)
            } catch {
                state.flash = Flash("The check's answer was not recorded: \(error)", .error)
                return []
            }
            session.checkProblems[itemID] = nil
            state.session = session
            let contradiction = session.progress.entry(itemID)?.contradicted == true
            // What matters most first: a narrow terminal cuts the end of the line, not the verdict.
            state.flash = Flash("AWS check \(result.outcome.rawValue)" + (contradiction ? " (your done is \(CheckStandingText.contradictedLabel); O overrides)" : "")
                                + ": \(result.reason)",
                                result.outcome == .pass ? .success : result.outcome == .fail ? .error : .info)
            return [.save(session.state)]
        case .checkFailed(.alreadyRunning):
            // Said about a second request: the check that runs keeps its spinner and its answer.
            state.flash = Flash(CheckFailure.alreadyRunning.text, .error)
            return []
        case .checkFailed(let failure):
            if let running = state.checking, state.session?.state.account.id == running.accountID {
                state.session?.checkProblems[running.itemID] = failure
            }
            state.checking = nil
            state.flash = Flash(failure.text, .error)
            return []
        case .tick:
            guard var running = state.checking else { return [] }
            running.frame += 1
            running.seconds = running.started.map { max(0, Int(now.timeIntervalSince($0))) } ?? 0
            state.checking = running
            return []
        case .operatorNamed(let name):
            state.operatorName = name
            return []
        case .fixPlanned(let proposal):
            return fixPlanned(proposal, &state)
        case .fixRefused(let accountID, let itemID, let reason):
            return fixRefused(accountID: accountID, itemID: itemID, reason: reason, &state)
        case .fixFinished(let accountID, let itemID, let outcome):
            return fixFinished(accountID: accountID, itemID: itemID, outcome, &state, now: now)
        case .notice(let text):
            if state.flash != nil {
                state.waitingNotice = PlainText.sanitizeLine(text)
            } else {
                state.flash = Flash(PlainText.sanitizeLine(text), .info)
            }
            return []
        case .synced(let account, let flash):
            state.flash = flash
            guard var session = state.session else { return [.listAccounts] }
            guard let account, account.account.id == session.state.account.id else {
                // The account could not be held again: back to the list, where nothing is open.
                state.session = nil
                state.stack = [.accountList(selected: 0)]
                return [.listAccounts]
            }
            // What the sync brought replaces the open state; an undo could otherwise write back over a teammate's change.
            session.state = account
            session.undo = []
            session.redo = []
            state.session = session
            clampScroll(&state)
            return [.listAccounts]
        case .sharing(let sharing):
            if let problem = sharing.problem, problem != state.sharing?.problem {
                state.flash = Flash("Saved, but not committed to git (sync will commit it): \(PlainText.sanitizeLine(problem))", .error)
            }
            state.sharing = sharing
            return []
        case .signal:
            return quit(&state)
        case .paste(let text):
            var form: Form
            switch state.screen {
            case .onboarding(let open), .form(let open): form = open
            default:
                if state.search != nil {
                    searchPaste(text, &state)
                    return []
                }
                state.flash = Flash("Pasted text goes into text fields only; nothing was done.")
                return []
            }
            guard form.fields.indices.contains(form.focus) else { return [] }
            form.fields[form.focus].typeOverForPaste()
            form.fields[form.focus].input.insert(text, keepNewlines: form.fields[form.focus].multiline)
            form.fields[form.focus].error = nil
            form.error = nil
            replaceForm(form, &state)
            return []
        case .key(let key):
            if state.isTooSmall {
                return key == .char("q") || key == .ctrl("c") ? quit(&state) : []
            }
            state.flash = nil
            let effects = handle(key, &state, now: now)
            if state.flash == nil, let waiting = state.waitingNotice {
                state.waitingNotice = nil
                state.flash = Flash(waiting, .info)
            }
            return effects
        }
    }

    static func handle(_ key: Key, _ state: inout AppState, now: Date) -> [Effect] {
        switch state.screen {
        case .onboarding(let form), .form(let form):
            return handleForm(key, form: form, &state, now: now)
        default:
            break
        }
        if let search = state.search {
            handleSearch(key, search, &state)
            return []
        }
        // Esc first ends a running check (the key map's Esc goes back once nothing runs).
        if key == .escape, let running = state.checking {
            state.flash = Flash("Cancelling the \(running.check) check…")
            return [.cancelCheck]
        }
        guard let action = KeyMap.action(for: key, on: state.screen.kind) else {
            state.typedDigits = ""
            return []
        }
        if action != .jump { state.typedDigits = "" }
        switch action {
        case .quit: return quit(&state)
        case .help:
            let start = Layout.helpStart(for: state.screen.kind, in: state)
            state.stack.append(.help(scroll: start))
            clampScroll(&state)
            return []
        case .first, .last:
            goToEnd(action == .first, &state)
            return []
        case .jump:
            if case .char(let digit) = key { jump(digit, &state) }
            return []
        case .nextPending:
            nextPending(&state)
            return []
        case .back:
            return back(&state)
        case .up, .down, .pageUp, .pageDown:
            move(action, &state)
            return []
        case .newAccount:
            state.stack.append(.onboarding(Forms.onboarding(checklists: state.checklists)))
            return []
        case .clearSearch:
            guard !state.accountText.isEmpty else { return [] }
            state.accountText = ""
            state.flash = Flash("Search cleared: \(state.listedAccounts.count) of \(state.accounts.count) accounts shown"
                                + (state.accountFilter == .all ? "." : " (filter \(state.accountFilter.rawValue); f changes it)."))
            clampScroll(&state)
            return []
        case .sync:
            guard state.sharing != nil else {
                state.flash = Flash("This state directory is not shared: `root-checklist team init --remote URL` shares it.")
                return []
            }
            state.flash = Flash("Syncing with the remote…")
            return [.sync]
        case .search:
            startSearch(&state)
            return []
        case .filter:
            let all = AccountFilter.allCases
            state.accountFilter = all[(all.firstIndex(of: state.accountFilter)! + 1) % all.count]
            state.screen = .accountList(selected: 0)
            state.flash = Flash("Showing \(state.accountFilter == .all ? "all accounts" : "accounts: \(state.accountFilter.rawValue)") "
                                + "(\(state.listedAccounts.count) of \(state.accounts.count)); f shows the next set.")
            return []
        case .sort:
            let all = AccountSort.allCases
            state.accountSort = all[(all.firstIndex(of: state.accountSort)! + 1) % all.count]
            state.screen = .accountList(selected: 0)
            state.flash = Flash("Sorted by \(state.accountSort == .updated ? "last change, newest first" : state.accountSort == .progress ? "progress, least resolved first" : "account id"); o sorts by the next.")
            return []
        case .refresh:
            state.flash = Flash(Self.refreshing)
            state.refreshing = true
            return [.listAccounts]
        case .open:
            return open(&state)
        case .next, .previous:
            step(by: action == .next ? 1 : -1, &state)
            return []
        case .tasks:
            state.stack.append(.tasks(scroll: 0))
            return []
        case .summary:
            state.stack.append(.summary(scroll: 0))
            return []
        case .account:
            guard let session = state.session else { return [] }
            state.stack.append(.form(Forms.account(session.state.account, access: session.state.checkAccess)))
            return []
        case .done, .skip, .notApplicable, .evidence, .note, .undo, .redo, .check, .overrideCheck, .resolve, .confirm, .reopen, .copy, .fix:
            return itemAction(action, &state, now: now)
        case .confirmFix:
            return confirmFix(&state)
        case .nextField, .previousField, .accept, .cancel:
            return []
        }
    }

    // MARK: navigation

    static func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        var effects: [Effect] = []
        if var session = state.session {
            let cursor = currentItemID(state) ?? session.state.cursor
            let screen = resumeScreen(state)
            if session.state.cursor != cursor || session.state.cursorScreen != screen {
                session.state.setCursor(cursor)
                session.state.cursorScreen = screen
                state.session = session
                effects.append(.save(session.state))
            }
        }
        effects.append(.quit)
        return effects
    }

    /// Which of the two item screens the operator was on, for the next launch.
    static func resumeScreen(_ state: AppState) -> ResumeView {
        for screen in state.stack.reversed() {
            if case .step = screen { return .step }
            if case .overview = screen { return .overview }
        }
        return .step
    }

    static func back(_ state: inout AppState) -> [Effect] {
        // Leaving a plan unconfirmed drops it: nothing was changed.
        if state.screen.kind == .fixPlan { state.fixing = nil }
        if state.stack.count > 1 {
            state.stack.removeLast()
            if case .accountList = state.screen { closeSession(&state) }
            clampScroll(&state)
            return []
        }
        if case .overview = state.screen {
            // Opened straight into an account: the list is one level up.
            closeSession(&state)
            state.stack = [.accountList(selected: 0)]
        }
        return []
    }

    static func closeSession(_ state: inout AppState) {
        guard let session = state.session else { return }
        let row = AccountRow(session.progress)
        state.accounts.removeAll { $0.id == row.id }
        state.accounts.insert(row, at: 0)
        state.session = nil
    }

    static func open(_ state: inout AppState) -> [Effect] {
        switch state.screen {
        case .accountList(let selected):
            let listed = state.listedAccounts
            guard listed.indices.contains(selected) else { return [] }
            return [.openAccount(id: listed[selected].id)]
        case .overview(let selected, _):
            guard let session = state.session, session.checklist.items.indices.contains(selected) else { return [] }
            state.stack.append(.step(itemID: session.checklist.items[selected].id, scroll: 0))
            return []
        default:
            return []
        }
    }

    static func openSession(_ state: inout AppState, account: AccountState, checklist: Checklist) {
        var session = Session(state: account, checklist: checklist)
        let ids = session.checklist.items.map(\.id)
        // An account nothing was recorded for, still at the item its file was created pointing at,
        // starts where its walk starts (a member: removing its root credentials).
        let fresh = account.items.isEmpty && account.cursor == checklist.items.first?.id
        let cursor = (fresh ? nil : account.cursor.flatMap { ids.contains($0) ? $0 : nil })
            ?? session.progress.nextPending(after: nil) ?? ids.first ?? ""
        session.state.cursor = cursor
        state.session = session
        state.accounts.removeAll { $0.id == account.account.id }
        state.accounts.insert(AccountRow(session.progress), at: 0)
        let base: [Screen] = state.stack.first.map { first in
            if case .accountList = first { return [Screen.accountList(selected: 0)] }
            return []
        } ?? []
        let index = ids.firstIndex(of: cursor) ?? 0
        state.stack = base + [.overview(selected: index, scroll: 0)]
        if account.cursorScreen != .overview { state.stack.append(.step(itemID: cursor, scroll: 0)) }
        clampScroll(&state)
    }

    /// The item the operator is looking at, on the overview or a step.
    static func currentItemID(_ state: AppState) -> String? {
        guard let session = state.session else { return nil }
        for screen in state.stack.reversed() {
            switch screen {
            case .step(let itemID, _): return itemID
            case .overview(let selected, _):
                return session.checklist.items.indices.contains(selected) ? session.checklist.items[selected].id : nil
            default: continue
            }
        }
        return nil
    }

    static func move(_ action: Action, _ state: inout AppState) {
        let page = max(1, state.bodyHeight - 2)
        let delta: Int
        switch action {
        case .up: delta = -1
        case .down: delta = 1
        case .pageUp: delta = -page
        default: delta = page
        }
        switch state.screen {
        case .accountList(let selected):
            state.screen = .accountList(selected: clamp(selected + delta, 0, state.listedAccounts.count - 1))
        case .overview(let selected, let scroll):
            let count = state.session?.checklist.items.count ?? 0
            state.screen = .overview(selected: clamp(selected + delta, 0, count - 1), scroll: scroll)
        case .step(let itemID, let scroll):
            state.screen = .step(itemID: itemID, scroll: scroll + delta)
        case .help(let scroll): state.screen = .help(scroll: scroll + delta)
        case .tasks(let scroll): state.screen = .tasks(scroll: scroll + delta)
        case .summary(let scroll): state.screen = .summary(scroll: scroll + delta)
        case .completion(let scroll): state.screen = .completion(scroll: scroll + delta)
        case .fixPlan(let scroll): state.screen = .fixPlan(scroll: scroll + delta)
        default: break
        }
        clampScroll(&state)
    }

    /// The first or last entry of a list, step of a checklist, or line of a text screen.
    static func goToEnd(_ first: Bool, _ state: inout AppState) {
        switch state.screen {
        case .accountList:
            state.screen = .accountList(selected: first ? 0 : max(0, state.listedAccounts.count - 1))
        case .overview(_, let scroll):
            let count = state.session?.checklist.items.count ?? 0
            state.screen = .overview(selected: first ? 0 : max(0, count - 1), scroll: scroll)
        default:
            // A step is text: g and G go to its top and bottom, like every text screen (digits and
            // n/p move between items).
            // The bottom: clamping brings a too-large offset back to the last full page.
            guard state.screen.scrollOffset != nil else { return }
            state.screen = state.screen.withScroll(first ? 0 : Int.max / 2)
        }
        clampScroll(&state)
    }

    /// Digits go to an item by its number: "1" then "3" is item 13 when there is one, else item 3.
    static func jump(_ digit: Character, _ state: inout AppState) {
        guard let count = state.session?.checklist.items.count else { return }
        var typed = state.typedDigits + String(digit)
        if let number = Int(typed), number > count { typed = String(digit) }
        guard let number = Int(typed), number >= 1, number <= count else {
            state.typedDigits = ""
            state.flash = Flash("There is no item \(typed); items are numbered 1 to \(count).")
            return
        }
        state.typedDigits = typed
        go(to: number - 1, &state)
        state.flash = Flash("Item \(number)" + (number * 10 <= count ? " (another digit goes on to \(number)0-\(min(count, number * 10 + 9)))" : ""))
    }

    /// The next item after the current one (wrapping round) that is pending and applies.
    static func nextPending(_ state: inout AppState) {
        guard let session = state.session else { return }
        let entries = session.progress.entries
        let current = currentItemID(state).flatMap { session.checklist.index(of: $0) } ?? -1
        for offset in 1...max(1, entries.count) {
            let index = (current + offset) % entries.count
            let entry = entries[index]
            if entry.status == .pending && entry.notApplicableReason == nil {
                go(to: index, &state)
                return
            }
        }
        state.flash = Flash("Nothing is pending: every item is resolved.", .success)
    }

    /// Selects item `index` in the overview, or opens its step when on a step.
    static func go(to index: Int, _ state: inout AppState) {
        guard let session = state.session, session.checklist.items.indices.contains(index) else { return }
        if case .step = state.screen {
            state.screen = .step(itemID: session.checklist.items[index].id, scroll: 0)
        } else if case .overview(_, let scroll) = state.screen {
            state.screen = .overview(selected: index, scroll: scroll)
        }
        syncOverviewSelection(&state, to: index)
    }

    static func step(by delta: Int, _ state: inout AppState) {
        guard let session = state.session, case .step(let itemID, _) = state.screen,
              let index = session.checklist.index(of: itemID) else { return }
        let target = index + delta
        guard session.checklist.items.indices.contains(target) else {
            state.flash = Flash(delta > 0 ? "This is the last step." : "This is the first step.")
            return
        }
        state.screen = .step(itemID: session.checklist.items[target].id, scroll: 0)
        syncOverviewSelection(&state, to: target)
    }

    static func syncOverviewSelection(_ state: inout AppState, to index: Int) {
        for position in state.stack.indices {
            if case .overview(_, let scroll) = state.stack[position] {
                state.stack[position] = .overview(selected: index, scroll: scroll)
            }
        }
        clampScroll(&state)
    }

    /// Keeps scroll offsets inside their content and the overview selection visible. Screens below
    /// the top are clamped again when they come back (`back`), so only the visible one is measured.
    static func clampScroll(_ state: inout AppState) {
        guard let screen = state.stack.last else { return }
        let position = state.stack.count - 1
        if case .overview(let selected, let scroll) = screen {
            let visible = max(1, state.bodyHeight - 2)
            var top = scroll
            if selected < top { top = selected }
            if selected >= top + visible { top = selected - visible + 1 }
            state.stack[position] = .overview(selected: selected, scroll: max(0, top))
            return
        }
        guard let scroll = screen.scrollOffset else { return }
        // Laying out a long step costs more than anything else on a key press: at the top there is nothing to clamp.
        guard scroll > 0 else {
            state.stack[position] = screen.withScroll(0)
            return
        }
        let maxScroll = max(0, Layout.bodyLines(for: screen, in: state).count - state.bodyHeight)
        state.stack[position] = screen.withScroll(clamp(scroll, 0, maxScroll))
    }

    static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { max(low, min(max(low, high), value)) }
}
