import SystemImports
import ChecklistModel
import DefaultChecklist

/// Finds checklist definitions: the bundled ones by id, others by path.
enum ChecklistCatalog {
    /// Validated at build time by the embedder, so nothing here can fail; sorted by name for a
    /// stable listing.
    static let bundled: [Checklist] = BundledChecklists.checklists.keys.sorted().compactMap { BundledChecklists.checklists[$0] }

    static func looksLikePath(_ value: String) -> Bool {
        value.contains("/") || value.hasSuffix(".json")
    }

    /// `--checklist ID|PATH`, or the default when nil.
    static func resolve(_ value: String?) throws -> Checklist {
        let wanted = value ?? BundledChecklists.defaultName
        if looksLikePath(wanted) { return try ChecklistLoader.load(path: wanted) }
        if let checklist = bundled.first(where: { $0.id == wanted }) { return checklist }
        throw ChecklistError.unknown(id: wanted)
    }

    /// The checklist an existing account was started with; `--checklist` must agree with it.
    static func forAccount(_ state: AccountState, option: String?) throws -> Checklist {
        if let option {
            let checklist = try resolve(option)
            try state.checklist.check(checklist, account: state.account.id)
            return checklist
        }
        if let checklist = bundled.first(where: { $0.id == state.checklist.id }) {
            try state.checklist.check(checklist, account: state.account.id)
            return checklist
        }
        throw ModelError.checklistMismatch(account: state.account.id, wants: state.checklist.id,
                                           given: BundledChecklists.defaultName)
    }

    /// Every account in the store read against its checklist; damaged files are listed, not thrown,
    /// so one bad file does not hide the rest.
    static func progressOfAll(_ store: StateStore, option: String?) throws
        -> (accounts: [AccountProgress], damaged: [UnreadableAccount]) {
        var accounts: [AccountProgress] = []
        var damaged: [UnreadableAccount] = []
        for entry in try store.loadAll() {
            switch entry.result {
            case .success(let state):
                do {
                    accounts.append(AccountProgress(state: state, checklist: try forAccount(state, option: option), asOf: Timestamp.now()))
                } catch let error as ModelError {
                    damaged.append(UnreadableAccount(id: entry.id, error: error))
                } catch {
                    damaged.append(UnreadableAccount(id: entry.id, error: .invalidText(field: "The checklist", message: commandLineMessage(error))))
                }
            case .failure(let error):
                damaged.append(UnreadableAccount(id: entry.id, error: error))
            }
        }
        return (accounts, damaged)
    }
}
