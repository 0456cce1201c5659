import SystemImports

/// Two changes to one thing on two sides of a merge: which side's change was kept, and who made each.
public struct MergeClash: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case item(String)
        /// An account field (`alias`, `rootEmail`, `kind`…), or `checklist`.
        case account(String)
    }
    public struct Change: Sendable, Equatable {
        public var by: String
        public var at: Date?
        public init(by: String, at: Date?) {
            self.by = by
            self.at = at
        }
    }
    public var subject: Subject
    public var ours: Change
    public var theirs: Change
    /// True when their change was kept (it was the later one).
    public var keptTheirs: Bool

    public init(subject: Subject, ours: Change, theirs: Change, keptTheirs: Bool) {
        self.subject = subject
        self.ours = ours
        self.theirs = theirs
        self.keptTheirs = keptTheirs
    }
}

/// The three-way merge of one account's state file, item by item, that `merge-driver` runs for git.
///
/// Rules: the history is the union of both sides' entries in time order; an item (or account field)
/// changed on one side takes that side; changed on both sides to different values, the later change
/// is kept (its time from the side's history), both changes stay in the history, and the clash is
/// reported. Automated check results are not an operator's change: the newer result is kept without a
/// clash. The cursor is this side's own place. The result does not depend on which side is "ours"
/// except for the cursor, so two operators syncing in either order reach the same file.
public enum StateMerge {
    public struct Result: Sendable {
        public var state: AccountState
        public var clashes: [MergeClash]
    }

    /// `base` is nil when both sides created the file independently (git's add/add).
    public static func merge(base: AccountState?, ours: AccountState, theirs: AccountState) throws(ModelError) -> Result {
        guard ours.account.id == theirs.account.id else {
            throw ModelError.corruptState(path: "\(theirs.account.id).json",
                                          detail: "its sides belong to different accounts (\(ours.account.id) and \(theirs.account.id))")
        }
        var merged = ours
        var clashes: [MergeClash] = []
        var clashEntries: [HistoryEntry] = []
        let history = HistoryUnion.self

        // Account fields, one by one.
        for field in AccountInfo.fields {
            let (o, t) = (field.get(ours.account), field.get(theirs.account))
            guard o != t else { continue }
            let b = base.map { field.get($0.account) }
            if b == o { field.set(&merged.account, t); continue }
            if b == t { continue }
            let mine = history.lastChange(ours, account: field.name), yours = history.lastChange(theirs, account: field.name)
            let takeTheirs = laterWins(mine, yours, oursValue: o ?? "", theirsValue: t ?? "")
            if takeTheirs { field.set(&merged.account, t) }
            clashes.append(MergeClash(subject: .account(field.name), ours: mine, theirs: yours, keptTheirs: takeTheirs))
        }

        // The checklist reference: an upgrade on either side wins.
        if ours.checklist != theirs.checklist {
            let b = base?.checklist
            if b == ours.checklist || (b != theirs.checklist && theirs.checklist.version > ours.checklist.version) {
                merged.checklist = theirs.checklist
            }
        }

        // Items: the operator's part three-way, the check result by time.
        for id in Set(ours.items.keys).union(theirs.items.keys).sorted() {
            let (o, t) = (ours.items[id], theirs.items[id])
            guard o != t else { continue }
            let b = base?.items[id]
            var record = o ?? ItemRecord()
            if operatorPart(o) != operatorPart(t) {
                if operatorPart(b) == operatorPart(o) {
                    record = withCheck(t ?? ItemRecord(), of: record)
                    copyPreserved([.item(id), .checkOverride(item: id)], from: theirs, to: &merged)
                } else if operatorPart(b) != operatorPart(t) {
                    let mine = history.lastChange(ours, item: id, record: o), yours = history.lastChange(theirs, item: id, record: t)
                    let takeTheirs = laterWins(mine, yours, oursValue: describe(o), theirsValue: describe(t))
                    if takeTheirs {
                        record = withCheck(t ?? ItemRecord(), of: record)
                        copyPreserved([.item(id), .checkOverride(item: id)], from: theirs, to: &merged)
                    }
                    // Neither person's words leave the file: the item is marked with every version
                    // met, and the one not kept gets a history entry of its own.
                    let (kept, dropped) = takeTheirs ? ((t, yours), (o, mine)) : ((o, mine), (t, yours))
                    record.changedByBoth = markVersions(base: b, ours: o, theirs: t, mine: mine, yours: yours)
                    clashEntries.append(clashEntry(item: id, kept: kept, dropped: dropped,
                                                   at: max(mine.at ?? ours.updatedAt, yours.at ?? theirs.updatedAt)))
                    clashes.append(MergeClash(subject: .item(id), ours: mine, theirs: yours, keptTheirs: takeTheirs))
                }
            }
            if let theirCheck = t?.check, theirCheck != o?.check, takesTheirCheck(theirCheck, ours: o?.check, base: b?.check) {
                record.check = theirCheck
                copyPreserved([.check(item: id)], from: theirs, to: &merged)
            }
            merged.items[id] = record == ItemRecord() ? nil : record
        }

        let union = HistoryUnion(base: base, ours: ours, theirs: theirs, added: clashEntries)
        merged.history = union.entries
        merged.preserved.historyTimes = union.preservedTimes
        for location in merged.preserved.unknown.keys {
            if case .history = location { merged.preserved.unknown[location] = nil }
        }
        for (index, fields) in union.preservedUnknown { merged.preserved.unknown[.history(index)] = fields }
        for location in [FieldLocation.root, .account, .checklist] {
            for (key, value) in theirs.preserved.unknown[location] ?? [:] where merged.preserved.unknown[location]?[key] == nil {
                merged.preserved.unknown[location, default: [:]][key] = value
            }
        }
        merged.createdAt = min(ours.createdAt, theirs.createdAt)
        merged.updatedAt = max(ours.updatedAt, theirs.updatedAt)
        return Result(state: merged, clashes: clashes)
    }

