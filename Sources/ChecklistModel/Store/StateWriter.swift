#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The document an `AccountState` is saved as: what its Codable conformance would encode (fields
/// that are nil left out), built directly; the inverse of `StateReader`.
enum StateWriter {
    static func document(_ state: AccountState) -> JSONValue {
        var root: [String: JSONValue] = [
            "schemaVersion": .number(JSONNumber(state.schemaVersion)),
            "account": with(state.preserved, at: .account, account(state.account)),
            "checklist": with(state.preserved, at: .checklist, checklist(state.checklist)),
            "createdAt": date(state.createdAt),
            "updatedAt": date(state.updatedAt),
            "items": .object(Dictionary(uniqueKeysWithValues: state.items.map { id, record in
                (id, with(state.preserved, at: .item(id), item(record, id: id, preserved: state.preserved)))
            })),
            "history": .array(state.history.enumerated().map { index, value in
                var members = entry(value)
                if let text = state.preserved.historyTimes[index] { members["at"] = .string(text) }
                return with(state.preserved, at: .history(index), members)
            }),
        ]
        root["cursor"] = state.cursor.map(JSONValue.string)
        root["cursorScreen"] = state.cursorScreen.map(JSONValue.string)
        return with(state.preserved, at: .root, root)
    }

    /// Adds back what was preserved at `location`; what this program writes wins on a clash.
    private static func with(_ preserved: PreservedFields, at location: FieldLocation, _ members: [String: JSONValue]) -> JSONValue {
        guard let unknown = preserved.unknown[location] else { return .object(members) }
        return .object(members.merging(unknown) { known, _ in known })
    }

    private static func date(_ value: Date) -> JSONValue { .string(ISODate.format(value)) }

    private static func checklist(_ ref: ChecklistRef) -> [String: JSONValue] {
        var members: [String: JSONValue] = ["id": .string(ref.id), "version": .number(JSONNumber(ref.version))]
        members["digest"] = ref.digest.map(JSONValue.string)
        return members
    }

    private static func account(_ info: AccountInfo) -> [String: JSONValue] {
        var members: [String: JSONValue] = ["id": .string(info.id)]
        members["alias"] = info.alias.map(JSONValue.string)
        members["rootEmail"] = info.rootEmail.map(JSONValue.string)
        members["kind"] = info.kind.map { .string($0.rawValue) }
        members["organizationId"] = info.organizationId.map(JSONValue.string)
        members["managementAccountId"] = info.managementAccountId.map(JSONValue.string)
        members["rootCredentials"] = info.rootCredentials.map { .string($0.rawValue) }
        return members
    }

    private static func item(_ record: ItemRecord, id: String, preserved: PreservedFields) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "status": .string(record.status.rawValue),
            "evidence": .object(record.evidence.mapValues(JSONValue.string)),
        ]
        members["note"] = record.note.map(JSONValue.string)
        members["reason"] = record.reason.map(JSONValue.string)
        members["by"] = record.by.map(JSONValue.string)
        members["at"] = record.at.map(date)
        members["check"] = record.check.map { check in
            with(preserved, at: .check(item: id), ["outcome": .string(check.outcome.rawValue), "reason": .string(check.reason),
                                                   "at": date(check.at), "source": .string(check.source.rawValue)])
        }
        return members
    }

    private static func entry(_ entry: HistoryEntry) -> [String: JSONValue] {
        var members: [String: JSONValue] = ["at": date(entry.at), "by": .string(entry.by), "action": .string(entry.action.rawValue)]
        members["item"] = entry.item.map(JSONValue.string)
        members["from"] = entry.from.map(JSONValue.string)
        members["to"] = entry.to.map(JSONValue.string)
        return members
    }
}
