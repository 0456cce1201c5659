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
            "account": account(state.account),
            "checklist": .object(["id": .string(state.checklist.id), "version": .number(JSONNumber(state.checklist.version))]),
            "createdAt": date(state.createdAt),
            "updatedAt": date(state.updatedAt),
            "items": .object(state.items.mapValues(item)),
            "history": .array(state.history.map(entry)),
        ]
        root["cursor"] = state.cursor.map(JSONValue.string)
        root["cursorScreen"] = state.cursorScreen.map(JSONValue.string)
        return .object(root)
    }

    private static func date(_ value: Date) -> JSONValue { .string(ISODate.format(value)) }

    private static func account(_ info: AccountInfo) -> JSONValue {
        var members: [String: JSONValue] = ["id": .string(info.id)]
        members["alias"] = info.alias.map(JSONValue.string)
        members["rootEmail"] = info.rootEmail.map(JSONValue.string)
        return .object(members)
    }

    private static func item(_ record: ItemRecord) -> JSONValue {
        var members: [String: JSONValue] = [
            "status": .string(record.status.rawValue),
            "evidence": .object(record.evidence.mapValues(JSONValue.string)),
        ]
        members["note"] = record.note.map(JSONValue.string)
        members["reason"] = record.reason.map(JSONValue.string)
        members["by"] = record.by.map(JSONValue.string)
        members["at"] = record.at.map(date)
        members["check"] = record.check.map { check in
            .object(["outcome": .string(check.outcome.rawValue), "reason": .string(check.reason),
                     "at": date(check.at), "source": .string(check.source.rawValue)])
        }
        return .object(members)
    }

    private static func entry(_ entry: HistoryEntry) -> JSONValue {
        var members: [String: JSONValue] = ["at": date(entry.at), "by": .string(entry.by), "action": .string(entry.action.rawValue)]
        members["item"] = entry.item.map(JSONValue.string)
        members["from"] = entry.from.map(JSONValue.string)
        members["to"] = entry.to.map(JSONValue.string)
        return .object(members)
    }
}
