import ArgumentParser
import ChecklistModel

/// `ACCOUNT ITEM`: what the commands that change one item of one account take,
/// and the one way they change it.
struct ItemTarget: ParsableArguments {
    @Argument(help: ArgumentHelp("The AWS account id (12 digits; dashes or spaces as the console shows them are fine) or its alias.",
                                 valueName: "account"), transform: accountArgument)
    var account: String

    @Argument(help: "The item id, as `root-checklist summary` or `list` names it.")
    var itemID: String

    /// Changes the account through `AccountTransaction` with the checklist it was started with;
    /// returns the account as saved, its id and that checklist.
    func update(_ global: GlobalOptions, checklist: String?, command: String, wait: Double,
                _ change: (inout AccountState, Checklist) throws -> Void) throws -> (state: AccountState, id: String, checklist: Checklist) {
        let store = global.store
        let accountID = try AccountResolver.resolve(account, in: store)
        let (state, list) = try AccountTransaction.updating(accountID, in: store, by: global.by, command: command, wait: wait) { state in
            let list = try ChecklistCatalog.forAccount(state, option: checklist)
            try change(&state, list)
            return list
        }
        global.noticeLoginIdentity()
        return (state, accountID, list)
    }
}
