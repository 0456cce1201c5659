import SystemImports

/// Every stored field of the state file, once: `StateCodec` reads and writes by these lists, so a
/// field added to a state type is added here and nowhere else (a test compares each list with
/// the type's properties).
enum StateFields {
    static let account = StoredObject(blank: AccountInfo(id: ""), fields: [
        .required("id", { $0.id }, { $0.id = $1 }, .string),
    ] + AccountInfo.fields.map(\.stored))

    static let checklist = StoredObject(blank: ChecklistRef(id: "", version: 0), fields: [
        .required("id", { $0.id }, { $0.id = $1 }, .string),
        .required("version", { $0.version }, { $0.version = $1 }, .wholeNumber),
        .optional("digest", { $0.digest }, { $0.digest = $1 }, .string),
    ])

    static let check = StoredObject(blank: CheckResult(outcome: .unknown, reason: "", at: Date(timeIntervalSince1970: 0), source: .file), fields: [
        .required("outcome", { $0.outcome }, { $0.outcome = $1 }, .oneOf),
        .required("reason", { $0.reason }, { $0.reason = $1 }, .string),
        .required("at", { $0.at }, { $0.at = $1 }, .time),
        .required("source", { $0.source }, { $0.source = $1 }, .oneOf),
    ])

    static let item = StoredObject(blank: ItemRecord(), fields: [
        .required("status", { $0.status }, { $0.status = $1 }, .oneOf),
        .defaulted("evidence", { $0.evidence }, { $0.evidence = $1 }, .stringMap, [:]),
        .optional("note", { $0.note }, { $0.note = $1 }, .string),
        .optional("reason", { $0.reason }, { $0.reason = $1 }, .string),
        .optional("by", { $0.by }, { $0.by = $1 }, .string),
        .optional("at", { $0.at }, { $0.at = $1 }, .time),
        .optional("due", { $0.due }, { $0.due = $1 }, .string),
        .optionalObject("check", { $0.check }, { $0.check = $1 }, check, at: { FieldLocation.check(item: $0) }),
        .optionalObject("checkOverride", { $0.checkOverride }, { $0.checkOverride = $1 }, checkOverride,
                        at: { FieldLocation.checkOverride(item: $0) }),
        .optional("changedByBoth", { $0.changedByBoth }, { $0.changedByBoth = $1 }, .versions),
    ])

    static let checkOverride = StoredObject(blank: CheckOverride(reason: "", by: "", at: Date(timeIntervalSince1970: 0), failure: ""), fields: [
        .required("reason", { $0.reason }, { $0.reason = $1 }, .string),
        .required("by", { $0.by }, { $0.by = $1 }, .string),
        .required("at", { $0.at }, { $0.at = $1 }, .time),
        .required("failure", { $0.failure }, { $0.failure = $1 }, .string),
    ])

    static let historyEntry = StoredObject(blank: HistoryEntry(at: Date(timeIntervalSince1970: 0), by: "", action: .created), fields: [
        .required("at", { $0.at }, { $0.at = $1 }, .time),
        .required("by", { $0.by }, { $0.by = $1 }, .string),
        .required("action", { $0.action }, { $0.action = $1 }, .oneOf),
        .optional("item", { $0.item }, { $0.item = $1 }, .string),
        .optional("from", { $0.from }, { $0.from = $1 }, .string),
        .optional("to", { $0.to }, { $0.to = $1 }, .string),
        .optional("before", { $0.before }, { $0.before = $1 }, .stringMap),
        .optional("after", { $0.after }, { $0.after = $1 }, .stringMap),
    ])

    static let state = StoredObject(
        blank: AccountState(account: AccountInfo(id: ""), checklist: ChecklistRef(id: "", version: 0),
                            createdAt: Date(timeIntervalSince1970: 0), by: ""),
        fields: [
            .required("schemaVersion", { $0.schemaVersion }, { $0.schemaVersion = $1 }, .wholeNumber),
            .object("account", { $0.account }, { $0.account = $1 }, account, at: .account),
            .object("checklist", { $0.checklist }, { $0.checklist = $1 }, checklist, at: .checklist),
            .optional("cursor", { $0.cursor }, { $0.cursor = $1 }, .string),
            StoredField(key: "cursorScreen", read: { state, member, context throws(StateFormatError) in
                state.cursorScreen = nil
                guard let member, !member.isNull else { return }
                guard let text = member.string else { throw context.error("cursorScreen", "must be a string", found: member) }
                if let view = ResumeView(rawValue: text) {
                    state.cursorScreen = view
                } else {
                    context.preserved.unknown[.root, default: [:]]["cursorScreen"] = member
                }
            }, write: { state, _ in state.cursorScreen.map { .string($0.rawValue) } }),
            .optional("checkAccess", { $0.checkAccess }, { $0.checkAccess = $1 }, .string),
            .required("createdAt", { $0.createdAt }, { $0.createdAt = $1 }, .time),
            .required("updatedAt", { $0.updatedAt }, { $0.updatedAt = $1 }, .time),
            StoredField(key: "items", read: { state, member, context throws(StateFormatError) in
                guard let member else { throw context.error("items", "is missing") }
                state.items = try context.descend("items") { (inner: inout StateReadContext) throws(StateFormatError) in
                    try readItems(member, &inner)
                }
            }, write: { state, context in
                .object(Dictionary(uniqueKeysWithValues: state.items.map { id, record in
                    var inner = context
                    inner.item = id
                    return (id, item.write(record, at: .item(id), inner))
                }))
            }),
            StoredField(key: "history", read: { state, member, context throws(StateFormatError) in
                guard let member else { throw context.error("history", "is missing") }
                state.history = try context.descend("history") { (inner: inout StateReadContext) throws(StateFormatError) in
                    try readHistory(member, &inner)
                }
            }, write: { state, context in
                .array(state.history.enumerated().map { index, entry in
                    var written = historyEntry.write(entry, at: .history(index), context)
                    if let text = context.preserved.historyTimes[index], case .object(var members) = written {
                        members["at"] = .string(text)
                        written = .object(members)
                    }
                    return written
                })
            }),
        ])

    private static func readItems(_ value: JSONValue, _ context: inout StateReadContext) throws(StateFormatError) -> [String: ItemRecord] {
        guard let members = value.object else { throw context.error(nil, "must be an object", found: value) }
        var items: [String: ItemRecord] = [:]
        items.reserveCapacity(members.count)
        for (id, member) in members {
            guard !id.isEmpty, id.count <= 63 else { throw context.error(id, "is not an item id: ids are 1 to 63 characters") }
            context.item = id
            items[id] = try context.descend(id) { (inner: inout StateReadContext) throws(StateFormatError) in
                try item.read(member, at: .item(id), &inner)
            }
        }
        context.item = nil
        return items
    }

    /// The history is append-only: a time written in another spelling is kept as written.
    private static func readHistory(_ value: JSONValue, _ context: inout StateReadContext) throws(StateFormatError) -> [HistoryEntry] {
        guard let elements = value.array else { throw context.error(nil, "must be an array", found: value) }
        var history: [HistoryEntry] = []
        history.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            context.path.append(.index(index))
            defer { context.path.removeLast() }
            let entry = try historyEntry.read(element, at: .history(index), &context)
            if let text = element.object?["at"]?.string, !ISODate.isCanonical(text) { context.preserved.historyTimes[index] = text }
            history.append(entry)
        }
        return history
    }
}
