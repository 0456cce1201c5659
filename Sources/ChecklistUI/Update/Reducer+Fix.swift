import ChecklistModel
import ChecklistText
import SystemImports

/// `F` on a step: the values the fix takes, the plan read from AWS, the account id typed, the calls
/// made, the item checked again, and all of it recorded like any other change (undoable as one).
extension Reducer {
    static func startFix(_ item: ChecklistItem, record: ItemRecord, _ state: inout AppState) -> [Effect] {
        guard let session = state.session else { return [] }
        guard let keys = state.fixable[item.id] else {
            state.flash = Flash("This item has no fix through AWS's API here: follow its steps in the console.")
            return []
        }
        guard state.checksAvailable else {
            state.flash = Flash("AWS is not reachable in this session; `root-checklist fix` does the same from a shell.")
            return []
        }
        if state.fixing != nil || state.checking != nil {
            state.flash = Flash("AWS is busy with a check or a fix for this walkthrough: wait for its answer.")
            return []
        }
        if !keys.isEmpty {
            state.stack.append(.form(Forms.fixValues(for: item, keys: keys, record: record)))
            return []
        }
        return plan(session.state.account.id, item.id, values: [:], &state)
    }

    static func plan(_ accountID: String, _ itemID: String, values: [String: String], _ state: inout AppState) -> [Effect] {
        state.fixing = .planning(itemID: itemID)
        state.flash = Flash("Reading what AWS holds to plan the fix (nothing is changed)…")
        return [.planFix(accountID: accountID, itemID: itemID, values: values)]
    }

    static func fixPlanned(_ proposal: FixProposal, _ state: inout AppState) -> [Effect] {
        guard case .planning(let itemID)? = state.fixing, itemID == proposal.itemID,
              state.session?.state.account.id == proposal.accountID else { return [] }
        guard proposal.calls > 0 else {
            state.fixing = nil
            state.flash = Flash("Nothing to change: AWS already has it (v checks it again).", .success)
            return []
        }
        state.fixing = .planned(proposal)
        state.flash = nil
        state.stack.append(.fixPlan(scroll: 0))
        return []
    }

    /// `y` on the plan: the account id or alias is asked before any call.
    static func confirmFix(_ state: inout AppState) -> [Effect] {
        guard case .planned(let proposal)? = state.fixing, let account = state.session?.state.account else { return [] }
        state.stack.append(.form(Forms.fixConfirm(itemID: proposal.itemID, account: account, calls: proposal.calls)))
        return []
    }

    /// The confirmation form accepted: the typed text must be the account's id or alias.
    static func acceptFixConfirm(_ form: Form, itemID: String, _ state: inout AppState) -> [Effect] {
        guard case .planned(let proposal)? = state.fixing, proposal.itemID == itemID, let account = state.session?.state.account else {
            state.stack.removeLast()
            return []
        }
        let typed = form.fields.first?.input.text.trimmingSpaces() ?? ""
        let digits = typed.filter { $0 != "-" && $0 != " " }
        guard digits == account.id || (account.alias.map { !$0.isEmpty && $0 == typed } ?? false) else {
            var form = form
            form.error = "That is not this account's id or alias: nothing was changed. Esc goes back to the plan."
            replaceForm(form, &state)
            return []
        }
        // Off the form and the plan, back to the step the fix was started from.
        while let top = state.stack.last, top.kind == .form || top.kind == .fixPlan { state.stack.removeLast() }
        state.fixing = .running(itemID: itemID)
        state.flash = Flash("Making \(proposal.calls) call\(proposal.calls == 1 ? "" : "s") against AWS, then checking again…")
        return [.runFix(accountID: account.id, itemID: itemID)]
    }

    static func fixRefused(accountID: String, itemID: String, reason: String, _ state: inout AppState) -> [Effect] {
        state.fixing = nil
        guard state.session?.state.account.id == accountID else { return [] }
        state.flash = Flash("No fix: \(PlainText.sanitizeLine(reason))", .error)
        return []
    }

    /// The calls were made: the evidence (only when all succeeded), the fix and the re-check are
    /// recorded in one change, which one undo takes back.
    static func fixFinished(accountID: String, itemID: String, _ outcome: FixOutcome, _ state: inout AppState, now: Date) -> [Effect] {
        state.fixing = nil
        guard let checklist = state.session?.checklist, state.session?.state.account.id == accountID else { return [] }
        let result = commit(&state, itemID: itemID, advance: false, now: now) { account, by in
            if outcome.record.completed, !outcome.evidence.isEmpty {
                try account.setEvidence(outcome.evidence, item: itemID, checklist: checklist, by: by, at: now)
            }
            try account.recordFix(outcome.record, item: itemID, checklist: checklist, by: by, at: now)
            if let verification = outcome.verification { try account.record(verification, by: by, at: now) }
        }
        if let error = result.error {
            state.flash = Flash("The fix's calls were made but not recorded: \(error)", .error)
            return result.effects
        }
        let failed = outcome.record.calls.enumerated().first { if case .failed = $0.element.outcome { true } else { false } }
        if let failed, case .failed(let message) = failed.element.outcome {
            state.flash = Flash("Fix stopped at call \(failed.offset + 1) (the calls before it were made; recorded): \(PlainText.sanitizeLine(message))", .error)
        } else if let next = outcome.next {
            state.flash = Flash("Started; next: \(PlainText.sanitizeLine(next))", .info)
        } else if let check = outcome.verification?.result(itemID) {
            state.flash = Flash("Fixed; AWS check \(check.outcome.rawValue): \(PlainText.sanitizeLine(check.reason))",
                                check.outcome == .pass ? .success : .error)
        } else {
            state.flash = Flash("Fixed, but not checked again: \(PlainText.sanitizeLine(outcome.problem ?? "no re-check"))", .info)
        }
        return result.effects
    }
}
