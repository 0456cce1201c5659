import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

/// Lists the follow-ups across the fleet that are overdue or fall due soon, earliest first.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List follow-ups overdue or falling due soon across every account (exit 0 none, 3 some).",
        discussion: "A skip's due date, or a done item's re-check (counted from its evidence's date, such as the day the phone was confirmed reachable)."
    )

    @Option(help: ArgumentHelp("How far ahead to look: 30d, 2w, 12h (default 30d).", valueName: "duration"))
    var within: String = "30d"

    @OptionGroup var global: ReadOptions

    func validate() throws {
        guard StaleAfter(within) != nil else {
            throw ValidationError("--within takes a number and a unit (s, m, h, d, w), like 30d, not \"\(PlainText.sanitizeLine(within))\".")
        }
    }

    func run() throws {
        let found: Bool = try reportingFailures {
            let store = global.store
            let now = Timestamp.now()
            let (accounts, damaged) = try ChecklistCatalog.progressOfAll(store, option: nil)
            let horizon = String(ISODate.format(now.addingTimeInterval(StaleAfter(within)?.seconds ?? 0)).prefix(10))
            var rows: [(date: String, line: String)] = []
            for progress in accounts {
                let account = progress.state.account
                let name: String = account.alias.map { " (" + PlainText.sanitizeLine($0) + ")" } ?? ""
                for entry in progress.entries where entry.applies {
                    guard let followUp = entry.followUp, followUp.date <= horizon else { continue }
                    let what: String = FollowUpText.describe(entry) ?? ""
                    rows.append((followUp.date, followUp.date + "  " + account.id + name + " " + entry.item.id + ": " + what))
                }
            }
            rows.sort { $0.date < $1.date || ($0.date == $1.date && $0.line < $1.line) }
            if rows.isEmpty {
                try Output.print("Nothing overdue or due by \(horizon) in \(accounts.count) account\(accounts.count == 1 ? "" : "s").\n")
            } else {
                let overdue = rows.filter { $0.line.hasSuffix("OVERDUE") }.count
                try Output.print(rows.map(\.line).joined(separator: "\n") + "\n\n\(rows.count) follow-up\(rows.count == 1 ? "" : "s") "
                                 + "due by \(horizon), \(overdue) overdue.\n")
            }
            for entry in damaged { Output.error(entry.error.description) }
            if !damaged.isEmpty { throw ExitCode(1) }
            return !rows.isEmpty
        }
        if found { throw ExitCode(3) }
    }
}
