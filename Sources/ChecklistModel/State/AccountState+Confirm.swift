import SystemImports

extension AccountState {
    /// A done item that is looked at again after a while (`recheckDays`) confirmed again by a person
    /// on `day` (`YYYY-MM-DD`, not after today): the item's date evidence takes that day (the day the
    /// phone answered again), or, with no date field, the item counts as confirmed at `at`. The
    /// follow-up clock then runs from it; history records who, when and the next re-check.
    public mutating func reconfirm(item itemID: String, on day: String? = nil, checklist: Checklist, by: String, at: Date) throws {
        let item = try checklistItem(itemID, in: checklist)
        var record = self.record(itemID)
        guard item.recheckDays != nil else {
            throw ModelError.invalidText(field: "Item \(itemID)", message: "has no follow-up to confirm (only items looked at again after a while have one; `root-checklist due` lists them)")
        }
        guard record.status == .done else {
            throw ModelError.invalidText(field: "A confirmation", message: "goes with a done item: mark \(itemID) done first")
        }
        let today = String(ISODate.format(at).prefix(10))
        let confirmedOn = day?.trimmingSpaces() ?? today
        guard EvidenceValidator.isISODate(confirmedOn) else {
            throw ModelError.invalidText(field: "The day it was confirmed", message: "must be a date as YYYY-MM-DD, like 2027-01-31")
        }
        guard confirmedOn <= today else {
            throw ModelError.invalidText(field: "The day it was confirmed", message: "is in the future: give the day it was confirmed")
        }
        if let field = item.evidence.first(where: { $0.kind == .date }) {
            let before = record.evidence
            record.evidence[field.key] = try EvidenceValidator.validate(confirmedOn, for: field, now: at)
            if before != record.evidence {
                history.append(HistoryEntry(at: at, by: by, action: .evidence, item: itemID,
                                            from: Self.describe(before), to: Self.describe(record.evidence),
                                            before: Self.changed(before, record.evidence), after: Self.changed(record.evidence, before)))
            }
        }
        record.by = by
        // Without a date field the item's own time is when it was last confirmed: the day given, or now.
        record.at = confirmedOn == today ? at : ISODate.parseAnyForm(confirmedOn + "T00:00:00Z") ?? at
        items[itemID] = record
        let next = AccountProgress.followUp(item, record, today: today)?.date
        history.append(HistoryEntry(at: at, by: by, action: .confirm, item: itemID, to: confirmedOn,
                                    after: next.map { ["next": $0] }))
        updatedAt = at
    }
}

extension AccountState {
    /// How a check reaches the account, as typed (`role NAME`, `role:NAME`, `assume-root`, blank for
    /// the credentials in use), in the one spelling kept: `role:NAME`, `assume-root` or nil.
    public static func validatedCheckAccess(_ text: String) throws -> String? {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty || trimmed.lowercased() == "own" { return nil }
        if trimmed.lowercased() == "assume-root" { return "assume-root" }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("role:") || lower.hasPrefix("role ") {
            let name = String(trimmed.dropFirst(5)).trimmingSpaces()
            let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-/".contains($0)) }
            if !name.isEmpty && name.count <= 64 && allowed { return "role:" + name }
        }
        throw ModelError.invalidText(field: "The way in", message: "is role NAME (e.g. role OrganizationAccountAccessRole), assume-root, or blank for the credentials in use")
    }
}
