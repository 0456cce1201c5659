import SystemImports
import ArgumentParser
import ChecklistModel
import ChecklistText

extension ItemStatus: ExpressibleByArgument {
    /// The statuses, and the words people type for them: `skip`, `n/a`, `na`.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "skip": self = .skipped
        case "n/a", "na": self = .notApplicable
        default: self.init(rawValue: argument.lowercased())
        }
    }
}

/// Records an item's status from the command line (scripts, or when no terminal is at hand).
struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Set an item's status, with evidence, a reason or a note.",
        discussion: "STATUS is pending, done, skipped or not-applicable. done needs the item's required evidence; skipped and not-applicable need --reason."
    )

    @Argument(help: ArgumentHelp("The AWS account id (12 digits; dashes or spaces as the console shows them are fine) or its alias.",
                                 valueName: "account"), transform: accountArgument)
    var account: String

    @Argument(help: "The item id, as shown by `root-checklist summary`.")
    var itemID: String

    @Argument(help: "pending, done, skipped (skip) or not-applicable (n/a, na).")
    var status: ItemStatus

    @Option(help: "Why the item is skipped or not applicable.")
    var reason: String?

    @Option(help: "A free-text note to keep with the item.")
    var note: String?

    @Option(help: ArgumentHelp("With skipped: the day by which it will be done (YYYY-MM-DD); shown as overdue after it.", valueName: "date"))
    var due: String?

    @Option(name: .customLong("override-check"),
            help: ArgumentHelp("With done: keep the item done although its latest AWS check fails, for this reason (recorded with who and when, shown beside the item everywhere).",
                               valueName: "reason"))
    var overrideCheck: String?

    @Option(name: .customLong("evidence"), help: ArgumentHelp("An evidence value; repeat for several.", valueName: "key=value"))
    var evidence: [String] = []

    @Option(help: "Checklist id or path, when the account uses one that is not bundled.")
    var checklist: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        var keys: Set<Substring> = []
        for pair in evidence {
            guard pair.contains("="), !pair.hasPrefix("=") else {
                throw ValidationError("--evidence takes KEY=VALUE, got \"\(PlainText.sanitizeLine(pair))\".")
            }
            let key = pair.prefix { $0 != "=" }
            guard keys.insert(key).inserted else {
                throw ValidationError("--evidence \(PlainText.sanitizeLine(String(key))) is given twice: give each key once.")
            }
        }
        if status.needsReason && (reason ?? "").trimmingSpaces().isEmpty {
            throw ValidationError("\(status.rawValue) needs --reason: say why, for the summary.")
        }
        if reason != nil && !status.needsReason {
            throw ValidationError("--reason goes with skipped or not-applicable; for \(status.rawValue) use --note.")
        }
        if overrideCheck != nil && status != .done {
            throw ValidationError("--override-check goes with done: it keeps a done item done against a failing AWS check.")
        }
        if due != nil && status != .skipped {
            throw ValidationError("--due goes with skipped: it says when the skip ends.")
        }
    }

    var evidenceValues: [String: String] {
        var values: [String: String] = [:]
        for pair in evidence {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return values
    }

    func run() throws {
        try reportingFailures {
            let store = global.store
            let accountID = try AccountResolver.resolve(account, in: store)
            // Short writers queue briefly behind each other; a walkthrough holding the account fails fast enough.
            let by = global.by
            let now = Timestamp.now()
            var definition: Checklist?
            let state = try AccountTransaction.update(accountID, in: store, by: by, command: "mark", wait: 3) { state in
                let checklist = try ChecklistCatalog.forAccount(state, option: self.checklist)
                definition = checklist
                try state.setStatus(status, item: itemID, reason: reason, evidence: evidenceValues, note: note, due: due,
                                    checkOverride: overrideCheck, checklist: checklist, by: by, at: now)
                let progress = AccountProgress(state: state, checklist: checklist)
                if status != .pending, state.cursor == itemID {
                    state.setCursor(progress.nextPending(after: itemID) ?? itemID)
                }
            }
            guard let definition else { return }
            global.noticeLoginIdentity()
            let after = AccountProgress(state: state, checklist: definition, asOf: now)
            try Output.print("\(accountID) \(itemID): \(status.rawValue)\(due.map { ", due \($0)" } ?? ""). "
                         + "Progress \(after.resolvedCount)/\(after.total), required \(after.requiredResolved)/\(after.requiredTotal)"
                         + (after.isComplete ? ": complete" : "") + CheckStandingText.verdictSuffix(after)
                         + FollowUpText.verdictSuffix(after) + ".\n")
            if let entry = after.entry(itemID), let standing = CheckStandingText.detail(entry) {
                try Output.print("\(accountID) \(itemID): \(standing)"
                                 + (entry.contradicted ? " (mark it done again with --override-check REASON to override)" : "") + ".\n")
            }
        }
    }
}
