import ChecklistModel
import ChecklistText
import SystemImports

/// Keys inside forms: editing, moving between fields, accepting and cancelling.
extension Reducer {
    static func handleForm(_ key: Key, form: Form, _ state: inout AppState, now: Date) -> [Effect] {
        var form = form
        let kind = state.screen.kind
        let action = KeyMap.action(for: key, on: kind)
        let armed = form.quitArmed
        form.quitArmed = false
        switch action {
        case .quit:
            // Quitting drops what was typed in an open form: ask once (signals still quit at once).
            guard armed || !form.hasUnsavedInput else {
                form.quitArmed = true
                form.error = "Ctrl-C again quits and drops what is typed here; Enter saves it, Esc cancels the form."
                replaceForm(form, &state)
                return []
            }
            return quit(&state)
        case .cancel:
            if state.stack.count > 1 {
                state.stack.removeLast()
                state.flash = Flash("Cancelled; nothing changed.")
                return []
            }
            // The first onboarding form is the whole walkthrough: Esc there leaves it, so what was
            // typed is asked about once, as Ctrl-C does.
            guard armed || !form.hasUnsavedInput else {
                form.quitArmed = true
                form.error = "Esc again leaves without adding the account and drops what is typed; Enter adds it."
                replaceForm(form, &state)
                return []
            }
            return quit(&state)
        case .nextField:
            form.focus = (form.focus + 1) % max(1, form.fields.count)
        case .previousField:
            form.focus = (form.focus - 1 + form.fields.count) % max(1, form.fields.count)
        case .accept:
            return accept(form, &state, now: now)
        default:
            guard form.fields.indices.contains(form.focus) else { return [] }
            form.fields[form.focus].typeOver(with: key)
            if form.fields[form.focus].input.handle(key) {
                form.fields[form.focus].error = nil
                form.error = nil
            }
        }
        replaceForm(form, &state)
        return []
    }

    static func replaceForm(_ form: Form, _ state: inout AppState) {
        switch state.screen {
        case .onboarding: state.screen = .onboarding(form)
        case .form: state.screen = .form(form)
        default: break
        }
    }

