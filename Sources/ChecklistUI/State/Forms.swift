import SystemImports
import ChecklistText
import ChecklistModel

/// Builds the walkthrough's forms and checks their fields.
public enum Forms {
    public static func onboarding(checklists: [Checklist]) -> Form {
        let ids = checklists.map(\.id)
        return Form(purpose: .onboarding, title: "New account",
                    intro: "Add the AWS account whose root user you are securing. Progress is saved after every change.",
                    fields: [
                        FormField(key: .account, label: "Account id", hint: "12 digits from the account menu (dashes are fine)",
                                  required: true, rule: .accountID, maxLength: 16),
                        FormField(key: .alias, label: "Alias", hint: "optional short name, e.g. prod-payments",
                                  required: false, rule: .alias, maxLength: AccountState.maxAliasLength),
                        FormField(key: .email, label: "Root email", hint: "optional, the root user's sign-in address",
                                  required: false, rule: .email, maxLength: 254),
                        FormField(key: .checklist, label: "Checklist", hint: "one of: " + ids.joined(separator: ", "),
                                  required: true, rule: .checklist(ids: ids), value: ids.first ?? "", maxLength: 63),
                        kindField(value: ""),
                    ])
    }

    static func kindField(value: String) -> FormField {
        FormField(key: .kind, label: "Kind", hint: "standalone, management or member; blank: not set (read as standalone)",
                  required: false, rule: .choice(options: AccountKind.allCases.map(\.rawValue)), value: value, maxLength: 10)
    }

    /// Corrects the account's details; items that depend on the kind follow it. `access` is how `v`
    /// reaches a member from the management account's credentials, as remembered for this account.
    public static func account(_ info: AccountInfo, access: String? = nil) -> Form {
        Form(purpose: .account, title: "Account \(info.id)",
             intro: "Correct the alias or root email, or set the kind: items that apply only to some kinds of account follow it. "
                 + "Blank alias or email clears it.",
             fields: [
                FormField(key: .alias, label: "Alias", hint: "optional short name, e.g. prod-payments",
                          required: false, rule: .alias, value: info.alias ?? "", maxLength: AccountState.maxAliasLength),
                FormField(key: .email, label: "Root email", hint: "optional, the root user's sign-in address",
                          required: false, rule: .email, value: info.rootEmail ?? "", maxLength: 254),
                kindField(value: info.kind?.rawValue ?? ""),
                FormField(key: .credentials, label: "Root credentials", hint: "members: present, or removed by the management account",
                          required: false, rule: .choice(options: RootCredentials.allCases.map(\.rawValue)),
                          value: info.rootCredentials?.rawValue ?? "", maxLength: 8),
                FormField(key: .access, label: "Checked through", hint: "members, from the management account: role NAME or assume-root; blank: the credentials in use",
                          required: false, rule: .checkAccess, value: access.map { $0.hasPrefix("role:") ? "role " + $0.dropFirst(5) : $0 } ?? "", maxLength: 80),
             ])
    }

    /// The evidence form, prefilled where the answer is known: what was recorded, the root email
    /// given at onboarding for an email field, and `today` (`YYYY-MM-DD`) for a required date when
    /// the item is being marked done now (its hint says so, to be changed if it was another day;
    /// an optional date is left empty rather than guessed).
    public static func evidence(for item: ChecklistItem, record: ItemRecord, thenStatus: ItemStatus?,
                                account: AccountInfo? = nil, today: String? = nil) -> Form {
        func known(_ field: EvidenceField) -> String {
            if let recorded = record.evidence[field.key] { return recorded }
            switch field.kind {
            // Only a field that is the root email starts from it: the security contact is the very
            // address the step says not to rely on the root email for.
            case .email where field.label.lowercased().contains("root"): return account?.rootEmail ?? ""
            case .date where field.required && thenStatus == .done: return today ?? ""
            default: return ""
            }
        }
        func hint(_ field: EvidenceField) -> String {
            var text = field.help.isEmpty ? EvidenceValidator.hint(for: field) : "\(EvidenceValidator.hint(for: field)); \(field.help)"
            if field.kind == .date, record.evidence[field.key] == nil, !known(field).isEmpty { text += "; today filled in (typing replaces it)" }
            return text
        }
        let intro = thenStatus == .done
            ? "Record the evidence a reviewer needs, then Enter marks the item done. Never type a secret here."
            : "Edit the evidence kept for this item. Never type a secret here."
        return Form(purpose: .evidence(itemID: item.id, thenStatus: thenStatus), title: "Evidence: \(item.title)",
                    intro: intro,
                    fields: item.evidence.map { field in
                        var formField = FormField(key: .evidence(field.key), label: field.label, hint: hint(field),
                                                  required: field.required, rule: .evidence(field), value: known(field),
                                                  maxLength: EvidenceValidator.maxTextLength)
                        formField.suggested = record.evidence[field.key] == nil && !formField.input.text.isEmpty
                        return formField
                    })
    }

    public static func reason(for item: ChecklistItem, status: ItemStatus, record: ItemRecord) -> Form {
        let verb = status == .skipped ? "Skip" : "Mark not applicable"
        return Form(purpose: .reason(itemID: item.id, status: status), title: "\(verb): \(item.title)",
                    intro: status == .skipped
                        ? "Why is this deferred, and until when? The reason goes into the summary."
                        : "Why does this not apply to this account? The reason goes into the summary.",
                    fields: [FormField(key: .reason, label: "Reason", hint: "required", required: true, rule: .freeText,
                                       value: record.reason ?? "", maxLength: AccountState.maxFreeTextLength)]
                        + (status == .skipped
                            ? [FormField(key: .due, label: "Due date", hint: "optional, YYYY-MM-DD: when it will be done; overdue after it",
                                         required: false, rule: .dueDate, value: record.due ?? "", maxLength: 10)]
                            : []))
    }