    /// Everything about an item an operator sets; the check result is merged on its own.
    private static func operatorPart(_ record: ItemRecord?) -> ItemRecord? {
        guard var record else { return nil }
        record.check = nil
        return record == ItemRecord() ? nil : record
    }

    /// Every version a clash met: both sides' current ones and those of marks still unresolved. A
    /// version of the base's mark that either side no longer holds was resolved there and stays so.
    private static func markVersions(base: ItemRecord?, ours: ItemRecord?, theirs: ItemRecord?,
                                     mine: MergeClash.Change, yours: MergeClash.Change) -> [ItemVersion] {
        let before = Set(base?.changedByBoth ?? []), o = Set(ours?.changedByBoth ?? []), t = Set(theirs?.changedByBoth ?? [])
        let carried = o.union(t).filter { !before.contains($0) || (o.contains($0) && t.contains($0)) }
        return ItemVersion.ordered(carried + [version(ours, mine), version(theirs, yours)])
    }

    private static func version(_ record: ItemRecord?, _ change: MergeClash.Change) -> ItemVersion {
        ItemVersion(by: change.by, at: change.at, values: AccountState.recordValues(record ?? ItemRecord()))
    }

    /// The history entry of a clash, the same from either side: the version not kept, by its author.
    private static func clashEntry(item: String, kept: (ItemRecord?, MergeClash.Change), dropped: (ItemRecord?, MergeClash.Change),
                                   at: Date) -> HistoryEntry {
        let keptValues = AccountState.recordValues(kept.0 ?? ItemRecord()), droppedValues = AccountState.recordValues(dropped.0 ?? ItemRecord())
        return HistoryEntry(at: at, by: dropped.1.by, action: .clash, item: item,
                            from: droppedValues["status"], to: keptValues["status"], before: droppedValues, after: keptValues)
    }

    private static func withCheck(_ record: ItemRecord, of current: ItemRecord) -> ItemRecord {
        var result = record
        result.check = current.check
        return result
    }

    /// Their check result replaces ours when only they checked since the base, or both did and theirs is newer.
    private static func takesTheirCheck(_ theirs: CheckResult, ours: CheckResult?, base: CheckResult?) -> Bool {
        if ours == base { return true }
        if theirs == base { return false }
        guard let ours else { return true }
        return newer(theirs, than: ours)
    }

    private static func newer(_ a: CheckResult, than b: CheckResult) -> Bool {
        a.at != b.at ? a.at > b.at : describe(a) > describe(b)
    }

    /// The later change wins; on the same instant, a fixed order of who and what, so both sides agree.
    private static func laterWins(_ ours: MergeClash.Change, _ theirs: MergeClash.Change, oursValue: String, theirsValue: String) -> Bool {
        let (a, b) = (ours.at ?? .distantPast, theirs.at ?? .distantPast)
        if a != b { return b > a }
        if ours.by != theirs.by { return theirs.by > ours.by }
        return theirsValue > oursValue
    }

    private static func describe(_ record: ItemRecord?) -> String {
        guard let record else { return "" }
        return "\(record.status.rawValue)|\(record.evidence.sorted { $0.key < $1.key })|\(record.note ?? "")|\(record.reason ?? "")|\(record.due ?? "")"
            + "|\(record.checkOverride.map { "\($0.reason)|\($0.by)|\($0.failure)" } ?? "")"
    }

    private static func describe(_ check: CheckResult) -> String { "\(check.outcome.rawValue)|\(check.reason)|\(check.source.rawValue)" }

    private static func copyPreserved(_ locations: [FieldLocation], from source: AccountState, to target: inout AccountState) {
        for location in locations { target.preserved.unknown[location] = source.preserved.unknown[location] }
    }
}
