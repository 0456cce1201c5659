import SystemImports
import ArgumentParser
import ChecklistModel

/// Starts tracking a new account.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Start the checklist for a new AWS account."
    )

    @Argument(help: "The AWS account id (12 digits; dashes or spaces as the console shows them are fine).", transform: accountIDArgument)
    var accountID: String

    @OptionGroup var details: AccountDetailOptions

    @Option(help: "Checklist id or path to a checklist JSON file (default: aws-root-user).")
    var checklist: String?

    @OptionGroup var global: GlobalOptions


    func run() throws {
        try reportingFailures {
            let definition = try ChecklistCatalog.resolve(checklist)
            let store = global.store
            let by = global.by
            var state = try AccountState.new(accountID: accountID, alias: details.alias, rootEmail: details.rootEmail,
                                             checklist: definition, by: by, at: Timestamp.now())
            state.account.kind = details.kind
            try AccountTransaction.create(state, in: store, by: by, command: "add", wait: 2)
            global.noticeLoginIdentity()
            try Output.print("Added account \(accountID) with checklist \(definition.id) v\(definition.version) "
                         + "(\(definition.items.count) items) in \(store.url(for: accountID).path).\n")
        }
    }
}
