import ChecklistModel
import ChecklistText

/// Everything that can happen to the app: keys, the terminal, and answers to effects.
public enum Msg: Equatable, Sendable {
    case key(Key)
    /// Text the terminal delivered as a paste (bracketed): it is text, never keys.
    case paste(String)
    case resize(width: Int, height: Int)
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT: quit at once, saving what was accepted.
    case signal
    /// The state directory was read: accounts for the list, and ids whose files could not be read.
    case accountsLoaded(rows: [AccountRow], unreadable: [String])
    case accountOpened(AccountState, Checklist)
    case openFailed(OpenFailure)
    case saved
    case saveFailed(SaveFailure)
    /// The item's check (and whatever else the verification found: the account's kind) is recorded.
    case checkFinished(accountID: String, itemID: String, verification: VerificationResult)
    case checkFailed(CheckFailure)
    /// Time passed with no key (about ten times a second while a check runs): the spinner moves.
    case tick
    /// A minute passed on the account list: its "3 h ago" times are read again against the clock.
    case minute
    /// The shared state directory's commits moved on (a change committed, pushed, or failing).
    case sharing(Sharing)
    /// A sync from the walkthrough ended: the open account as the sync left it (nil when none was
    /// open, or it could not be opened again), and what to tell the operator.
    case synced(AccountState?, Flash)
    /// Something the operator should know once, for the message line (who history records them as).
    case notice(String)
    /// Who the operator is, once known (git's user name in a shared directory): history records it.
    case operatorNamed(String)
    /// A fix's plan was made (nothing was changed yet).
    case fixPlanned(FixProposal)
    /// A fix could not be planned, or its calls could not start; nothing was changed.
    case fixRefused(accountID: String, itemID: String, reason: String)
    /// A fix's calls were made (all, or up to the one that failed) and the item checked again.
    case fixFinished(accountID: String, itemID: String, FixOutcome)
}

/// Side effects the reducer asks for; the executable performs them and answers with a `Msg`.
public enum Effect: Equatable, Sendable {
    /// Lock and load an existing account.
    case openAccount(id: String)
    /// Lock and write a new account (never replacing a file).
    case createAccount(AccountState)
    /// Save the open account atomically.
    case save(AccountState)
    /// Run an item's AWS check.
    case runCheck(accountID: String, itemID: String)
    /// End the running check and whatever aws started; answered with `checkFailed`.
    case cancelCheck
    /// Read the state directory again; answered with `accountsLoaded`.
    case listAccounts
    /// Sync the shared state directory; answered with `synced`.
    case sync
    /// Read AWS and plan the item's fix with these values; answered with `fixPlanned` or `fixRefused`.
    case planFix(accountID: String, itemID: String, values: [String: String])
    /// Make the calls of the plan last made for the item; answered with `fixFinished`.
    case runFix(accountID: String, itemID: String)
    /// Put text on the terminal's clipboard (OSC 52); nothing answers it.
    case copyToClipboard(String)
    /// Leave; the executable prints the summary after restoring the terminal.
    case quit
}
