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

    @OptionGroup var target: ItemTarget

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
            // Short writers queue briefly behind each other; a walkthrough holding the account fails fast enough.
            let now = Timestamp.now()
            let (itemID, by) = (target.itemID, global.by)
            let (state, accountID, definition) = try target.update(global, checklist: checklist, command: "mark", wait: 3) { state, checklist in
                try state.setStatus(status, item: itemID, reason: reason, evidence: evidenceValues, note: note, due: due,
                                    checkOverride: overrideCheck, checklist: checklist, by: by, at: now)
                let progress = AccountProgress(state: state, checklist: checklist)
                if status != .pending, state.cursor == itemID {
                    state.setCursor(progress.nextPending(after: itemID) ?? itemID)
                }
            }
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
