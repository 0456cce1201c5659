import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

/// Confirms again a done item that is looked at after a while (the phone still answers, the
/// contact is still right), which restarts its follow-up clock.
struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Confirm a done item again (its follow-up), which restarts its re-check clock.",
        discussion: "The item's date evidence (the day the phone answered, the day you signed out) takes the day given, today by default; history records who and when."
    )

    @OptionGroup var target: ItemTarget

    @Option(help: ArgumentHelp("The day it was confirmed, YYYY-MM-DD (default: today).", valueName: "date"))
    var on: String?

    @Option(help: "Checklist id or path, when the account uses one that is not bundled.")
    var checklist: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            let now = Timestamp.now()
            let (itemID, by) = (target.itemID, global.by)
            let (state, accountID, checklist) = try target.update(global, checklist: checklist, command: "confirm", wait: 3) { state, checklist in
                try state.reconfirm(item: itemID, on: on, checklist: checklist, by: by, at: now)
            }
            guard let entry = AccountProgress(state: state, checklist: checklist, asOf: now).entry(itemID) else { return }
            let day = state.history.last { $0.action == .confirm && $0.item == itemID }?.to ?? ""
            try Output.print("\(accountID) \(itemID): confirmed again on \(day); \(FollowUpText.describe(entry) ?? "no follow-up").\n")
        }
    }
}
