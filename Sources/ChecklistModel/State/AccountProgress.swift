import SystemImports

/// An account's state read against a checklist: what is done, what is left, what was retired.
public struct AccountProgress: Sendable {
    public struct Entry: Sendable {
        public var item: ChecklistItem
        public var record: ItemRecord
        /// Why the item does not apply to this account (its kind, a member's root credentials), or nil.
        public var notApplicableReason: String?
        /// The status that counts: not applicable when the item does not apply to this account,
        /// whatever was recorded (the record is kept, and counts again if the account changes).
        public var status: ItemStatus { notApplicableReason == nil ? record.status : .notApplicable }
        public var applies: Bool { notApplicableReason == nil }
        /// A person said done but an automated check failed.
        public var contradicted: Bool { applies && record.status == .done && record.check?.outcome == .fail }
    }

    public let state: AccountState
    public let checklist: Checklist
    public let entries: [Entry]
    /// Progress kept for items that the checklist no longer has.
    public let retired: [RetiredItem]

    public init(state: AccountState, checklist: Checklist) {
        self.state = state
        self.checklist = checklist
        let credentials = Self.memberRootCredentials(state, checklist)
        entries = checklist.items.map { item in
            Entry(item: item, record: state.record(item.id),
                  notApplicableReason: item.appliesTo.reasonNotApplicable(to: state.account, credentials: credentials))
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

    /// The entry of one item.
    public func entry(_ itemID: String) -> Entry? { entries.first { $0.item.id == itemID } }

    /// Items done or not applicable.
    public var resolvedCount: Int { entries.filter { $0.status.isResolvedForCompletion }.count }
    public var total: Int { entries.count }
    public var requiredTotal: Int { entries.filter { $0.item.required }.count }
    public var requiredResolved: Int {
        entries.filter { $0.item.required && $0.status.isResolvedForCompletion }.count
    }
    /// Complete when every required item is done or not applicable.
    public var isComplete: Bool { requiredResolved == requiredTotal }
    public var contradictions: [Entry] { entries.filter(\.contradicted) }
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
