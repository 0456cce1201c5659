import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

enum HistoryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Prints who changed what and when, from the account's own append-only history.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print an account's changes (or one item's) with who made them and when.",
        discussion: "Read from the history every state file keeps and never rewrites: statuses, evidence, notes, AWS checks, undo and redo, the account's details."
    )

    @Argument(help: "The account id (dashes or spaces allowed) or its alias.")
    var account: String

    @Argument(help: "Only this item's changes.")
    var itemID: String?

    @Option(help: ArgumentHelp("Only changes on or after this day (YYYY-MM-DD, UTC).", valueName: "date"))
    var since: String?

    @Option(help: "text or json (described by Checklists/history.schema.json).")
    var format: HistoryFormat = .text

    func validate() throws {
        if let since, !EvidenceValidator.isISODate(since) {
            throw ValidationError("--since takes a day as YYYY-MM-DD, like 2026-11-01, not \"\(PlainText.sanitizeLine(since))\".")
        }
    }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            let store = global.store
            let id = try AccountResolver.resolve(account, in: store)
            let state = try store.load(id)
            if let itemID, !state.items.keys.contains(itemID), !state.history.contains(where: { $0.item == itemID }) {
                let known = try ChecklistCatalog.forAccount(state, option: nil).items.map(\.id)
                guard known.contains(itemID) else { throw ModelError.unknownItem(id: itemID, known: known) }
            }
            let from = since.flatMap { ISODate.parseAnyForm($0 + "T00:00:00Z") }
            switch format {
            case .text: try Output.print(HistoryText.render(state, item: itemID, since: from))
            case .json: try Output.print(HistoryText.json(state, item: itemID, since: from))
            }
        }
    }
}
