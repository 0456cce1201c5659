#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Builds an `AccountState` straight from a parsed document, for files in the current schema.
///
/// JSONDecoder's generic machinery cost more than everything else in opening an account, and most of
/// `summary --all`. This reader accepts only what the Codable types would decode to the same value —
/// the current schema, integers written as integers, times in the form this program writes — and
/// returns nil for anything else, leaving JSONDecoder to decode it or to explain what is wrong.
/// A test holds the two to the same result on thousands of mutated files.
enum StateReader {
    static let rootKeys: Set<String> = ["schemaVersion", "account", "checklist", "cursor", "cursorScreen", "createdAt", "updatedAt", "items", "history"]
    static let accountKeys: Set<String> = ["id", "alias", "rootEmail", "kind", "organizationId", "managementAccountId", "rootCredentials"]
    static let checklistKeys: Set<String> = ["id", "version", "digest"]
    static let itemKeys: Set<String> = ["status", "evidence", "note", "reason", "by", "at", "check"]
    static let checkKeys: Set<String> = ["outcome", "reason", "at", "source"]
    static let historyKeys: Set<String> = ["at", "by", "action", "item", "from", "to"]

    static func read(_ document: JSONValue) -> AccountState? {
        guard let root = document.object,
              root["schemaVersion"]?.number?.wholeNumber == AccountState.currentSchemaVersion,
              let account = root["account"].flatMap(accountInfo),
              let checklist = root["checklist"].flatMap(checklistRef),
              let cursor = optional(root["cursor"], { $0.string }),
              let cursorScreen = optional(root["cursorScreen"], { $0.string }),
              let createdAt = root["createdAt"].flatMap(date),
              let updatedAt = root["updatedAt"].flatMap(date),
              let itemMembers = root["items"]?.object,
              let historyElements = root["history"]?.array else { return nil }
        var preserved = PreservedFields()
        func keep(_ members: [String: JSONValue], known: Set<String>, at location: FieldLocation) {
            // Most objects hold only known keys: counting them first spares building a filtered copy.
            guard members.count > known.count || members.keys.contains(where: { !known.contains($0) }) else { return }
            let unknown = members.filter { !known.contains($0.key) }
            if !unknown.isEmpty { preserved.unknown[location] = unknown }
        }
        keep(root, known: rootKeys, at: .root)
        keep(root["account"]?.object ?? [:], known: accountKeys, at: .account)
        keep(root["checklist"]?.object ?? [:], known: checklistKeys, at: .checklist)
        var items: [String: ItemRecord] = [:]
        items.reserveCapacity(itemMembers.count)
        for (id, value) in itemMembers {
            guard let record = itemRecord(value), let members = value.object else { return nil }
            keep(members, known: itemKeys, at: .item(id))
            if let check = members["check"]?.object { keep(check, known: checkKeys, at: .check(item: id)) }
            items[id] = record
        }
        var history: [HistoryEntry] = []
        history.reserveCapacity(historyElements.count)
        for (index, value) in historyElements.enumerated() {
            guard let entry = historyEntry(value), let members = value.object else { return nil }
            keep(members, known: historyKeys, at: .history(index))
            if let text = members["at"]?.string, text != ISODate.format(entry.at) { preserved.historyTimes[index] = text }
            history.append(entry)
        }
        var state = AccountState(account: account, checklist: checklist, createdAt: createdAt, by: "")
        state.cursor = cursor
        state.cursorScreen = cursorScreen
        state.updatedAt = updatedAt
        state.items = items
        state.history = history
        state.preserved = preserved
        return state
    }

    /// An optional field: `.some(nil)` when missing or null (as `decodeIfPresent`), nil when malformed.
    private static func optional<T>(_ value: JSONValue?, _ convert: (JSONValue) -> T?) -> T?? {
        guard let value, !value.isNull else { return .some(nil) }
        guard let converted = convert(value) else { return nil }
        return .some(converted)
    }

    private static func date(_ value: JSONValue) -> Date? {
        value.string.flatMap(ISODate.parseAnyForm)
    }
    private static func accountInfo(_ value: JSONValue) -> AccountInfo? {
        guard let members = value.object, let id = members["id"]?.string,
              let alias = optional(members["alias"], { $0.string }),
              let rootEmail = optional(members["rootEmail"], { $0.string }),
              let kind = optional(members["kind"], { $0.string.flatMap(AccountKind.init(rawValue:)) }),
              let organizationId = optional(members["organizationId"], { $0.string }),
              let managementAccountId = optional(members["managementAccountId"], { $0.string }),
              let rootCredentials = optional(members["rootCredentials"], { $0.string.flatMap(RootCredentials.init(rawValue:)) }) else {
            return nil
        }
        return AccountInfo(id: id, alias: alias, rootEmail: rootEmail, kind: kind, organizationId: organizationId,
                           managementAccountId: managementAccountId, rootCredentials: rootCredentials)
    }

    private static func checklistRef(_ value: JSONValue) -> ChecklistRef? {
        guard let members = value.object, let id = members["id"]?.string,
              let version = members["version"]?.number?.wholeNumber,
              let digest = optional(members["digest"], { $0.string }) else { return nil }
        return ChecklistRef(id: id, version: version, digest: digest)
    }

    private static func itemRecord(_ value: JSONValue) -> ItemRecord? {
        guard let members = value.object,
              let status = members["status"]?.string.flatMap(ItemStatus.init(rawValue:)),
              let evidence = optional(members["evidence"], stringMap),
              let note = optional(members["note"], { $0.string }),
              let reason = optional(members["reason"], { $0.string }),
              let by = optional(members["by"], { $0.string }),
              let at = optional(members["at"], date),
              let check = optional(members["check"], checkResult) else { return nil }
        return ItemRecord(status: status, evidence: evidence ?? [:], note: note, reason: reason, by: by, at: at, check: check)
    }

    private static func stringMap(_ value: JSONValue) -> [String: String]? {
        guard let members = value.object else { return nil }
        var map: [String: String] = [:]
        for (key, member) in members {
            guard let text = member.string else { return nil }
            map[key] = text
        }
        return map
    }

    private static func checkResult(_ value: JSONValue) -> CheckResult? {
        guard let members = value.object,
              let outcome = members["outcome"]?.string.flatMap(CheckOutcome.init(rawValue:)),
              let reason = members["reason"]?.string,
              let at = members["at"].flatMap(date),
              let source = members["source"]?.string.flatMap(CheckSource.init(rawValue:)) else { return nil }
        return CheckResult(outcome: outcome, reason: reason, at: at, source: source)
    }

    private static func historyEntry(_ value: JSONValue) -> HistoryEntry? {
        guard let members = value.object,
              let at = members["at"].flatMap(date),
              let by = members["by"]?.string,
              let action = members["action"]?.string.flatMap(HistoryEntry.Action.init(rawValue:)),
              let item = optional(members["item"], { $0.string }),
              let from = optional(members["from"], { $0.string }),
              let to = optional(members["to"], { $0.string }) else { return nil }
        return HistoryEntry(at: at, by: by, action: action, item: item, from: from, to: to)
    }
}
