import SystemImports

/// Every stored field of the state file, once: `StateCodec` reads and writes by these lists, so a
/// field added to a state type is added here and nowhere else (a test compares each list with
/// the type's properties).
enum StateFields {
    static let account = StoredObject(blank: AccountInfo(id: ""), fields: [
        .required("id", \.id, .string),
        .optional("alias", \.alias, .string),
        .optional("rootEmail", \.rootEmail, .string),
        .optional("kind", \.kind, .oneOf),
        .optional("organizationId", \.organizationId, .string),
        .optional("managementAccountId", \.managementAccountId, .string),
        .optional("rootCredentials", \.rootCredentials, .oneOf),
    ])

    static let checklist = StoredObject(blank: ChecklistRef(id: "", version: 0), fields: [
        .required("id", \.id, .string),
        .required("version", \.version, .wholeNumber),
        .optional("digest", \.digest, .string),
    ])

    static let check = StoredObject(blank: CheckResult(outcome: .unknown, reason: "", at: Date(timeIntervalSince1970: 0), source: .file), fields: [
        .required("outcome", \.outcome, .oneOf),
        .required("reason", \.reason, .string),
        .required("at", \.at, .time),
        .required("source", \.source, .oneOf),
    ])

    static let item = StoredObject(blank: ItemRecord(), fields: [
        .required("status", \.status, .oneOf),
        .defaulted("evidence", \.evidence, .stringMap, [:]),
        .optional("note", \.note, .string),
        .optional("reason", \.reason, .string),
        .optional("by", \.by, .string),
        .optional("at", \.at, .time),
        StoredField(key: "check", read: { record, member, context throws(StateFormatError) in
            guard let member, !member.isNull else { record.check = nil; return }
            let location = FieldLocation.check(item: context.item ?? "")
            record.check = try context.descend("check") { (inner: inout StateReadContext) throws(StateFormatError) in
                try check.read(member, at: location, &inner)
            }
        }, write: { record, context in
            record.check.map { check.write($0, at: .check(item: context.item ?? ""), context) }
        }),
    ])

    static let historyEntry = StoredObject(blank: HistoryEntry(at: Date(timeIntervalSince1970: 0), by: "", action: .created), fields: [
        .required("at", \.at, .time),
        .required("by", \.by, .string),
        .required("action", \.action, .oneOf),
        .optional("item", \.item, .string),
        .optional("from", \.from, .string),
        .optional("to", \.to, .string),
    ])

    static let state = StoredObject(
        blank: AccountState(account: AccountInfo(id: ""), checklist: ChecklistRef(id: "", version: 0),
                            createdAt: Date(timeIntervalSince1970: 0), by: ""),
        fields: [
            .required("schemaVersion", \.schemaVersion, .wholeNumber),
            .object("account", \.account, account, at: .account),
            .object("checklist", \.checklist, checklist, at: .checklist),
            .optional("cursor", \.cursor, .string),
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
            .required("createdAt", \.createdAt, .time),
            .required("updatedAt", \.updatedAt, .time),
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
            if let text = element.object?["at"]?.string, text != ISODate.format(entry.at) { context.preserved.historyTimes[index] = text }
            history.append(entry)
        }
        return history
    }
}
