import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

extension ClashChoice: ExpressibleByArgument {}

/// Settles an item that two people changed on two sides of a sync.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle an item changed by both sides of a sync: take a version or keep the current values.",
        discussion: """
            Without --take, shows every version the sync met and changes nothing. --take mine takes your latest \
            version, theirs the latest version by anyone else, current keeps what the item holds now; \
            each ends the mark and is recorded in the history with the values it replaced.
            """
    )

    @OptionGroup var target: ItemTarget

    @Option(help: ArgumentHelp("Which version stands: mine, theirs or current.", valueName: "version"))
    var take: ClashChoice?

    @Option(help: "Checklist id or path, when the account uses one that is not bundled.")
    var checklist: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            let (itemID, by) = (target.itemID, global.by)
            guard let take else {
                let store = global.store
                let accountID = try AccountResolver.resolve(target.account, in: store)
                guard TeamContext.accountExists(accountID, in: store) else {
                    throw ModelError.accountNotFound(id: accountID, directory: store.directory.path)
                }
                let state = try store.load(accountID)
                let record = state.record(itemID)
                guard record.changedByBoth != nil else { throw ModelError.notChangedByBoth(item: PlainText.sanitizeLine(itemID)) }
                let lines = ChangedByBothText.render(item: itemID, record: record, operator: by)
                try Output.print(lines.joined(separator: "\n") + "\nNothing changed: choose with --take mine, theirs or current.\n")
                return
            }
            let now = Timestamp.now()
            let (state, accountID, _) = try target.update(global, checklist: checklist, command: "resolve", wait: 3) { state, checklist in
                try state.resolveChangedByBoth(item: itemID, take: take, checklist: checklist, by: by, at: now)
            }
            let record = state.record(itemID)
            try Output.print("\(accountID) \(PlainText.sanitizeLine(itemID)): resolved, \(HistoryText.version(ItemVersion(record).values)).\n")
        }
    }
}
