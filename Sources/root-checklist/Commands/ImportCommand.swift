import ArgumentParser
import AWSChecks
import ChecklistModel
import ChecklistStore
import SystemImports

/// Adds or updates every account of an AWS Organization, read from its management account.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add or update every account of an AWS Organization (run with the management account's credentials).",
        discussion: """
            Lists the organization's accounts and adds the ones not tracked yet; for tracked ones it corrects the \
            alias (from the account name), root email, kind (management or member), organization and status \
            (active, suspended, closed). Nothing is removed and no progress is touched: running it again, from \
            cron too, changes only what changed in the organization.
            """
    )

    @Flag(help: "Read the accounts from AWS Organizations.")
    var organization = false

    @OptionGroup var aws: AWSOptions

    @Flag(help: "Print what would change, and change nothing.")
    var dryRun = false

    @Option(help: "Checklist id or path for the accounts added (default: the bundled one).")
    var checklist: String?

    @Option(help: "Seconds to wait for each AWS call.")
    var timeout: Double = 60

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard organization else { throw ValidationError("import reads an AWS Organization: give --organization.") }
        guard timeout > 0 && timeout <= 3600 else { throw ValidationError("--timeout takes 1 to 3600 seconds.") }
    }

    func run() throws {
        try reportingFailures {
            let store = global.store
            let definition = try ChecklistCatalog.resolve(checklist)
            let source = LiveSource.open(.native, profile: aws.profile, region: aws.region, timeout: timeout)
            let found: OrganizationImport.Organization
            do {
                found = try OrganizationImport.fetch(source, region: aws.region)
            } catch let failure as OrganizationImport.Failure {
                throw Failure(failure.description)
            }
            var tracked: [String: AccountInfo] = [:]
            var unreadable: Set<String> = []
            for entry in try store.loadAll() {
                switch entry.result {
                case .success(let state): tracked[state.account.id] = state.account
                case .failure: unreadable.insert(entry.id)
                }
            }
            let inOrganization = Set(found.accounts.map(\.id))
            let blocked = unreadable.intersection(inOrganization).sorted()
            let changes = OrganizationImport.plan(found, tracked: tracked).filter { !unreadable.contains($0.accountID) }
            let verb = dryRun ? "would " : ""
            var report = ""
            for change in changes {
                let name = change.edit.alias.flatMap { $0 }.map { " \($0)" } ?? ""
                report += change.isNew
                    ? "\(verb)add     \(change.accountID)\(name) (\(change.edit.kind?.rawValue ?? "member")\(change.edit.status.map { ", \($0.rawValue)" } ?? ""))\n"
                    : "\(verb)update  \(change.accountID): \(change.fields.joined(separator: ", "))\n"
            }
            try Output.print(report)
            if !dryRun {
                let now = Timestamp.now()
                let by = global.by
                for change in changes { try apply(change, store: store, definition: definition, by: by, at: now) }
                if !changes.isEmpty {
                    let added = changes.filter(\.isNew).count
                    TeamContext.recordAll(message: "organization \(found.id) imported: \(added) added, \(changes.count - added) updated",
                                          by: by, store: store)
                }
            }
            let added = changes.filter(\.isNew).count
            let updated = changes.count - added
            try Output.print("Organization \(found.id) (management account \(found.managementAccountId)): \(found.accounts.count) accounts; "
                             + "\(verb)add \(added), \(verb)update \(updated), \(found.accounts.count - changes.count - blocked.count) unchanged.\n")
            if !blocked.isEmpty {
                throw Failure("\(blocked.joined(separator: ", ")) could not be read and were left untouched: run `root-checklist list` to see why")
            }
        }
    }

    /// Adds or corrects one account under its lock; a new file is created, never replacing one.
    /// Saved only: the import commits once for all accounts.
    func apply(_ change: OrganizationImport.Change, store: StateStore, definition: Checklist, by: String, at now: Date) throws {
        if change.isNew && !store.exists(change.accountID) {
            var state = try AccountState.new(accountID: change.accountID, alias: nil, rootEmail: nil, checklist: definition,
                                             by: by, at: now)
            _ = try state.editAccount(change.edit, by: by, at: now)
            try AccountTransaction.create(state, in: store, by: by, command: "import", wait: 3, commit: false)
        } else {
            try AccountTransaction.update(change.accountID, in: store, by: by, command: "import", wait: 3, commit: false) { state in
                _ = try state.editAccount(change.edit, by: by, at: now)
            }
        }
    }
}
