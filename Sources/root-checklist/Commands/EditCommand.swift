import ArgumentParser
import ChecklistModel
import ChecklistText

extension AccountKind: ExpressibleByArgument {}
extension RootCredentials: ExpressibleByArgument {}

/// The account details `add` and `edit` both take.
struct AccountDetailOptions: ParsableArguments {
    @Option(help: "A short name for the account, shown in lists.")
    var alias: String?

    @Option(help: "The root user's sign-in email address.")
    var rootEmail: String?

    @Option(help: "standalone, management or member (of an AWS Organization); never set reads as standalone.")
    var kind: AccountKind?
}

/// Corrects an account's details: a mistyped alias or email, its kind, a member's root credentials.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change an account's alias, root email, kind or root credential state.",
        discussion: """
            Items that apply only to some kinds of account follow the kind: they show as not applicable \
            (and count as resolved) where they do not apply, and come back with their recorded status when \
            the kind changes. History records every change. An empty --alias or --root-email clears it.
            """
    )

    @Argument(help: ArgumentHelp("The AWS account id (12 digits; dashes or spaces as the console shows them are fine) or its alias.",
                                 valueName: "account"), transform: accountArgument)
    var account: String

    @OptionGroup var details: AccountDetailOptions

    @Option(help: "For members: present, or removed once the management account deleted them.")
    var rootCredentials: RootCredentials?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if details.alias == nil && details.rootEmail == nil && details.kind == nil && rootCredentials == nil {
            throw ValidationError("Nothing to change: give --alias, --root-email, --kind or --root-credentials.")
        }
    }

    func run() throws {
        try reportingFailures {
            let store = global.store
            let accountID = try AccountResolver.resolve(account, in: store)
            let by = global.by
            let edit = AccountState.AccountEdit(alias: details.alias.map { $0 }, rootEmail: details.rootEmail.map { $0 },
                                                kind: details.kind, rootCredentials: rootCredentials)
            var changed: [String] = []
            let state = try AccountTransaction.update(accountID, in: store, by: by, command: "edit", wait: 2) { state in
                changed = try state.editAccount(edit, by: by, at: Timestamp.now())
            }
            if !changed.isEmpty { global.noticeLoginIdentity() }
            let summary = changed.isEmpty ? "nothing changed" : "changed \(changed.joined(separator: ", "))"
            try Output.print("\(accountID): \(summary). Kind: \(AccountKindText.describe(state.account)).\n")
        }
    }
}
