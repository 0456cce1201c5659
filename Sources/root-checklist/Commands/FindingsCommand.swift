import ArgumentParser
import ChecklistModel
import ChecklistText
import SystemImports

enum FindingsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, csv
}

/// Lists what needs attention across the accounts, most serious first: a gate for CI.
struct FindingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List every account's items that need attention (exit 0 none, 3 some).",
        discussion: """
            One row per account and item: contradicted by its AWS check, failing its check, required and not done, \
            its check unknown, or overdue for a follow-up; the most serious reason of each, most serious first.
            """
    )

    @Option(help: "text, markdown, json or csv.")
    var format: FindingsFormat = .text

    @Option(help: ArgumentHelp("Only this item (repeat for several).", valueName: "item-id"))
    var item: [String] = []

    @Option(help: ArgumentHelp("Only accounts of this kind: standalone, management or member.", valueName: "kind"))
    var kind: AccountKind?

    @Option(help: ArgumentHelp("Only items whose latest AWS check is this: pass, fail, unknown, not-applicable or not-checked.", valueName: "outcome"))
    var outcome: String?

    @Flag(help: "Only required items.")
    var required = false

    @Option(help: ArgumentHelp("Only this account, by id or alias (repeat for several).", valueName: "account"))
    var account: [String] = []

    @OptionGroup var global: ReadOptions

    func validate() throws {
        if let outcome, outcome != "not-checked", CheckOutcome(rawValue: outcome) == nil {
            throw ValidationError("--outcome takes pass, fail, unknown, not-applicable or not-checked, not \"\(PlainText.sanitizeLine(outcome))\".")
        }
    }

    func run() throws {
        let found: Bool = try reportingFailures {
            let store = global.store
            let (all, damaged) = try ChecklistCatalog.progressOfAll(store, option: nil)
            if let unknownItem = item.first(where: { id in !all.contains { $0.entry(id) != nil } }), let first = all.first {
                throw ModelError.unknownItem(id: unknownItem, known: first.checklist.items.map(\.id))
            }
            let ids = try Set(account.map { try AccountResolver.resolve($0, in: store) })
            let accounts = all.filter { progress in
                (ids.isEmpty || ids.contains(progress.state.account.id)) && (kind == nil || progress.state.account.effectiveKind == kind)
            }
            let style = StatusStyle(ascii: !Output.localeIsUTF8())
            let findings = Finding.sorted(accounts.flatMap { Finding.of($0, style: style) }.filter { finding in
                (item.isEmpty || item.contains(finding.itemID)) && (!required || finding.required)
                    && (outcome == nil || (finding.outcome?.rawValue ?? "not-checked") == outcome)
            })
            switch format {
            case .text: try Output.print(FindingsText.text(findings, accounts: accounts.count))
            case .markdown: try Output.print(FindingsText.markdown(findings, accounts: accounts.count))
            case .csv: try Output.print(FindingsText.csv(findings))
            case .json: try Output.print(FindingsText.json(findings, accounts: accounts.count, generatedAt: Timestamp.now()))
            }
            for entry in damaged { Output.error(entry.error.description) }
            if !damaged.isEmpty { throw ExitCode(1) }
            return !findings.isEmpty
        }
        if found { throw ExitCode(3) }
    }
}
