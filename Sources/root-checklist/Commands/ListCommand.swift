import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// Lists the accounts in the state directory by account id, the column it leads with.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the accounts being tracked, by account id."
    )

    @Option(help: "Output format: text, json or csv (a row per account, as summary --all --format csv writes it).")
    var format: ListFormat = .text

    @OptionGroup var global: ReadOptions

    func run() throws {
        try reportingFailures {
            let store = global.store
            let (unsorted, damaged) = try ChecklistCatalog.progressOfAll(store, option: nil)
            let rows = unsorted.sorted { $0.state.account.id < $1.state.account.id }
            switch format {
            case .json:
                try Output.print(SummaryJSON.render(rows, damaged: damaged, detailed: false, generatedAt: Timestamp.now()))
            case .csv:
                try Output.print(SummaryCSV.render(rows, damaged: damaged))
            case .text:
                if rows.isEmpty && damaged.isEmpty {
                    try Output.print("No accounts in \(store.directory.path) yet: run `root-checklist add ACCOUNT_ID` or `root-checklist` to onboard one.\n")
                } else {
                    // Cut to fit only on a terminal: piped, every alias is whole.
                    try Output.print(SummaryText.fleet(rows, damaged: damaged, truncate: isatty(STDOUT_FILENO) == 1,
                                                       style: StatusStyle(ascii: !Output.localeIsUTF8())))
                    let marked = ChangedByBothNotice.lines(rows.map(\.state))
                    if !marked.isEmpty { try Output.print("\n" + marked.joined(separator: "\n") + "\n") }
                }
            }
            for item in damaged { Output.warning(item.error.description) }
            if !damaged.isEmpty { throw ExitCode(1) }
        }
    }
}
