import ChecklistModel
import ChecklistText
import ChecklistUI
import SystemImports
import TeamState

/// A sync of the walkthrough's shared directory (before it starts, from its `Y` key, after it ends),
/// told in one line for the message line.
enum WalkSync {
    /// Runs the sync; a failure leaves the local state as it is. Off screen (`onScreen` false) the
    /// full report also goes to stderr; on screen only the returned line is said.
    @discardableResult
    static func run(_ shared: SharedDirectory, operatorName: String, when: String, onScreen: Bool) -> Flash {
        do {
            let report = try TeamContext.sync(shared, operatorName: operatorName).run()
            let marked = ChangedByBothNotice.afterSync(report.changedAccounts, store: shared.store)
            if !onScreen {
                report.notices.forEach(Output.warning)
                let lines = SyncCommand.describe(report) + ChangedByBothNotice.lines(marked)
                Output.write(lines.joined(separator: "\n") + "\n", to: STDERR_FILENO)
            }
            // The clash first: an 80-column message line cuts the end.
            if let first = report.clashes.first {
                let short = MergeText.short(first.clash)
                let more = report.clashes.count > 1 ? " (+\(report.clashes.count - 1) more, \(onScreen ? "⚠ in the list" : "shown when you quit"))" : ""
                return Flash("Synced: \(short)\(more); M on its step resolves it", .info)
            }
            let waiting = marked.count
            if waiting > 0 {
                return Flash("Synced: \(waiting) item\(waiting == 1 ? " is" : "s are") changed by both and wait\(waiting == 1 ? "s" : "") "
                             + "to be resolved (⚠; M on the step)", .info)
            }
            if onScreen, let notice = report.notices.first { return Flash("Synced, but: \(PlainText.sanitizeLine(notice))", .info) }
            return Flash("Synced: received \(report.received) commit\(report.received == 1 ? "" : "s"), sent \(report.sent).", .success)
        } catch {
            if !onScreen { Output.warning("sync \(when) failed: \(error)") }
            return Flash("Sync failed (working on the local state): \(error)", .error)
        }
    }
}