    /// The reason a done item stays done although its AWS check fails, shown with the failure.
    public static func checkOverride(for item: ChecklistItem, record: ItemRecord) -> Form {
        let failure = record.check.map { PlainText.sanitizeLine($0.reason) } ?? ""
        return Form(purpose: .checkOverride(itemID: item.id), title: "Override the AWS check: \(item.title)",
                    intro: "AWS says: \(failure). Keeping the item done against that is recorded with your name and shown "
                        + "beside the item in every summary; a later check that says anything else ends it.",
                    fields: [FormField(key: .reason, label: "Reason", hint: "required: why the failing check does not undo the done",
                                       required: true, rule: .freeText, value: "", maxLength: AccountState.maxFreeTextLength)])
    }

    /// Which version of an item two people changed stands, with every version shown.
    public static func resolve(for item: ChecklistItem, record: ItemRecord, operator name: String) -> Form {
        let versions = record.changedByBoth ?? []
        let shown = versions.enumerated().map { index, version in
            "\(index + 1). \(ChangedByBothText.heading(version, operator: name)): \(HistoryText.version(version.values))"
        }
        return Form(purpose: .resolve(itemID: item.id), title: "Resolve: \(item.title)",
                    intro: (["Changed by both \(ChangedByBothText.authors(versions)):"] + shown
                            + ["Now: \(HistoryText.version(ItemVersion(record).values)).",
                               "mine takes your latest version, theirs the latest by anyone else, current keeps what the item "
                               + "holds now; the choice is recorded with your name."]).joined(separator: "\n"),
                    fields: [FormField(key: .take, label: "Take", hint: "mine, theirs or current", required: true,
                                       rule: .choice(options: ClashChoice.allCases.map(\.rawValue)), value: "", maxLength: 7)])
    }

    /// The day a done item was confirmed again, for an item whose date evidence says when; today suggested.
    public static func confirm(for item: ChecklistItem, dateField: EvidenceField, today: String) -> Form {
        var field = FormField(key: .evidence(dateField.key), label: dateField.label, hint: "YYYY-MM-DD; today unless it was another day",
                              required: true, rule: .evidence(dateField), value: today, maxLength: 10)
        field.suggested = true
        return Form(purpose: .confirm(itemID: item.id), title: "Confirm again: \(item.title)",
                    intro: "Confirming restarts the item's re-check clock (every \(item.recheckDays ?? 0) days) from this day; "
                        + "history records it with your name.",
                    fields: [field])
    }

    public static func note(for item: ChecklistItem, record: ItemRecord) -> Form {
        Form(purpose: .note(itemID: item.id), title: "Note: \(item.title)",
             intro: "A free-text note kept with the item (empty clears it). Never type a secret here.",
             fields: [FormField(key: .note, label: "Note", hint: "optional; a pasted text keeps its lines", required: false,
                                rule: .freeText, value: record.note ?? "",
                                maxLength: AccountState.maxFreeTextLength, multiline: true)])
    }

    /// Checks one field; returns the error to show inline, or nil.
    static func problem(with field: FormField, existingAccounts: [String], now: Date) -> String? {
        let value = field.input.text.trimmingSpaces()
        if value.isEmpty { return field.required ? "required" : nil }
        switch field.rule {
        case .accountID:
            guard let id = EvidenceValidator.normalizedAccountID(value) else {
                return "An account id is exactly 12 digits (you typed \(value.count) characters)"
            }
            if existingAccounts.contains(id) { return "Account \(id) is already tracked: open it from the list" }
            return nil
        case .email:
            return EvidenceValidator.isEmail(value) ? nil : "Not an email address, e.g. aws-root@example.com"
        case .checklist(let ids):
            return ids.contains(value) ? nil : "Choose one of: \(ids.joined(separator: ", "))"
        case .choice(let options):
            return options.contains(value.lowercased()) ? nil : "Choose one of: \(options.joined(separator: ", "))"
        case .alias:
            return message { _ = try AccountState.validatedFreeText(value, field: field.label, maxLength: AccountState.maxAliasLength, allowNewlines: false) }
        case .freeText:
            // Notes and reasons, checked as the model checks them (an access key id may be named).
            return message { _ = try AccountState.validatedFreeText(value, field: field.label, allowNewlines: field.multiline, allowingKeyIDs: true) }
        case .checkAccess:
            return message { _ = try AccountState.validatedCheckAccess(value) }
        case .dueDate:
            guard EvidenceValidator.isISODate(value) else { return "A date as YYYY-MM-DD, like 2027-01-31" }
            return value < String(ISODate.format(now).prefix(10)) ? "Is in the past: the day by which it will be done" : nil
        case .evidence(let evidenceField):
            // The label is already on the line; say only what is wrong.
            return message { _ = try EvidenceValidator.validate(value, for: evidenceField, now: now) }
                .map { $0.hasPrefix(field.label + " ") ? String($0.dropFirst(field.label.count + 1)) : $0 }
        }
    }

    private static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
