import ArgumentParser
import ChecklistModel
import ChecklistStore
import ProcessSupport
import SystemImports

/// `--state-dir`, which every command takes.
struct StateDirectoryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Directory holding the state files.", valueName: "dir"))
    var stateDir: String?

    var store: StateStore { StateStore(directory: StateDirectory.resolve(flag: stateDir)) }

    func validate() throws {
        if let stateDir, stateDir.isEmpty {
            throw ValidationError("--state-dir is empty: give a directory, or leave the option out to use the default.")
        }
    }
}

/// `--operator`: who history records, for the commands that change something.
struct OperatorOption: ParsableArguments {
    @Option(name: .customLong("operator"), help: ArgumentHelp("Who is making the change, as history records it (default: $ROOT_CHECKLIST_OPERATOR, else git's user.name in a shared state directory, else login@host).", valueName: "name"))
    var operatorName: String?

    func validate() throws {
        guard let operatorName else { return }
        do {
            try Operator.validate(operatorName)
        } catch {
            throw ValidationError("--operator: \(error)")
        }
        if operatorName.trimmingSpaces().isEmpty { throw ValidationError("--operator is empty: give a name, or leave the option out.") }
    }
}

/// The options of a command that changes state: the directory and who is changing it.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var directory: StateDirectoryOption
    @OptionGroup var who: OperatorOption

    var stateDir: String? { directory.stateDir }
    var operatorName: String? { who.operatorName }
    var store: StateStore { directory.store }

    /// The name history records for this command's changes.
    var by: String { TeamContext.operatorName(explicit: operatorName, store: store) }

    /// After a change: says once per login and directory when `by` is a git identity the login shares.
    func noticeLoginIdentity() {
        if let notice = TeamContext.loginIdentityNotice(explicit: operatorName, store: store) { Output.warning(notice) }
    }
}

/// The options of a command that only reads: `--operator` is still accepted (a global option put
/// before any subcommand reaches every one) but not offered, since nothing is recorded.
struct ReadOptions: ParsableArguments {
    @OptionGroup var directory: StateDirectoryOption
    @OptionGroup(visibility: .hidden) var who: OperatorOption

    var store: StateStore { directory.store }
}

/// Reads an account id argument as people write it (dashes or spaces allowed) into its 12 digits;
/// anything else is a usage error (exit 64) rather than a runtime one.
/// An account as people name it: an id (as the console writes it), or an alias resolved once the
/// state directory is known (`AccountResolver`). Something that reads as an attempt at an id but is
/// not one is a usage error here, as with `accountIDArgument`.
func accountArgument(_ text: String) throws -> String {
    if let id = EvidenceValidator.normalizedAccountID(text) { return id }
    let trimmed = text.trimmingSpaces()
    if trimmed.isEmpty || trimmed.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "-" || $0 == " " }) {
        return try accountIDArgument(text)
    }
    guard !trimmed.unicodeScalars.contains(where: PlainText.isControlOrFormatting), trimmed.count <= AccountState.maxAliasLength else {
        throw ValidationError("\"\(PlainText.sanitizeLine(text))\" is neither an AWS account id nor an alias: give the 12 digits or the alias `list` shows.")
    }
    return trimmed
}

func accountIDArgument(_ text: String) throws -> String {
    guard let id = EvidenceValidator.normalizedAccountID(text) else {
        throw ValidationError("\"\(PlainText.sanitizeLine(text))\" is not an AWS account id: give the 12 digits, like 111122223333 or 1111-2222-3333.")
    }
    return id
}
