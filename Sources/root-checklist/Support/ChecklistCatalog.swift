import SystemImports
import ChecklistModel
import ChecklistStore
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
        try forAccount(state, chosen: option.map { try resolve($0) })
    }

    /// Every account in the store read against its checklist; damaged files are listed, not thrown,
    /// so one bad file does not hide the rest.
    static func progressOfAll(_ store: StateStore, option: String?) throws
        -> (accounts: [AccountProgress], damaged: [UnreadableAccount]) {
        // A checklist named by path is read once, not once per account.
        let chosen = try option.map { try resolve($0) }
        let now = Timestamp.now()
        let read = try store.loadAll { result -> Result<AccountProgress, ModelError> in
            result.flatMap { state in
                do {
                    return .success(AccountProgress(state: state, checklist: try forAccount(state, chosen: chosen), asOf: now))
                } catch let error as ModelError {
                    return .failure(error)
                } catch {
                    return .failure(.invalidText(field: "The checklist", message: commandLineMessage(error)))
                }
            }
        }
        var accounts: [AccountProgress] = []
        var damaged: [UnreadableAccount] = []
        accounts.reserveCapacity(read.count)
        for entry in read {
            switch entry.value {
            case .success(let progress): accounts.append(progress)
            case .failure(let error): damaged.append(UnreadableAccount(id: entry.id, error: error))
            }
        }
        return (accounts, damaged)
    }

    /// `forAccount` with `--checklist` already read.
    static func forAccount(_ state: AccountState, chosen: Checklist?) throws -> Checklist {
        let checklist = chosen ?? bundled.first { $0.id == state.checklist.id }
        guard let checklist else {
            throw ModelError.checklistMismatch(account: state.account.id, wants: state.checklist.id, given: BundledChecklists.defaultName)
        }
        try state.checklist.check(checklist, account: state.account.id)
        return checklist
    }
}
