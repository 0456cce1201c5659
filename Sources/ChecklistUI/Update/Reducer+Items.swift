import ChecklistModel
import ChecklistText
import SystemImports

/// Changes to items: status, evidence, notes, undo and checks.
extension Reducer {
    static func itemAction(_ action: Action, _ state: inout AppState, now: Date) -> [Effect] {
        guard let session = state.session, let itemID = currentItemID(state),
              let item = session.checklist.item(itemID) else { return [] }
        let record = session.state.record(itemID)
        if [.done, .skip, .notApplicable].contains(action),
           let reason = session.progress.entry(itemID)?.notApplicableReason {
            state.flash = Flash("This item does not apply (\(reason)); press a to change the account's kind.")
            return []
        }
        switch action {
        case .done:
            if record.status == .done {
                state.flash = session.progress.entry(itemID)?.contradicted == true
                    ? Flash("Done, but \(CheckStandingText.contradictedLabel) by AWS: fix it in AWS and press v, or O to override the check.", .error)
                    : Flash("Already done. Press u to undo, or e to edit the evidence.")
                return []
            }
            if !AccountState.missingEvidence(record.evidence, for: item).isEmpty {
                state.stack.append(.form(Forms.evidence(for: item, record: record, thenStatus: .done,
                                                        account: session.state.account, today: String(ISODate.format(now).prefix(10)))))
                return []
            }
            return commit(&state, itemID: itemID, advance: true, now: now) { account, by in
                try account.setStatus(.done, item: itemID, checklist: session.checklist, by: by, at: now)
            }.effects
        case .reopen:
            guard record.status != .pending else {
                state.flash = Flash("Already pending.")
                return []
            }
            return commit(&state, itemID: itemID, advance: false, now: now) { account, by in
                try account.setStatus(.pending, item: itemID, checklist: session.checklist, by: by, at: now)
            }.effects
        case .skip, .notApplicable:
            let status: ItemStatus = action == .skip ? .skipped : .notApplicable
            state.stack.append(.form(Forms.reason(for: item, status: status, record: record)))
            return []
        case .evidence:
            guard !item.evidence.isEmpty else {
                state.flash = Flash("This item takes no evidence; add a note with o instead.")
                return []
            }
            state.stack.append(.form(Forms.evidence(for: item, record: record, thenStatus: nil,
                                                    account: session.state.account)))
            return []
        case .note:
            state.stack.append(.form(Forms.note(for: item, record: record)))
            return []
        case .overrideCheck:
            guard session.progress.entry(itemID)?.contradicted == true else {
                let overridden = session.progress.entry(itemID)?.overridden != nil
                state.flash = Flash(overridden ? "Already overridden: \(CheckStandingText.detail(session.progress.entry(itemID)!) ?? "")"
                                    : "Nothing to override: only a done item whose AWS check fails can be kept done against it.")
                return []
            }
            state.stack.append(.form(Forms.checkOverride(for: item, record: record)))
            return []
        case .fix:
            return startFix(item, record: record, &state)
        case .confirm:
            guard item.recheckDays != nil, record.status == .done else {
                state.flash = Flash("Nothing to confirm: only a done item that is looked at again after a while has a follow-up.")
                return []
            }
            let today = String(ISODate.format(now).prefix(10))
            if let dateField = item.evidence.first(where: { $0.kind == .date }) {
                state.stack.append(.form(Forms.confirm(for: item, dateField: dateField, today: today)))
                return []
            }
            let effects = commit(&state, itemID: itemID, advance: false, now: now) { account, by in
                try account.reconfirm(item: itemID, checklist: session.checklist, by: by, at: now)
            }.effects
            if !effects.isEmpty, let entry = state.session?.progress.entry(itemID) {
                state.flash = Flash("Confirmed again: \(FollowUpText.describe(entry) ?? "").", .success)
            }
            return effects
        case .resolve:
            guard record.changedByBoth != nil else {
                state.flash = Flash("Nothing to resolve: only an item changed by both sides of a sync waits for a choice.")
                return []
            }
            state.stack.append(.form(Forms.resolve(for: item, record: record, operator: state.operatorName)))
            return []
        case .copy:
            guard let raw = item.verify?.command,
                  let command = StepCommand.parse(raw, accountID: session.state.account.id, region: state.region) else {
                state.flash = Flash("This step has no command to copy.")
                return []
            }
            // What is copied comes from the checklist and the account's id, but a clipboard is
            // shared: nothing that looks secret ever goes there.
            guard SecretScanner.finding(in: command.text) == nil else {
                state.flash = Flash("Not copied: the command looks like it holds a secret.", .error)
                return []
            }
            let missing = command.unfilled.isEmpty ? "" : " (fill in \(command.unfilled.joined(separator: ", ")) before running it)"
            state.flash = Flash("Copied to the clipboard\(missing): \(command.text)", .success)
            return [.copyToClipboard(command.text)]
        case .undo:
            return undo(&state, now: now)
        case .redo:
            return redo(&state, now: now)
        case .check:
            guard let check = item.check else {
                state.flash = Flash(CheckFailure.noAutomatedCheck.text)
                return []
            }
            guard state.checksAvailable else {
                state.flash = Flash("AWS checks are not available in this session; run `root-checklist verify` instead.")
                return []
            }
            if let running = state.checking {
                state.flash = Flash("The \(running.check) check is still running; wait for its answer (q quits at once).")
                return []
            }
            state.checking = CheckInFlight(accountID: session.state.account.id, itemID: itemID, check: check, started: now)
            return [.runCheck(accountID: session.state.account.id, itemID: itemID)]
        default:
            return []
        }
    }

