import SystemImports

/// Every change goes through these methods: they validate against the checklist and append history.
extension AccountState {
    public static let maxFreeTextLength = 2000
    public static let maxAliasLength = 64

    /// Creates the state of a newly onboarded account after validating what the operator typed.
    public static func new(accountID: String, alias: String?, rootEmail: String?, checklist: Checklist,
                           by: String, at: Date) throws -> AccountState {
        guard let accountID = EvidenceValidator.normalizedAccountID(accountID) else { throw ModelError.invalidAccountID(accountID) }
        let alias = try validatedFreeText(alias, field: "The alias", maxLength: maxAliasLength, allowNewlines: false)
        var email: String?
        if let rootEmail = rootEmail?.trimmingSpaces(), !rootEmail.isEmpty {
            guard EvidenceValidator.isEmail(rootEmail) else { throw ModelError.invalidEmail(rootEmail) }
            email = rootEmail
        }
        var state = AccountState(account: AccountInfo(id: accountID, alias: alias, rootEmail: email),
                                 checklist: ChecklistRef(id: checklist.id, version: checklist.version,
                                                         digest: checklist.digest.isEmpty ? nil : checklist.digest),
                                 createdAt: at, by: by)
        state.cursor = checklist.items.first?.id
        return state
    }

    /// What can change about the account itself; nil leaves a field as it is.
    public struct AccountEdit: Sendable, Equatable {
        /// `.some(nil)` (or blank) clears the alias or email.
        public var alias: String??
        public var rootEmail: String??
        public var kind: AccountKind?
        public var organizationId: String?
        public var managementAccountId: String?
        public var rootCredentials: RootCredentials?
        public var status: AccountStatus?

        public init(alias: String?? = nil, rootEmail: String?? = nil, kind: AccountKind? = nil, organizationId: String? = nil,
                    managementAccountId: String? = nil, rootCredentials: RootCredentials? = nil, status: AccountStatus? = nil) {
            self.status = status
            self.alias = alias
            self.rootEmail = rootEmail
            self.kind = kind
            self.organizationId = organizationId
            self.managementAccountId = managementAccountId
            self.rootCredentials = rootCredentials
        }
    }

    /// Corrects or completes the account's details, validating what was typed; every field that
    /// changes gets a history entry (from → to). Returns the names of the fields that changed.
    /// Items whose applicability follows the kind come and go with it: nothing else is rewritten.
    @discardableResult
    public mutating func editAccount(_ edit: AccountEdit, by: String, at: Date) throws -> [String] {
        var info = account
        if let alias = edit.alias {
            info.alias = try Self.validatedFreeText(alias, field: "The alias", maxLength: Self.maxAliasLength, allowNewlines: false)
        }
        if let email = edit.rootEmail {
            let trimmed = email?.trimmingSpaces() ?? ""
            if !trimmed.isEmpty && !EvidenceValidator.isEmail(trimmed) { throw ModelError.invalidEmail(trimmed) }
            info.rootEmail = trimmed.isEmpty ? nil : trimmed
        }
        if let kind = edit.kind { info.kind = kind }
        for (value, field) in [(edit.organizationId, "The organization id"), (edit.managementAccountId, "The management account id")] {
            guard let value else { continue }
            if field.hasPrefix("The management"), !EvidenceValidator.isAccountID(value) { throw ModelError.invalidAccountID(value) }
            if field.hasPrefix("The organization"), !Self.isOrganizationID(value) {
                throw ModelError.invalidText(field: field, message: "must look like o- followed by 10 to 32 lower-case letters or digits")
            }
        }
        if let organization = edit.organizationId { info.organizationId = organization }
        if let management = edit.managementAccountId { info.managementAccountId = management }
        if let credentials = edit.rootCredentials { info.rootCredentials = credentials }
        if let status = edit.status { info.status = status }
        let changed = AccountInfo.fields.map { ($0.name, $0.get(account), $0.get(info)) }.filter { $0.1 != $0.2 }
        guard !changed.isEmpty else { return [] }
        for (name, from, to) in changed {
            history.append(HistoryEntry(at: at, by: by, action: .account, item: name, from: from ?? "", to: to ?? ""))
        }
        account = info
        updatedAt = at
        return changed.map(\.0)
    }

    /// `o-` and 10 to 32 lower-case letters or digits, as AWS Organizations writes them.
    public static func isOrganizationID(_ text: String) -> Bool {
        let body = text.utf8.dropFirst(2)
        return text.hasPrefix("o-") && (10...32).contains(body.count)
            && body.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }

