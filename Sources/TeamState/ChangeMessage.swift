import ChecklistModel
import ChecklistText
import SystemImports

/// The commit message of one saved change: a subject naming the account, the item and the
/// transition (`111122223333 (prod): root-mfa pending → done`), then each history entry in words.
public enum ChangeMessage {
    public static func make(_ state: AccountState, previous: AccountState?) -> String {
        let entries = newEntries(state, previous: previous)
        var parts: [String] = []
        for entry in entries {
            let part = summary(entry)
            if !parts.contains(part) { parts.append(part) }
        }
        if parts.isEmpty {
            if previous == nil {
                parts.append("account added")
            } else if let cursor = state.cursor, cursor != previous?.cursor || state.cursorScreen != previous?.cursorScreen {
                parts.append("resume at \(PlainText.sanitizeLine(cursor))")
            } else {
                parts.append("progress saved")
            }
        }
        let alias = state.account.alias.map { " (\(PlainText.sanitizeLine($0)))" } ?? ""
        var subject = "\(state.account.id)\(alias): \(parts.joined(separator: "; "))"
        if subject.count > 200 { subject = String(subject.prefix(199)) + "…" }
        let body = entries.map { entry in
            "- " + (entry.item.map { PlainText.sanitizeLine($0) + ": " } ?? "") + HistoryText.change(entry)
                + " (\(PlainText.sanitizeLine(entry.by)), \(ISODate.format(entry.at)))"
        }
        return ([subject] + (body.isEmpty ? [] : [""] + body)).joined(separator: "\n") + "\n"
    }

    /// Entries the save added: the history only grows, so they are the ones past the previous count.
    static func newEntries(_ state: AccountState, previous: AccountState?) -> [HistoryEntry] {
        let known = previous?.history.count ?? 0
        return known < state.history.count ? Array(state.history[known...]) : []
    }

    private static func summary(_ entry: HistoryEntry) -> String {
        let item = PlainText.sanitizeLine(entry.item ?? "")
        let from = PlainText.sanitizeLine(entry.from ?? ""), to = PlainText.sanitizeLine(entry.to ?? "")
        switch entry.action {
        case .created: return "account added"
        case .status: return "\(item) \(from.isEmpty ? "?" : from) → \(to.isEmpty ? "?" : to)"
        case .evidence: return "\(item) evidence"
        case .note: return "\(item) note"
        case .check: return "\(item) AWS check \(to)"
        case .undo: return "\(item) undone to \(to)"
        case .redo: return "\(item) redone to \(to)"
        case .override: return to.isEmpty ? "\(item) AWS check override ended" : "\(item) done kept against the AWS check"
        case .account: return "\(item) changed"
        case .clash: return "\(item) changed by both"
        case .resolve: return "\(item) changed by both resolved to \(to)"
        case .confirm: return "\(item) confirmed again on \(to)"
        case .fix: return "\(item) fixed through AWS (\(to))"
        }
    }
}