    static func accept(_ form: Form, _ state: inout AppState, now: Date) -> [Effect] {
        var form = form
        var firstInvalid: Int?
        for index in form.fields.indices {
            let problem = Forms.problem(with: form.fields[index], existingAccounts: state.accounts.map(\.id), now: now)
            form.fields[index].error = problem
            if problem != nil && firstInvalid == nil { firstInvalid = index }
        }
        if let firstInvalid {
            form.focus = firstInvalid
            form.error = "Fix the marked field\(form.fields.filter { $0.error != nil }.count == 1 ? "" : "s"), then press Enter."
            replaceForm(form, &state)
            return []
        }
        switch form.purpose {
        case .onboarding:
            guard let checklist = state.checklists.first(where: { $0.id == form.value(.checklist) }) else { return [] }
            do {
                var account = try AccountState.new(accountID: form.value(.account), alias: form.value(.alias),
                                                   rootEmail: form.value(.email), checklist: checklist,
                                                   by: state.operatorName, at: now)
                account.account.kind = AccountKind(rawValue: form.value(.kind).lowercased())
                form.error = nil
                replaceForm(form, &state)
                return [.createAccount(account)]
            } catch {
                form.error = "\(error)"
                replaceForm(form, &state)
                return []
            }
        case .evidence(let itemID, let thenStatus):
            guard let checklist = state.session?.checklist else { return [] }
            var values: [String: String] = [:]
            for field in form.fields { values[field.key.rawValue] = field.input.text }
            // The item's own rules across fields (a value it needs, two that must differ, a reason
            // below a count) mark the fields they concern, every one at once.
            if thenStatus == .done, let item = checklist.item(itemID) {
                let problems = EvidenceValidator.problemsForDone(values, item: item)
                if !problems.isEmpty {
                    for problem in problems {
                        if let index = form.fields.firstIndex(where: { $0.key == .evidence(problem.field.key) }) {
                            form.fields[index].error = problem.message
                        }
                    }
                    form.focus = form.fields.firstIndex { $0.error != nil } ?? form.focus
                    form.error = "Fix the marked field\(problems.count == 1 ? "" : "s"), then press Enter."
                    replaceForm(form, &state)
                    return []
                }
            }
            return finish(form, itemID: itemID, advance: thenStatus != nil, &state, now: now) { account, by in
                if let thenStatus {
                    try account.setStatus(thenStatus, item: itemID, evidence: values, checklist: checklist, by: by, at: now)
                } else {
                    try account.setEvidence(values, item: itemID, checklist: checklist, by: by, at: now)
                }
            }
        case .checkOverride(let itemID):
            guard let checklist = state.session?.checklist else { return [] }
            let reason = form.value(.reason)
            let effects = finish(form, itemID: itemID, advance: false, &state, now: now) { account, by in
                try account.overrideCheck(item: itemID, reason: reason, checklist: checklist, by: by, at: now)
            }
            if !effects.isEmpty, let entry = state.session?.progress.entry(itemID), let text = CheckStandingText.detail(entry) {
                state.flash = Flash("Saved: \(text)", .success)
            }
            return effects
        case .fixValues(let itemID):
            guard let accountID = state.session?.state.account.id else { return [] }
            var values: [String: String] = [:]
            for field in form.fields { values[field.key.rawValue] = field.input.text.trimmingSpaces() }
            state.stack.removeLast()
            return plan(accountID, itemID, values: values, &state)
        case .fixConfirm(let itemID):
            return acceptFixConfirm(form, itemID: itemID, &state)
        case .confirm(let itemID):
            guard let checklist = state.session?.checklist, let field = form.fields.first else { return [] }
            let day = field.input.text.trimmingSpaces()
            let effects = finish(form, itemID: itemID, advance: false, &state, now: now) { account, by in
                try account.reconfirm(item: itemID, on: day, checklist: checklist, by: by, at: now)
            }
            if !effects.isEmpty, let entry = state.session?.progress.entry(itemID) {
                state.flash = Flash("Confirmed again: \(FollowUpText.describe(entry) ?? "").", .success)
            }
            return effects
        case .resolve(let itemID):
            guard let checklist = state.session?.checklist, let take = ClashChoice(rawValue: form.value(.take).lowercased()) else { return [] }
            let effects = finish(form, itemID: itemID, advance: false, &state, now: now) { account, by in
                try account.resolveChangedByBoth(item: itemID, take: take, checklist: checklist, by: by, at: now)
            }
            if !effects.isEmpty, let record = state.session?.state.record(itemID) {
                state.flash = Flash("Resolved: \(HistoryText.version(ItemVersion(record).values)).", .success)
            }
            return effects
        case .reason(let itemID, let status):
            guard let checklist = state.session?.checklist else { return [] }
            let reason = form.value(.reason)
            let due = form.value(.due)
            return finish(form, itemID: itemID, advance: true, &state, now: now) { account, by in
                try account.setStatus(status, item: itemID, reason: reason, due: due.isEmpty ? nil : due, checklist: checklist,
                                      by: by, at: now)
            }
        case .account:
            guard var session = state.session else { return [] }
            let edit = AccountState.AccountEdit(alias: .some(form.value(.alias)), rootEmail: .some(form.value(.email)),
                                                kind: AccountKind(rawValue: form.value(.kind).lowercased()),
                                                rootCredentials: RootCredentials(rawValue: form.value(.credentials).lowercased()))
            var account = session.state
            var changed: [String]
            do {
                changed = try account.editAccount(edit, by: state.operatorName, at: now)
                // How v reaches the account is remembered with it (a hint, like where it resumes: no history entry).
                let access = try AccountState.validatedCheckAccess(form.value(.access))
                if access != account.checkAccess {
                    account.checkAccess = access
                    changed.append("checked through")
                }
            } catch {
                form.error = "\(error)"
                replaceForm(form, &state)
                return []
            }
            state.stack.removeLast()
            guard !changed.isEmpty else {
                state.flash = Flash("Nothing changed.")
                return []
            }
            session.state = account
            state.session = session
            state.flash = Flash("Saved \(changed.joined(separator: ", ")). Kind: \(AccountKindText.describe(account.account)).", .success)
            return [.save(account)]
        case .note(let itemID):
            guard let checklist = state.session?.checklist else { return [] }
            let note = form.value(.note)
            let effects = finish(form, itemID: itemID, advance: false, &state, now: now) { account, by in
                try account.setNote(note, item: itemID, checklist: checklist, by: by, at: now)
            }
            // What was saved is the note, whatever the item's status.
            if !effects.isEmpty { state.flash = Flash(note.trimmingSpaces().isEmpty ? "Note cleared." : "Note saved.", .success) }
            return effects
        }
    }

    /// Closes the form and commits the change, or keeps the form open with the model's error.
    static func finish(_ form: Form, itemID: String, advance: Bool, _ state: inout AppState, now: Date,
                       _ change: (inout AccountState, String) throws -> Void) -> [Effect] {
        let saved = state
        state.stack.removeLast()
        let result = commit(&state, itemID: itemID, advance: advance, now: now, change)
        if let error = result.error {
            state = saved
            var form = form
            form.error = error
            replaceForm(form, &state)
            return []
        }
        if result.effects.isEmpty { state.flash = Flash("Nothing changed.") }
        return result.effects
    }
}
