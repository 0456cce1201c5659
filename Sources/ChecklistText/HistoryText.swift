import ChecklistModel
import SystemImports

/// An account's history as a reviewer reads it: when, who, which item, what changed.
public enum HistoryText {
    /// What one entry did, in words, with the values it replaced and wrote where it kept them.
    public static func change(_ entry: HistoryEntry) -> String {
        let from = entry.from.map(PlainText.sanitizeLine).flatMap { $0.isEmpty ? nil : $0 }
        let to = entry.to.map(PlainText.sanitizeLine).flatMap { $0.isEmpty ? nil : $0 }
        let before = entry.before ?? [:], after = entry.after ?? [:]
        func value(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return "(none)" }
            return "\"" + PlainText.sanitizeLine(text) + "\""
        }
        func status(_ values: [String: String], fallback: String?) -> String {
            var text = values["status"].map(PlainText.sanitizeLine) ?? fallback ?? "?"
            var extra: [String] = []
            if let reason = values["reason"] { extra.append("reason: \(PlainText.sanitizeLine(reason))") }
            if let due = values["due"] { extra.append("due \(PlainText.sanitizeLine(due))") }
            if !extra.isEmpty { text += " (\(extra.joined(separator: "; ")))" }
            return text
        }
        switch entry.action {
        case .created: return "started with checklist \(to ?? "?")"
        case .status:
            return "status \(status(before, fallback: from)) → \(status(after, fallback: to))"
        case .evidence:
            guard entry.before != nil || entry.after != nil else {
                return "evidence fields now \(to ?? "none")" + (from.map { " (were \($0))" } ?? "")
            }
            let keys = Set(before.keys).union(after.keys).sorted()
            return "evidence " + keys.map { "\(PlainText.sanitizeLine($0)): \(value(before[$0])) → \(value(after[$0]))" }.joined(separator: "; ")
        case .note:
            guard entry.before != nil || entry.after != nil else { return "note changed" }
            return "note \(value(before["note"])) → \(value(after["note"]))"
        case .check:
            let said = after["reason"].map { ": \(PlainText.sanitizeLine($0))" } ?? ""
            return "AWS check \(to ?? "?")" + (from.map { " (was \($0))" } ?? "") + said
        case .undo, .redo:
            let verb = entry.action == .undo ? "undone: back to" : "redone:"
            let values = entry.after.map { " " + status($0, fallback: to) } ?? " \(to ?? "?")"
            return verb + values + (from.map { " (was \($0))" } ?? "")
        case .account: return "\(PlainText.sanitizeLine(entry.item ?? "account")) \(from ?? "(none)") → \(to ?? "(none)")"
        case .clash:
            return "changed by both (marked until resolved): kept [\(version(after, fallback: to))]; "
                + "\(PlainText.sanitizeLine(entry.by))'s [\(version(before, fallback: from))] kept here"
        case .resolve:
            return "changed by both resolved: \(taken(after)) → \(version(after, fallback: to))"
        case .confirm:
            return "confirmed again on \(to ?? "?")" + (after["next"].map { " (next re-check by \(PlainText.sanitizeLine($0)))" } ?? "")
        case .fix:
            return "fixed through AWS (\(to ?? "?")): " + FixText.calls(after).joined(separator: "; ")
        case .override:
            guard let to else { return "AWS check override ended" + (from.map { " (it said: \($0))" } ?? "") }
            return "AWS check overridden: \(to)"
        }
    }

    /// What a resolution took: "kept the current values", or "took alice's version of 2026-12-06 16:23 UTC".
    static func taken(_ after: [String: String]) -> String {
        switch after["took"] {
        case "current": return "kept the current values"
        case "version":
            let when = after["versionAt"].flatMap(ISODate.parseAnyForm).map { " of \(StatusStyle.date($0))" } ?? ""
            return "took \(PlainText.sanitizeLine(after["versionBy"] ?? "someone"))'s version\(when)"
        default: return "settled"
        }
    }

    /// A whole version as history values hold it: "done; evidence device-kinds: "totp"; note: "…"".
    public static func version(_ values: [String: String]?, fallback: String? = nil) -> String {
        versionParts(values, fallback: fallback).joined(separator: "; ")
    }

    /// The same, a part each: the status (with reason and due date), the evidence, the note.
    public static func versionParts(_ values: [String: String]?, fallback: String? = nil) -> [String] {
        let values = values ?? [:]
        var parts = [values["status"].map(PlainText.sanitizeLine) ?? fallback.map(PlainText.sanitizeLine) ?? "?"]
        if let reason = values["reason"] { parts.append("reason: \(PlainText.sanitizeLine(reason))") }
        if let due = values["due"] { parts.append("due \(PlainText.sanitizeLine(due))") }
        let evidence = values.keys.filter { $0.hasPrefix("evidence.") }.sorted()
        if !evidence.isEmpty {
            parts.append("evidence " + evidence.map { "\(PlainText.sanitizeLine(String($0.dropFirst(9)))): \"\(PlainText.sanitizeLine(values[$0] ?? ""))\"" }
                .joined(separator: ", "))
        }
        if let note = values["note"] { parts.append("note: \"\(PlainText.sanitizeLine(note))\"") }
        return parts
    }

    /// The entries of `item` (every entry when nil), oldest first, a line each.
    public static func render(_ state: AccountState, item: String?, since: Date? = nil) -> String {
        let entries = selected(state, item: item, since: since)
        var lines = ["History of account \(state.account.id)" + (item.map { ", item \(PlainText.sanitizeLine($0))" } ?? "")
                     + ": \(entries.count) change\(entries.count == 1 ? "" : "s")"]
        for entry in entries {
            let what = entry.action == .account ? "account" : PlainText.sanitizeLine(entry.item ?? "-")
            lines.append("\(StatusStyle.date(entry.at))  \(DisplayWidth.pad(PlainText.sanitizeLine(entry.by), columns: 20))  "
                         + "\(DisplayWidth.pad(what, columns: 24))  \(change(entry))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The entries of `item` (every entry when nil) from `since` on, in the order written.
    static func selected(_ state: AccountState, item: String?, since: Date?) -> [HistoryEntry] {
        state.history.filter { entry in
            (item == nil || (entry.item == item && entry.action != .account)) && (since.map { entry.at >= $0 } ?? true)
        }
    }

    /// The history as `Checklists/history.schema.json` describes it: each entry as the state file
    /// keeps it (values where kept), made plain, with the words `history` shows.
    public static func json(_ state: AccountState, item: String?, since: Date? = nil) -> String {
        func plain(_ values: [String: String]?) -> JSONValue? {
            values.map { .object($0.mapValues { .string(PlainText.sanitizeLine($0)) }) }
        }
        let entries: [JSONValue] = selected(state, item: item, since: since).map { entry in
            var members: [String: JSONValue] = ["at": .string(ISODate.format(entry.at)), "by": .string(PlainText.sanitizeLine(entry.by)),
                                                "action": .string(entry.action.rawValue), "change": .string(change(entry))]
            members["item"] = entry.item.map { .string(PlainText.sanitizeLine($0)) }
            members["from"] = entry.from.map { .string(PlainText.sanitizeLine($0)) }
            members["to"] = entry.to.map { .string(PlainText.sanitizeLine($0)) }
            members["before"] = plain(entry.before)
            members["after"] = plain(entry.after)
            return .object(members)
        }
        var document: [String: JSONValue] = ["format": .string("root-checklist-history"), "formatVersion": .number(JSONNumber(1)),
                                             "accountId": .string(state.account.id), "entries": .array(entries)]
        document["item"] = item.map { .string(PlainText.sanitizeLine($0)) }
        return String(decoding: JSONPrettyWriter.bytes(.object(document)), as: UTF8.self) + "\n"
    }
}
