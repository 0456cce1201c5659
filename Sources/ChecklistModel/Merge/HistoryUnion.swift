import SystemImports

/// Both sides' histories as one: every entry of either side once (entries both sides hold, from the
/// common base, are not doubled), each side's own order kept, interleaved by time. Entries travel
/// with what the file held beside them (a time's original spelling, fields of a newer version).
struct HistoryUnion {
    private(set) var entries: [HistoryEntry] = []
    private(set) var preservedTimes: [Int: String] = [:]
    private(set) var preservedUnknown: [Int: [String: JSONValue]] = [:]

    private struct Carried {
        var entry: HistoryEntry
        var time: String? = nil
        var unknown: [String: JSONValue]? = nil
        var key: String { "\(time ?? ISODate.format(entry.at))|\(entry.by)|\(entry.action.rawValue)|\(entry.item ?? "\u{0}")|\(entry.from ?? "\u{0}")|\(entry.to ?? "\u{0}")" }
    }

    /// `added`: entries the merge itself writes (clashes), placed by time after those of their second.
    init(base: AccountState?, ours: AccountState, theirs: AccountState, added: [HistoryEntry] = []) {
        let mine = Self.carried(ours), yours = Self.carried(theirs)
        var held: [String: Int] = [:]
        for entry in mine { held[entry.key, default: 0] += 1 }
        var theirsOnly: [Carried] = []
        for entry in yours {
            if let count = held[entry.key], count > 0 { held[entry.key] = count - 1 } else { theirsOnly.append(entry) }
        }
        var merged = Self.interleave(mine, theirsOnly)
        let present = Set(merged.map(\.key))
        var fresh: [Carried] = added.map { Carried(entry: $0) }.filter { !present.contains($0.key) }
        fresh.sort { (a: Carried, b: Carried) -> Bool in a.entry.at != b.entry.at ? a.entry.at < b.entry.at : a.key < b.key }
        if !fresh.isEmpty { merged = Self.interleave(merged, fresh) }
        for (index, carried) in merged.enumerated() {
            entries.append(carried.entry)
            if let time = carried.time { preservedTimes[index] = time }
            if let unknown = carried.unknown { preservedUnknown[index] = unknown }
        }
    }

    /// Two time-ordered lists as one; on equal times the first list's entries come first.
    private static func interleave(_ first: [Carried], _ second: [Carried]) -> [Carried] {
        var (i, j) = (0, 0)
        var merged: [Carried] = []
        merged.reserveCapacity(first.count + second.count)
        while i < first.count || j < second.count {
            if j < second.count && (i == first.count || second[j].entry.at < first[i].entry.at) {
                merged.append(second[j]); j += 1
            } else {
                merged.append(first[i]); i += 1
            }
        }
        return merged
    }

    private static func carried(_ state: AccountState) -> [Carried] {
        state.history.enumerated().map { index, entry in
            Carried(entry: entry, time: state.preserved.historyTimes[index], unknown: state.preserved.unknown[.history(index)])
        }
    }

    /// Who last changed an item on one side, and when: its latest history entry other than a check.
    /// Times are whole seconds, so entries of one second are told apart by who wrote the record as it
    /// stands (after an earlier merge, the other operator's entry of that second may come after it).
    static func lastChange(_ side: AccountState, item: String, record: ItemRecord?) -> MergeClash.Change {
        let entries = side.history.filter { $0.item == item && $0.action != .check && $0.action != .account }
        if let latest = entries.map(\.at).max() {
            let ofThatSecond = entries.filter { $0.at == latest }
            let entry = ofThatSecond.last { $0.by == record?.by } ?? ofThatSecond.last!
            return MergeClash.Change(by: entry.by, at: entry.at)
        }
        return MergeClash.Change(by: record?.by ?? "someone", at: record?.at)
    }

    /// Who last changed an account field on one side, and when.
    static func lastChange(_ side: AccountState, account field: String) -> MergeClash.Change {
        if let entry = side.history.last(where: { $0.action == .account && $0.item == field }) {
            return MergeClash.Change(by: entry.by, at: entry.at)
        }
        return MergeClash.Change(by: "someone", at: side.updatedAt)
    }
}