    /// Applies a change to the open account, records it for undo, saves, and (when `advance`)
    /// moves on to the next pending item like a wizard. On a validation error nothing changes.
    static func commit(_ state: inout AppState, itemID: String, advance: Bool, now: Date,
                       _ change: (inout AccountState, String) throws -> Void) -> (effects: [Effect], error: String?) {
        guard var session = state.session else { return ([], nil) }
        let wasComplete = session.progress.isComplete
        var account = session.state
        do {
            try change(&account, state.operatorName)
        } catch {
            return ([], "\(error)")
        }
        guard account != session.state else { return ([], nil) }
        session.undo.append(UndoEntry(itemID: itemID, record: session.state.items[itemID], cursor: session.state.cursor))
        if session.undo.count > 100 { session.undo.removeFirst() }
        session.redo.removeAll()
        session.state = account
        let progress = session.progress
        if advance, account.record(itemID).status != .pending {
            let next = progress.nextPending(after: itemID)
            session.state.setCursor(next ?? itemID)
            state.session = session
            if let next {
                // Required items all resolved mid-walk: say so, and go on with what is left.
                if progress.isComplete && !wasComplete {
                    let left = progress.entries.filter { $0.status == .pending }.count
                    state.flash = Flash("Every required item is resolved: the account is complete. \(left) recommended "
                                        + "item\(left == 1 ? "" : "s") left.", .success)
                }
                go(to: next, &state)
            } else {
                // The last item was resolved: the completion screen says where the account stands.
                state.flash = progress.isComplete ? Flash("Every item is resolved.", .success)
                    : Flash("No pending items left, but the account is not complete: see why below.", .error)
                state.stack.append(.completion(scroll: 0))
            }
        } else {
            session.state.setCursor(itemID)
            state.session = session
        }
        if state.flash == nil, progress.entry(itemID)?.contradicted == true {
            state.flash = Flash("Saved, but \(CheckStandingText.contradictedDetail): v checks again, O overrides.", .error)
        }
        if state.flash == nil {
            state.flash = Flash("Saved: \(session.checklist.item(itemID)?.title ?? itemID) is \(StatusStyle(ascii: true).label(account.record(itemID).status)).", .success)
        }
        return ([.save(session.state)], nil)
    }

    /// Shows an item: on a step screen, that item's step; on the overview, selects it.
    static func go(to itemID: String, _ state: inout AppState) {
        guard let index = state.session?.checklist.index(of: itemID) else { return }
        if case .step = state.screen {
            state.screen = .step(itemID: itemID, scroll: 0)
        }
        syncOverviewSelection(&state, to: index)
    }

    /// Puts the last change back, keeping the evidence and note it found (typing them again is
    /// not what an undo of a status is for); Ctrl-R redoes it.
    static func undo(_ state: inout AppState, now: Date) -> [Effect] {
        guard var session = state.session, let entry = session.undo.popLast() else {
            state.flash = Flash("Nothing to undo in this session.")
            return []
        }
        let current = session.state.items[entry.itemID]
        session.redo.append(UndoEntry(itemID: entry.itemID, record: current, cursor: session.state.cursor))
        var restored = entry.record ?? ItemRecord()
        if let current {
            restored.evidence = current.evidence
            restored.note = current.note
        }
        session.state.restore(restored == ItemRecord() ? nil : restored, item: entry.itemID, by: state.operatorName, at: now)
        return moved(to: entry, session, verb: "Undone", &state)
    }

    static func redo(_ state: inout AppState, now: Date) -> [Effect] {
        guard var session = state.session, let entry = session.redo.popLast() else {
            state.flash = Flash("Nothing to redo.")
            return []
        }
        session.undo.append(UndoEntry(itemID: entry.itemID, record: session.state.items[entry.itemID], cursor: session.state.cursor))
        session.state.restore(entry.record, item: entry.itemID, by: state.operatorName, at: now, action: .redo)
        return moved(to: entry, session, verb: "Redone", &state)
    }

    private static func moved(to entry: UndoEntry, _ session: Session, verb: String, _ state: inout AppState) -> [Effect] {
        var session = session
        session.state.setCursor(entry.cursor ?? entry.itemID)
        state.session = session
        let title = session.checklist.item(entry.itemID)?.title ?? entry.itemID
        state.flash = Flash("\(verb): \(title) is \(StatusStyle(ascii: true).label(session.state.record(entry.itemID).status)).", .success)
        if case .completion = state.screen { state.stack.removeLast() }
        go(to: entry.itemID, &state)
        return [.save(session.state)]
    }
}
