import ArgumentParser
import BuildInfo
import ChecklistModel
import ChecklistStore
import ChecklistText
import SystemImports

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, html, csv

    /// The format an output file's name asks for: `.md`/`.markdown`, `.json`, `.html`/`.htm`, `.csv`; anything else is text.
    init(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
            self = .markdown
        } else if lower.hasSuffix(".json") {
            self = .json
        } else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
            self = .html
        } else if lower.hasSuffix(".csv") {
            self = .csv
        } else {
            self = .text
        }
    }
}

/// Prints the completion summary a reviewer reads.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print an account's completion summary (exit 0 complete, 3 incomplete).",
        discussion: "Shows every item's status, evidence, who and when, and whether it was checked against AWS or only attested by a person."
    )

    @Argument(help: "The account id (dashes or spaces allowed) or its alias; optional when only one account is tracked.")
    var accountID: String?

    @Flag(help: "Summarise every account: one line each, plus totals.")
    var all = false

    @Option(help: "text, markdown, json, html or csv (default: from the --output file's extension, else text).")
    var format: SummaryFormat?

    /// `--format`, else what the output file's extension says.
    var effectiveFormat: SummaryFormat { format ?? output.map(SummaryFormat.init(fileName:)) ?? .text }

    @Option(help: ArgumentHelp("Write the summary to this file instead of stdout (a new or regular file, never a link or a state file; - is stdout).", valueName: "file"))
    var output: String?

    @Option(help: "Checklist id or path, when the account uses one that is not bundled.")
    var checklist: String?

    @OptionGroup var global: ReadOptions

    func validate() throws {
        if all && accountID != nil { throw ValidationError("Give an account id or --all, not both.") }
    }

    func run() throws {
        let complete: Bool = try reportingFailures {
            let store = global.store
            let style = StatusStyle(ascii: output == nil ? !Output.localeIsUTF8() : false)
            let revision = TeamContext.revision(of: store)
            var text: String
            let allComplete: Bool
            var damaged: [UnreadableAccount] = []
            if all {
                let (rows, unreadable) = try ChecklistCatalog.progressOfAll(store, option: checklist)
                damaged = unreadable
                if rows.isEmpty && damaged.isEmpty {
                    throw Failure("no accounts in \(store.directory.path): add one with `root-checklist add ACCOUNT_ID`")
                }
                text = try render(rows, damaged: damaged, detailed: false, style: style, revision: revision)
                allComplete = rows.allSatisfy(\.isComplete)
            } else {
                let id = try accountID.map { try AccountResolver.resolve($0, in: store) } ?? onlyAccount(store)
                let state = try store.load(id)
                let progress = AccountProgress(state: state, checklist: try ChecklistCatalog.forAccount(state, option: checklist),
                                               asOf: Timestamp.now())
                text = try render([progress], damaged: [], detailed: true, style: style, revision: revision)
                allComplete = progress.isComplete
            }
            switch try output.map({ try ReportFile.destination($0, protecting: store) }) ?? .standardOutput {
            case .standardOutput: try Output.print(text)
            case .file(let url, let expected):
                do {
                    try AtomicFile.write(Data(text.utf8), to: url, expecting: expected)
                } catch ModelError.io(_, _, EEXIST) {
                    throw ModelError.refusedOutput(path: PlainText.sanitizeLine(url.path), problem: "changed while the report was being written",
                                                   fix: "check what is at that path, then run the command again")
                }
            }
            for item in damaged { Output.error(item.error.description) }
            if !damaged.isEmpty { throw ExitCode(1) }
            return allComplete
        }
        if !complete { throw ExitCode(3) }
    }

    func onlyAccount(_ store: StateStore) throws -> String {
        let ids = try store.accountIDs()
        if ids.count == 1 { return ids[0] }
        if ids.isEmpty { throw Failure("no accounts in \(store.directory.path): add one with `root-checklist add ACCOUNT_ID`") }
        throw ValidationError("\(ids.count) accounts are tracked: name one (see `root-checklist list`) or use --all.")
    }

    /// `revision` names the commit of a shared state directory the report was read at.
    func render(_ rows: [AccountProgress], damaged: [UnreadableAccount], detailed: Bool,
                style: StatusStyle, revision: StateRevision?) throws -> String {
        let revisionLine = revision.map { "\n" + SummaryText.revisionLine($0) + "\n" } ?? ""
        switch effectiveFormat {
        case .json:
            // Every account with its items: what a reviewer's tooling filters, whatever the fleet's size.
            return SummaryJSON.render(rows, damaged: damaged, detailed: true, generatedAt: Timestamp.now(), revision: revision)
        case .markdown:
            return (detailed ? SummaryMarkdown.account(rows[0], style: style)
                : SummaryMarkdown.fleet(rows, damaged: damaged, style: style)) + revisionLine
        case .text:
            return (detailed ? SummaryText.account(rows[0], style: style)
                : SummaryText.fleet(rows, damaged: damaged, truncate: output == nil && isatty(STDOUT_FILENO) == 1, style: style)) + revisionLine
        case .html:
            return SummaryHTML.render(rows, damaged: damaged, generatedAt: Timestamp.now(), style: StatusStyle(ascii: false), revision: revision,
                                      producer: BuildInfo.versionLine)
        case .csv:
            return SummaryCSV.render(rows, damaged: damaged)
        }
    }
}