    /// Validates a free-text value (alias, note, reason): length, control characters, secrets.
    /// Returns nil for empty input.
    /// Notes and reasons may name an access key id (`allowingKeyIDs`): which key was deleted is a
    /// fact worth keeping, and an id alone opens nothing.
    public static func validatedFreeText(_ text: String?, field: String, maxLength: Int = maxFreeTextLength,
                                         allowNewlines: Bool, allowingKeyIDs: Bool = false) throws -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return nil }
        if trimmed.count > maxLength {
            throw ModelError.invalidText(field: field, message: "is longer than \(maxLength) characters: shorten it")
        }
        let badScalar = trimmed.unicodeScalars.contains { scalar in
            !(allowNewlines && scalar == "\n") && PlainText.isControlOrFormatting(scalar)
        }
        if badScalar {
            throw ModelError.invalidText(field: field, message: "contains control characters: type plain text")
        }
        try SecretScanner.check(trimmed, field: field, allowingKeyIDs: allowingKeyIDs)
        return trimmed
    }

    /// The item a change is about, after making sure `checklist` is the one the account was started
    /// with; an account that predates content digests takes this checklist's on its first change.
    mutating func checklistItem(_ itemID: String, in checklist: Checklist) throws -> ChecklistItem {
        try self.checklist.check(checklist, account: account.id)
        if self.checklist.digest == nil && self.checklist.version == checklist.version && !checklist.digest.isEmpty {
            self.checklist.digest = checklist.digest
        }
        guard let item = checklist.item(itemID) else {
            throw ModelError.unknownItem(id: itemID, known: checklist.items.map(\.id))
        }
        return item
    }

    /// Validates raw evidence values for an item and returns them normalised.
    /// Every value's problem is named at once (fields and messages joined), not only the first.
    public static func validatedEvidence(_ values: [String: String], for item: ChecklistItem, at: Date) throws -> [String: String] {
        var result: [String: String] = [:]
        var problems: [(fields: [String], message: String)] = []
        for (key, raw) in values.sorted(by: { $0.key < $1.key }) {
            guard let field = item.evidence.first(where: { $0.key == key }) else {
                throw ModelError.unknownEvidenceField(item: item.id, key: key, known: item.evidence.map(\.key))
            }
            if raw.trimmingSpaces().isEmpty {
                result[key] = ""
                continue
            }
            do {
                result[key] = try EvidenceValidator.validate(raw, for: field, now: at)
            } catch ModelError.invalidEvidence(let fields, let message) {
                problems.append((fields, message))
            }
        }
        if !problems.isEmpty {
            throw ModelError.invalidEvidence(fields: problems.flatMap(\.fields), message: problems.map(\.message).joined(separator: "; "))
        }
        return result
    }

    /// Evidence that lets an item be done: nothing required missing, and the item's own rules kept
    /// (a value it needs, two fields that must differ), every problem named at once.
    static func checkDone(_ evidence: [String: String], item: ChecklistItem) throws {
        let missing = missingEvidence(evidence, for: item)
        if !missing.isEmpty { throw ModelError.missingEvidence(item: item.id, fields: missing) }
        let problems = EvidenceValidator.problemsForDone(evidence, item: item)
        if !problems.isEmpty {
            throw ModelError.invalidEvidence(fields: problems.map(\.field.key),
                                             message: problems.map(\.message).joined(separator: "; "))
        }
    }

    /// The required evidence fields an item still lacks.
    public static func missingEvidence(_ evidence: [String: String], for item: ChecklistItem) -> [String] {
        item.evidence.filter { $0.required && (evidence[$0.key] ?? "").isEmpty }.map(\.key)
    }

    /// Sets an item's status, merging evidence and note given with it. Done needs all required
    /// evidence; skipped and not-applicable need a reason.
    /// `checkOverride` (with done only) keeps the item done against its failing AWS check, for
    /// that reason: see `overrideCheck`.
    public mutating func setStatus(_ status: ItemStatus, item itemID: String, reason: String? = nil,
                                   evidence: [String: String] = [:], note: String? = nil, due: String? = nil,
                                   checkOverride: String? = nil,
                                   checklist: Checklist, by: String, at: Date) throws {
        let item = try checklistItem(itemID, in: checklist)
        let dueDay = try Self.validatedDue(due, status: status, at: at)
        if checkOverride != nil && status != .done {
            throw ModelError.invalidText(field: "An override of the AWS check", message: "goes with done only: it keeps a done item done against a failing check")
        }
        let overrideText = try checkOverride.map { try Self.validatedOverride($0, item: item, record: self.record(itemID)) }
        let newEvidence = try Self.validatedEvidence(evidence, for: item, at: at)
        let reasonText = try Self.validatedFreeText(reason, field: "The reason", allowNewlines: false, allowingKeyIDs: true)
        let noteText = try Self.validatedFreeText(note, field: "The note", allowNewlines: true, allowingKeyIDs: true)
        var record = self.record(itemID)
        let before = record
        for (key, value) in newEvidence {
            record.evidence[key] = value.isEmpty ? nil : value
        }
        if status == .done { try Self.checkDone(record.evidence, item: item) }
        if status.needsReason && reasonText == nil { throw ModelError.reasonRequired(status: status) }
        record.reason = status.needsReason ? reasonText : nil
        // A due date belongs to the skip it was given with; any other status ends it.
        record.due = status == .skipped ? dueDay : nil
        if let noteText { record.note = noteText }
        record.status = status
        record.by = by
        record.at = at
        // An override belongs to the done it was given with.
        if status != .done { record.checkOverride = nil }
        if let overrideText, let check = record.check {
            record.checkOverride = CheckOverride(reason: overrideText, by: by, at: at, failure: check.reason)
        }
        if before.evidence != record.evidence {
            history.append(HistoryEntry(at: at, by: by, action: .evidence, item: itemID,
                                        from: Self.describe(before.evidence), to: Self.describe(record.evidence),
                                        before: Self.changed(before.evidence, record.evidence), after: Self.changed(record.evidence, before.evidence)))
        }
        if before.note != record.note {
            history.append(HistoryEntry(at: at, by: by, action: .note, item: itemID,
                                        before: Self.noteValues(before.note), after: Self.noteValues(record.note)))
        }
        history.append(HistoryEntry(at: at, by: by, action: .status, item: itemID,
                                    from: before.status.rawValue, to: status.rawValue,
                                    before: Self.statusValues(before), after: Self.statusValues(record)))
        appendOverrideChange(from: before.checkOverride, to: record.checkOverride, item: itemID, by: by, at: at)
        items[itemID] = record
        updatedAt = at
    }

    /// Keeps a done item done although its latest AWS check fails, for a reason a person gives:
    /// recorded with who and when, shown beside the item everywhere, and ended by any check that
    /// no longer fails the same way. Throws unless the item is done and its check fails.
    public mutating func overrideCheck(item itemID: String, reason: String, checklist: Checklist, by: String, at: Date) throws {
        let item = try checklistItem(itemID, in: checklist)
        var record = self.record(itemID)
        guard record.status == .done else {
            throw ModelError.invalidText(field: "An override of the AWS check", message: "goes with done only: mark the item done first")
        }
        let text = try Self.validatedOverride(reason, item: item, record: record)
        guard let check = record.check else { return }
        let before = record.checkOverride
        record.checkOverride = CheckOverride(reason: text, by: by, at: at, failure: check.reason)
        guard before != record.checkOverride else { return }
        appendOverrideChange(from: before, to: record.checkOverride, item: itemID, by: by, at: at)
        items[itemID] = record
        updatedAt = at
    }

    /// An override's reason, once the item has a failing check for it to answer.
    static func validatedOverride(_ reason: String, item: ChecklistItem, record: ItemRecord) throws -> String {
        guard item.check != nil, record.check?.outcome == .fail else {
            throw ModelError.nothingToOverride(item: item.id, hasCheck: item.check != nil, check: record.check?.outcome)
        }
        guard let text = try validatedFreeText(reason, field: "The override reason", allowNewlines: false) else {
            throw ModelError.invalidText(field: "The override reason", message: "is empty: say why the failing check does not undo the done")
        }
        return text
    }

    /// History of an override given or ended: the reason given, or the one that ended.
    mutating func appendOverrideChange(from: CheckOverride?, to: CheckOverride?, item itemID: String, by: String, at: Date) {
        guard from != to else { return }
        history.append(HistoryEntry(at: at, by: by, action: .override, item: itemID, from: from?.reason, to: to?.reason))
    }

    /// A due date: a real calendar day, given only with a skip, and not before the day of the change.
    static func validatedDue(_ due: String?, status: ItemStatus, at: Date) throws -> String? {
        guard let due = due?.trimmingSpaces(), !due.isEmpty else { return nil }
        guard status == .skipped else {
            throw ModelError.invalidText(field: "The due date", message: "goes with a skipped item only: it says when the skip ends")
        }
        guard EvidenceValidator.isISODate(due) else {
            throw ModelError.invalidText(field: "The due date", message: "must be a date as YYYY-MM-DD, like 2027-01-31")
        }
        guard due >= String(ISODate.format(at).prefix(10)) else {
            throw ModelError.invalidText(field: "The due date", message: "is in the past: give the day by which it will be done")
        }
        return due
    }

    /// Replaces evidence values of an item without changing its status. An empty value clears a field.
    public mutating func setEvidence(_ values: [String: String], item itemID: String, checklist: Checklist,
                                     by: String, at: Date) throws {
        let item = try checklistItem(itemID, in: checklist)
        let validated = try Self.validatedEvidence(values, for: item, at: at)
        var record = self.record(itemID)
        let before = record.evidence
        for (key, value) in validated {
            record.evidence[key] = value.isEmpty ? nil : value
        }
        if record.status == .done { try Self.checkDone(record.evidence, item: item) }
        guard before != record.evidence else { return }
        items[itemID] = record
        history.append(HistoryEntry(at: at, by: by, action: .evidence, item: itemID,
                                    from: Self.describe(before), to: Self.describe(record.evidence),
                                    before: Self.changed(before, record.evidence), after: Self.changed(record.evidence, before)))
        updatedAt = at
    }

    /// Sets or clears (nil or blank) an item's note.
    public mutating func setNote(_ note: String?, item itemID: String, checklist: Checklist, by: String, at: Date) throws {
        _ = try checklistItem(itemID, in: checklist)
        let text = try Self.validatedFreeText(note, field: "The note", allowNewlines: true, allowingKeyIDs: true)
        var record = self.record(itemID)
        guard record.note != text else { return }
        let previous = record.note
        record.note = text
        items[itemID] = record
        history.append(HistoryEntry(at: at, by: by, action: .note, item: itemID,
                                    before: Self.noteValues(previous), after: Self.noteValues(text)))
        updatedAt = at
    }

    /// Stores the result of an automated check. The operator's status is never changed by a check.
    public mutating func recordCheck(_ result: CheckResult, item itemID: String, by: String) {
        var record = self.record(itemID)
        let before = record.check?.outcome.rawValue
        let previousCheck = record.check
        record.check = CheckResult(outcome: result.outcome,
                                   reason: PlainText.sanitizeLine(String(result.reason.prefix(300))),
                                   at: result.at, source: result.source)
        // An override answers one failure: AWS saying anything else ends it.
        let override = record.checkOverride
        if let override, !override.covers(record.check) { record.checkOverride = nil }
        items[itemID] = record
        // Fields a newer version kept with the previous result belong to that result, not this one.
        preserved.unknown[.check(item: itemID)] = nil
        // Recorded after changes made while AWS answered (the account is not held meanwhile): the
        // entry keeps the history in time order; the check's own time is in its values.
        let recordedAt = max(result.at, history.last?.at ?? result.at)
        history.append(HistoryEntry(at: recordedAt, by: by, action: .check, item: itemID,
                                    from: before, to: result.outcome.rawValue,
                                    before: previousCheck.map(Self.checkValues), after: record.check.map(Self.checkValues)))
        appendOverrideChange(from: override, to: record.checkOverride, item: itemID, by: by, at: recordedAt)
        updatedAt = max(updatedAt, recordedAt)
    }

    /// Puts an item back as it was before a change (undo). History keeps both the change and the undo.
    public mutating func restore(_ previous: ItemRecord?, item itemID: String, by: String, at: Date,
                                 action: HistoryEntry.Action = .undo) {
        let current = self.record(itemID)
        items[itemID] = previous
        let restored = previous ?? ItemRecord()
        history.append(HistoryEntry(at: at, by: by, action: action, item: itemID,
                                    from: current.status.rawValue, to: restored.status.rawValue,
                                    before: Self.recordValues(current), after: Self.recordValues(restored)))
        updatedAt = at
    }

    /// Moves the resume point.
    public mutating func setCursor(_ itemID: String?) {
        cursor = itemID
    }

    static func describe(_ evidence: [String: String]) -> String {
        evidence.keys.sorted().joined(separator: ",")
    }

    /// The evidence values of `values` that differ from `other` (a cleared field as "").
    static func changed(_ values: [String: String], _ other: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for key in Set(values.keys).union(other.keys) where values[key] != other[key] { result[key] = values[key] ?? "" }
        return result
    }

    static func noteValues(_ note: String?) -> [String: String] { ["note": note ?? ""] }

    /// A status as a reviewer needs it back: with its reason and due date.
    static func statusValues(_ record: ItemRecord) -> [String: String] {
        var values = ["status": record.status.rawValue]
        if let reason = record.reason { values["reason"] = reason }
        if let due = record.due { values["due"] = due }
        return values
    }

    static func checkValues(_ check: CheckResult) -> [String: String] {
        ["outcome": check.outcome.rawValue, "reason": check.reason, "source": check.source.rawValue, "at": ISODate.format(check.at)]
    }

    /// What an undo or redo replaced or put back: the status, reason, due date, note and evidence.
    static func recordValues(_ record: ItemRecord) -> [String: String] {
        var values = statusValues(record)
        if let note = record.note { values["note"] = note }
        for (key, value) in record.evidence { values["evidence." + key] = value }
        return values
    }
}
