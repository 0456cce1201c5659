import ChecklistModel
import SystemImports

/// An account's history as a reviewer reads it: when, who, which item, what changed.
public enum HistoryText {
    /// What one entry did, in words.
    public static func change(_ entry: HistoryEntry) -> String {
        let from = entry.from.map(PlainText.sanitizeLine).flatMap { $0.isEmpty ? nil : $0 }
        let to = entry.to.map(PlainText.sanitizeLine).flatMap { $0.isEmpty ? nil : $0 }
        switch entry.action {
        case .created: return "started with checklist \(to ?? "?")"
        case .status: return "status \(from ?? "?") → \(to ?? "?")"
        case .evidence: return "evidence fields now \(to ?? "none")" + (from.map { " (were \($0))" } ?? "")
        case .note: return "note changed"
        case .check: return "AWS check \(to ?? "?")" + (from.map { " (was \($0))" } ?? "")
        case .undo: return "undone: back to \(to ?? "?")" + (from.map { " (was \($0))" } ?? "")
        case .redo: return "redone: \(to ?? "?")" + (from.map { " (was \($0))" } ?? "")
        case .override:
            guard let to else { return "AWS check override ended" + (from.map { " (it said: \($0))" } ?? "") }
            return "AWS check overridden: \(to)"
        case .account: return "\(PlainText.sanitizeLine(entry.item ?? "account")) \(from ?? "(none)") → \(to ?? "(none)")"
        }
    }

    /// The entries of `item` (every entry when nil), oldest first, a line each.
    public static func render(_ state: AccountState, item: String?) -> String {
        let entries = state.history.filter { item == nil || ($0.item == item && $0.action != .account) }
        var lines = ["History of account \(state.account.id)" + (item.map { ", item \(PlainText.sanitizeLine($0))" } ?? "")
                     + ": \(entries.count) change\(entries.count == 1 ? "" : "s")"]
        for entry in entries {
            let what = entry.action == .account ? "account" : PlainText.sanitizeLine(entry.item ?? "-")
            lines.append("\(StatusStyle.date(entry.at))  \(DisplayWidth.pad(PlainText.sanitizeLine(entry.by), columns: 20))  "
                         + "\(DisplayWidth.pad(what, columns: 24))  \(change(entry))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
