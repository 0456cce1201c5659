import ChecklistModel
import ChecklistStore
import ChecklistText
import SystemImports

/// Tells the operator which items wait for a person to say which version stands, with the command
/// that settles each: after a sync that brought them, and in `list`.
enum ChangedByBothNotice {
    /// Every marked item of `states`, by account id: the account and the item.
    static func marked(_ states: [AccountState]) -> [(state: AccountState, item: String)] {
        states.sorted { $0.account.id < $1.account.id }.flatMap { state in state.changedByBoth.map { (state, $0) } }
    }

    /// Lines naming every marked item of `states`, or none.
    static func lines(_ states: [AccountState]) -> [String] { lines(marked(states)) }

    static func lines(_ marked: [(state: AccountState, item: String)]) -> [String] {
        guard !marked.isEmpty else { return [] }
        let one = marked.count == 1
        var lines = ["\(marked.count) item\(one ? " is" : "s are") changed by both and wait\(one ? "s" : "") for someone to resolve "
                     + "\(one ? "it" : "them") (the account is not complete until then):"]
        for (state, item) in marked {
            let shown = PlainText.sanitizeLine(item)
            let authors = ChangedByBothText.authors(state.record(item).changedByBoth ?? [])
            lines.append("  \(state.account.id) \(shown) (\(authors)): root-checklist resolve \(state.account.id) \(shown) --take mine|theirs|current")
        }
        return lines
    }

    /// The marked items among the accounts a sync changed, read as they are now; unreadable ones are left to `list`.
    static func afterSync(_ accounts: [String], store: StateStore) -> [(state: AccountState, item: String)] {
        marked(Set(accounts).sorted().compactMap { try? store.load($0) })
    }
}
