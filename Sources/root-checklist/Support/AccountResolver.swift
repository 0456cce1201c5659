import ChecklistModel
import ChecklistStore
import SystemImports

/// An account named on the command line: its id as people write it, else the one alias that matches.
enum AccountResolver {
    /// An account id as people write it, else the one account with that alias.
    static func resolve(_ text: String, in store: StateStore) throws -> String {
        if let id = EvidenceValidator.normalizedAccountID(text) { return id }
        let matches = try store.loadAll().compactMap { entry -> String? in
            guard case .success(let state) = entry.result, state.account.alias == text else { return nil }
            return entry.id
        }
        guard matches.count == 1 else {
            let shown = PlainText.sanitizeLine(text)
            throw Failure(matches.isEmpty ? "\"\(shown)\" is neither an account id nor the alias of a tracked account: see `root-checklist list`"
                          : "\(matches.count) accounts have the alias \"\(shown)\": name one by its id (\(matches.joined(separator: ", ")))")
        }
        return matches[0]
    }
}
