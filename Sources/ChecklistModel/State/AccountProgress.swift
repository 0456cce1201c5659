import SystemImports

/// An account's state read against a checklist: what is done, what is left, what was retired.
public struct AccountProgress: Sendable {
    public struct Entry: Sendable {
        /// The checklist's items, shared by every entry (one buffer), and this entry's place in
        /// them: a fleet of 100,000 accounts holds no copy of an item per account.
        let items: [ChecklistItem]
        let index: Int
        public var item: ChecklistItem { items[index] }
        public var record: ItemRecord
        /// Why the item does not apply to this account (its kind, a member's root credentials), or nil.
        public var notApplicableReason: String?
        /// The status that counts: not applicable when the item does not apply to this account,
        /// whatever was recorded (the record is kept, and counts again if the account changes).
        public var status: ItemStatus { notApplicableReason == nil ? record.status : .notApplicable }
        public var applies: Bool { notApplicableReason == nil }
        /// Done, and the item's AWS check fails: only an item that has a check can be contradicted,
        /// whatever result a file carries.
        var doneButFailing: Bool {
            applies && record.status == .done && item.check != nil && record.check?.outcome == .fail
        }
        /// A person said done but the latest AWS check fails, and nobody overrode that failure:
        /// not resolved, and the account is not complete.
        public var contradicted: Bool { doneButFailing && record.checkOverride?.covers(record.check) != true }
        /// Done against a failing AWS check, kept by a recorded override (who, why).
        public var overridden: CheckOverride? {
            guard doneButFailing, let override = record.checkOverride, override.covers(record.check) else { return nil }
            return override
        }
        /// A merge met two people's changes to the item and nobody has settled which stands.
        public var changedByBoth: Bool { record.changedByBoth != nil }
        /// Counts toward completion: done or not applicable, not contradicted by AWS, and not
        /// waiting for a person to settle a change made by both sides.
        public var resolved: Bool { status.isResolvedForCompletion && !contradicted && !changedByBoth }
        /// When the item is to be looked at again: a skip's due date, or a done item's re-check.
        public var followUp: FollowUp?
        /// Past its follow-up date as of the progress's `asOf` day.
        public var overdue: Bool { applies && followUp?.overdue == true }
    }

    /// A date an item is to be looked at again by.
    public struct FollowUp: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// A skipped item's due date.
            case due
            /// A done item's re-check (`recheckDays` after its date evidence, else after it was marked done).
            case recheck
        }
        public var kind: Kind
        /// The day (`YYYY-MM-DD`, UTC) it falls due.
        public var date: String
        public var overdue: Bool
        public init(kind: Kind, date: String, overdue: Bool) {
            self.kind = kind
            self.date = date
            self.overdue = overdue
        }
    }

    public let state: AccountState
    public let checklist: Checklist
    public let entries: [Entry]
    /// Progress kept for items that the checklist no longer has.
    public let retired: [RetiredItem]

    /// The day follow-ups are judged on; nil judges none overdue (a view of the record alone).
    public let asOf: Date?

    public init(state: AccountState, checklist: Checklist, asOf: Date? = nil) {
        self.state = state
        self.checklist = checklist
        self.asOf = asOf
        let credentials = Self.memberRootCredentials(state, checklist)
        let today = asOf.map { String(ISODate.format($0).prefix(10)) }
        let items = checklist.items
        entries = items.indices.map { index in
            let item = items[index]
            let record = state.record(item.id)
            return Entry(items: items, index: index, record: record,
                         notApplicableReason: item.appliesTo.reasonNotApplicable(to: state.account, credentials: credentials),
                         followUp: Self.followUp(item, record, today: today))
        }
        let known = Set(checklist.items.map(\.id))
        retired = state.items.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }.map { RetiredItem(id: $0.key, record: $0.value) }
    }

    /// Whether a member's root credentials count as present: what `verify` or `edit` recorded wins;
    /// otherwise removed once an item that removes them is done, and present until then.
    public static func memberRootCredentials(_ state: AccountState, _ checklist: Checklist) -> RootCredentials {
        if let recorded = state.account.rootCredentials { return recorded }
        let removed = checklist.items.contains { $0.removesMemberRootCredentials && state.record($0.id).status == .done }
        return removed ? .removed : .present
    }

    static func followUp(_ item: ChecklistItem, _ record: ItemRecord, today: String?) -> FollowUp? {
        let kind: FollowUp.Kind
        let date: String
        if record.status == .skipped, let due = record.due {
            (kind, date) = (.due, due)
        } else if record.status == .done, let days = item.recheckDays, let at = record.at {
            // The clock runs from when the fact was confirmed (the item's date evidence: the day the
            // phone answered), not from the day it was typed in; without such a date, from the done.
            let confirmed = item.evidence.first { $0.kind == .date && record.evidence[$0.key] != nil }
                .flatMap { record.evidence[$0.key] }.flatMap { ISODate.parseAnyForm($0 + "T00:00:00Z") }
            // Where the item says so, a passing AWS check confirms it again too: only one asked of AWS
            // itself, since a check from saved files carries the time it was run, not when AWS answered.
            let checked = item.checkConfirms && record.check?.outcome == .pass && record.check?.source == .awsCLI ? record.check?.at : nil
            let from = [confirmed ?? at, checked].compactMap { $0 }.max() ?? at
            (kind, date) = (.recheck, String(ISODate.format(from.addingTimeInterval(Double(days) * 86_400)).prefix(10)))
        } else {
            return nil
        }
        return FollowUp(kind: kind, date: date, overdue: today.map { $0 > date } ?? false)
    }

    /// Items past their follow-up date.
    public var overdue: [Entry] { entries.filter(\.overdue) }

    /// The entry of one item.
    public func entry(_ itemID: String) -> Entry? { entries.first { $0.item.id == itemID } }

    /// Items done or not applicable, less the contradicted ones.
    public var resolvedCount: Int { entries.filter(\.resolved).count }
    public var total: Int { entries.count }
    public var requiredTotal: Int { entries.filter { $0.item.required }.count }
    public var requiredResolved: Int {
        entries.filter { $0.item.required && $0.resolved }.count
    }
    /// Complete when every required item is done or not applicable, and no done item is
    /// contradicted by its AWS check (an optional one too: a summary never says COMPLETE beside
    /// a failing check nobody answered for).
    public var isComplete: Bool { requiredResolved == requiredTotal && contradictions.isEmpty }
    public var contradictions: [Entry] { entries.filter(\.contradicted) }
    /// Items a merge marked changed by both, not yet resolved.
    public var changedByBoth: [Entry] { entries.filter(\.changedByBoth) }
    /// Done items kept against a failing check by a recorded override.
    public var overrides: [Entry] { entries.filter { $0.overridden != nil } }
    public func count(_ status: ItemStatus) -> Int { entries.filter { $0.status == status }.count }

    /// The first pending item after `itemID` (wrapping around), or nil when nothing is pending.
    public func nextPending(after itemID: String?) -> String? {
        let ids = entries.map(\.item.id)
        let start = itemID.flatMap { ids.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        for offset in 0..<ids.count {
            let index = (start + offset) % ids.count
            if entries[index].status == .pending { return ids[index] }
        }
        return nil
    }
}

/// What an account recorded for an item its checklist no longer has.
public struct RetiredItem: Sendable, Equatable {
    public var id: String
    public var record: ItemRecord
}
