import ArgumentParser
import AWSChecks
import ChecklistModel
import ChecklistStore
import ChecklistText
import SystemImports

/// Fixes an item through AWS's own API: the plan first, a typed confirmation, the calls, a re-check
/// against AWS, and all of it recorded in the item's history.
struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Fix an item through AWS's API: plan, confirm, call, check again, record.",
        discussion: """
            Prints the plan first (every AWS call with its values, what it changes, how to undo it) and changes \
            nothing until you type the account id or alias. --dry-run prints the plan only; --yes is for scripts. \
            Exit 0 when every call succeeded and the re-check passes, 3 when the calls succeeded but AWS still \
            does not pass the item, 1 when a call failed (what was done is said and recorded) or nothing was confirmed.
            """
    )

    @Argument(help: ArgumentHelp("ACCOUNT ITEM (the account id or alias, and the item id); with --all, ITEM alone.", valueName: "account item"))
    var names: [String] = []

    @Flag(help: "Every account the item applies to: all planned first, one confirmation (the number of accounts), then fixed one by one.")
    var all = false

    @Option(help: "With --all: accounts fixed at once.")
    var jobs: Int = 2

    @Option(name: .customLong("set"), help: ArgumentHelp("A value the fix needs (the security contact: email, name, phone, title); repeat for several.",
                                                          valueName: "key=value"))
    var values: [String] = []

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    @Flag(help: "Make the calls without asking (for scripts).")
    var yes = false

    @Option(help: "Checklist id or path, when the account uses one that is not bundled.")
    var checklist: String?

    @OptionGroup var aws: AWSOptions

    /// How the re-check reaches a member fixed from its management account (the calls themselves use `--account-id`).
    @OptionGroup var member: MemberAccessOptions

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if all {
            guard names.count == 1 else { throw ValidationError("fix --all takes the item id alone: root-checklist fix --all ITEM") }
        } else {
            guard names.count == 2 else { throw ValidationError("fix takes an account and an item: root-checklist fix ACCOUNT ITEM (or --all ITEM)") }
            _ = try accountArgument(names[0])
        }
        guard (1...16).contains(jobs) else { throw ValidationError("--jobs takes 1 to 16.") }
        for pair in values where !pair.contains("=") || pair.hasPrefix("=") {
            throw ValidationError("--set takes KEY=VALUE, got \"\(PlainText.sanitizeLine(pair))\".")
        }
        if dryRun && yes { throw ValidationError("--dry-run and --yes contradict each other: choose one.") }
    }

    /// The `--set` values, each a value the item's fix takes.
    static func given(_ values: [String], for item: ChecklistItem) throws -> [String: String] {
        var given: [String: String] = [:]
        for pair in values {
            let key = String(pair.prefix { $0 != "=" })
            guard Fixes.keys(for: item).contains(key) else {
                throw Failure("--set \(PlainText.sanitizeLine(key)): the fix of \(item.id) takes "
                              + (Fixes.keys(for: item).isEmpty ? "no values" : Fixes.keys(for: item).joined(separator: ", ")))
            }
            given[key] = String(pair.dropFirst(key.count + 1))
        }
        return given
    }

    func run() throws {
        if all {
            try reportingFailures { try FleetFix(command: self).run(itemID: names[0]) }
            return
        }
        try reportingFailures {
            let store = global.store
            let accountID = try AccountResolver.resolve(try accountArgument(names[0]), in: store)
            let itemID = names[1]
            let snapshot = try store.load(accountID)
            let definition = try ChecklistCatalog.forAccount(snapshot, option: checklist)
            guard let item = definition.item(itemID) else {
                throw ModelError.unknownItem(id: itemID, known: definition.items.map(\.id))
            }
            let given = try Self.given(values, for: item)
            let replies = CLIReplies(profile: aws.profile, region: aws.region, timeout: 30)
            let caller = try Fixes.caller(for: snapshot, replies: replies, region: aws.region)
            let reach: FixReach = { access in
                MemberRoute.source(access: access, accountID: snapshot.account.id, management: replies, deadline: Date().addingTimeInterval(300))
            }
            let plan = try Fixes.plan(item: item, state: snapshot, values: given, caller: caller, replies: replies, region: aws.region,
                                      reach: reach, by: global.by)
            try Output.print(plan.lines.joined(separator: "\n") + "\n")
            if plan.steps.isEmpty {
                try Output.print("Nothing to change: AWS already has it (`root-checklist verify \(accountID)` records a check).\n")
                return
            }
            if dryRun {
                try Output.print("Nothing was changed (--dry-run).\n")
                return
            }
            if !yes { try confirm(snapshot) }
            let applied = try FixApplication(plan, snapshot: snapshot, checklist: definition, cli: replies,
                                             given: member.given ? member.access : nil, store: store, by: global.by)
            global.noticeLoginIdentity()
            try report(applied.record)
            guard applied.record.completed else {
                throw Failure("the fix stopped at a failed call: the calls marked done were made, the rest were not; this is recorded in the item's history")
            }
            if let next = plan.pending {
                try Output.print("Next: \(PlainText.sanitizeLine(next))\n")
                return
            }
            guard let result = applied.result(plan.itemID) else {
                Output.warning("the calls were made and recorded, but not checked again: \(applied.recheck.problem ?? "no re-check")")
                throw ExitCode(3)
            }
            try Output.print("AWS check again: \(result.outcome.rawValue): \(PlainText.sanitizeLine(result.reason))\n")
            if result.outcome != .pass { throw ExitCode(3) }
        }
    }

    /// Asks for the account id or alias on the terminal; anything else changes nothing.
    private func confirm(_ state: AccountState) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw Failure("nothing was changed: confirming needs a terminal; read the plan with --dry-run and run again with --yes in scripts")
        }
        let alias = state.account.alias.map { " (or \(PlainText.sanitizeLine($0)))" } ?? ""
        Output.write("Type the account id\(alias) to make these calls, anything else to stop: ", to: STDERR_FILENO)
        let answer = (readLine(strippingNewline: true) ?? "").trimmingSpaces()
        let digits = answer.filter { $0 != "-" && $0 != " " }
        guard digits == state.account.id || (state.account.alias.map { !$0.isEmpty && $0 == answer } ?? false) else {
            throw Failure("not confirmed: nothing was changed")
        }
    }

    func report(_ record: FixRecord) throws {
        var lines: [String] = []
        for (index, call) in record.calls.enumerated() {
            switch call.outcome {
            case .done(let id): lines.append("\(index + 1). done" + (id.map { " (request \(PlainText.sanitizeLine($0)))" } ?? ""))
            case .failed(let message): lines.append("\(index + 1). FAILED: \(PlainText.sanitizeLine(message))")
            case .notRun: lines.append("\(index + 1). not run (an earlier call failed)")
            }
        }
        try Output.print(lines.joined(separator: "\n") + "\n")
    }
}
