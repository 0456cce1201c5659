import ChecklistModel
import ChecklistText

// The walkthrough's words for what failed: the reducer and the runtime pass the values, only these say them.

extension OpenFailure {
    /// In the model's words (the command line's way out).
    public var text: String {
        switch self {
        case .inUse(let id, let holder): ModelError.locked(accountID: id, holder: holder).message()
        case .exists(let id): ModelError.accountExists(id).message()
        case .other(let message): PlainText.sanitizeLine(message)
        }
    }
}

extension SaveFailure {
    public var text: String {
        switch self {
        case .notLocked(let id): "account \(id) is not locked by this walkthrough; your change is kept on the screen"
        case .store(let message): PlainText.sanitizeLine(message)
        }
    }
}

extension CheckFailure {
    public var text: String {
        switch self {
        case .cancelled: "The check was cancelled; nothing was recorded."
        case .alreadyRunning: "A check is already running: wait for it, or Esc to cancel it."
        case .accountNotOpen(let id): "account \(id) is not open; nothing was checked"
        case .noAutomatedCheck: "This item has no automated check: it can only be attested by a person."
        case .memberNeedsAccess(let expected, let actual):
            // The way out first: the message line cuts the end.
            "Set Checked through (a) to role OrganizationAccountAccessRole or assume-root, or start the walk with --role-name, to check a member: "
                + "these AWS credentials belong to account \(actual), not \(expected); nothing was checked"
        case .unreachable(let access, let reason): "cannot reach the account as \(access): \(PlainText.sanitizeLine(reason))"
        case .other(let message): PlainText.sanitizeLine(message)
        }
    }
}
