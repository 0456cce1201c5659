import SystemImports

/// One person's version of an item as a merge met it: everything they set (status, reason, due
/// date, note, evidence, in the history's value spelling), who and when.
public struct ItemVersion: Sendable, Equatable, Hashable {
    public var by: String
    public var at: Date?
    /// `status`, `reason`, `due`, `note` and `evidence.KEY`, as history entries write them.
    public var values: [String: String]

    public init(by: String, at: Date?, values: [String: String]) {
        self.by = by
        self.at = at
        self.values = values
    }

    /// The version an item record holds (its operator's part; the AWS check is not a version).
    public init(_ record: ItemRecord) {
        self.init(by: record.by ?? "someone", at: record.at, values: AccountState.recordValues(record))
    }

    public var status: ItemStatus? { values["status"].flatMap(ItemStatus.init) }
    public var evidence: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in values where key.hasPrefix("evidence.") { result[String(key.dropFirst(9))] = value }
        return result
    }

    /// Versions in one order on every machine: by time, then who, then what.
    static func ordered(_ versions: some Sequence<ItemVersion>) -> [ItemVersion] {
        var seen = Set<ItemVersion>()
        return versions.filter { seen.insert($0).inserted }.sorted { a, b in
            let (x, y) = (a.at ?? .distantPast, b.at ?? .distantPast)
            if x != y { return x < y }
            if a.by != b.by { return a.by < b.by }
            return a.values.sorted { $0.key < $1.key }.description < b.values.sorted { $0.key < $1.key }.description
        }
    }
}

/// Which version settles an item changed by both sides of a merge.
public enum ClashChoice: String, Sendable, CaseIterable {
    /// The latest version by the person resolving.
    case mine
    /// The latest version by anyone else.
    case theirs
    /// What the item holds now (the version the merge kept, or a change made since).
    case current
}

extension AccountState {
    /// Items marked changed by both sides of a merge and not yet resolved, in id order.
    public var changedByBoth: [String] {
        items.filter { $0.value.changedByBoth != nil }.map(\.key).sorted()
    }

    /// Settles an item changed by both: takes one version (`mine`, `theirs`) or keeps the current
    /// values, and ends the mark. Recorded in the history with the values replaced and written.
    /// A version taken is held to today's checklist like a new change (done needs its evidence).
    public mutating func resolveChangedByBoth(item itemID: String, take choice: ClashChoice, checklist: Checklist,
                                              by: String, at: Date) throws {
        let item = try checklistItem(itemID, in: checklist)
        let current = record(itemID)
        guard let versions = current.changedByBoth else { throw ModelError.notChangedByBoth(item: itemID) }
        var resolved = current
        resolved.changedByBoth = nil
        // What was taken, as fields of their own (a name may be anything, "current" included).
        var taken = ["took": "current"]
        if choice != .current {
            let mine = choice == .mine
            guard let version = versions.last(where: { ($0.by == by) == mine }) else {
                throw ModelError.noSuchVersion(item: itemID, choice: choice, operator: by, authors: Array(Set(versions.map(\.by))).sorted())
            }
            resolved = try Self.record(from: version, item: item, keeping: current, at: at)
            resolved.by = by
            resolved.at = at
            taken = ["took": "version", "versionBy": version.by]
            taken["versionAt"] = version.at.map(ISODate.format)
        }
        let after = Self.recordValues(resolved).merging(taken) { _, took in took }
        history.append(HistoryEntry(at: at, by: by, action: .resolve, item: itemID,
                                    from: current.status.rawValue, to: resolved.status.rawValue,
                                    before: Self.recordValues(current), after: after))
        appendOverrideChange(from: current.checkOverride, to: resolved.checkOverride, item: itemID, by: by, at: at)
        items[itemID] = resolved
        updatedAt = at
    }

    /// A version's values as a record, validated as if typed now; the AWS check stays, an override
    /// only with a done.
    static func record(from version: ItemVersion, item: ChecklistItem, keeping current: ItemRecord, at: Date) throws -> ItemRecord {
        guard let status = version.status else {
            throw ModelError.invalidText(field: "The version's status", message: "is not one this program knows: keep the current values instead")
        }
        var record = ItemRecord(status: status, check: current.check)
        record.evidence = try validatedEvidence(version.evidence, for: item, at: at).filter { !$0.value.isEmpty }
        record.note = try validatedFreeText(version.values["note"], field: "The note", allowNewlines: true, allowingKeyIDs: true)
        record.reason = try validatedFreeText(version.values["reason"], field: "The reason", allowNewlines: false, allowingKeyIDs: true)
        if status == .done { try checkDone(record.evidence, item: item) }
        if status.needsReason && record.reason == nil { throw ModelError.reasonRequired(status: status) }
        if !status.needsReason { record.reason = nil }
        record.due = status == .skipped ? version.values["due"] : nil
        record.checkOverride = status == .done ? current.checkOverride : nil
        return record
    }
}
