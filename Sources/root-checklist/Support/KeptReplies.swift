import AWSChecks
import ChecklistModel
import ChecklistStore
import SystemImports

/// Keeps what AWS answered in a verification beside the state files, so an evidence bundle can
/// show each recorded check result follows from its replies (`export --bundle`, `verify-bundle`).
enum KeptReplies {
    /// Writes the run's replies with the item records its checks read (`snapshot`'s), then drops the
    /// account's runs that no latest check points at (`recorded` is the account as saved after).
    /// A failure here is a warning: the results themselves are recorded.
    static func keep(_ recorder: RecordingReplies, snapshot: AccountState, recorded: AccountState, checklist: Checklist,
                     only: Set<String>? = nil, at: Date, region: String?, store: StateStore, warn: (String) -> Void = Output.warning) {
        var records: [String: ItemRecord] = [:]
        for item in checklist.items where item.check != nil && (only?.contains(item.id) ?? true) {
            records[item.id] = snapshot.record(item.id)
        }
        let archive = ReplyArchive(store: store)
        let id = snapshot.account.id
        do {
            try archive.save(recorder.log(accountID: id, at: at, region: region, records: records).bytes, account: id, at: at)
        } catch {
            warn("the AWS replies of account \(id) were not kept for the evidence bundle: \(commandLineMessage(error))")
        }
        archive.prune(account: id, keeping: recorded.checkTimes.union([at]))
    }
}
