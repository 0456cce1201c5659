/// Why an account could not be opened or created, as data, so the walkthrough offers what fits.
public enum OpenFailure: Equatable, Sendable {
    /// Another process holds the account (a walkthrough elsewhere, a command): trying again later works.
    case inUse(accountID: String, holder: String)
    /// Onboarding met an account another command added meanwhile: it is there to be opened.
    case exists(accountID: String)
    /// Anything else (a damaged file, another checklist), in words.
    case other(String)
}

/// Why a save did not reach the disk; the walkthrough keeps the change and says so until one does.
public enum SaveFailure: Equatable, Sendable {
    /// This walkthrough does not hold the account's lock (it was let go, or another account is held).
    case notLocked(accountID: String)
    /// The store refused (a full disk, a permission, a damaged directory), in its words.
    case store(String)
}

/// Why a check recorded nothing, as data: the reducer decides what it means for the running check.
public enum CheckFailure: Equatable, Sendable {
    /// The operator pressed Esc (or left): the aws calls were ended.
    case cancelled
    /// A check was asked for while one runs; the running one goes on.
    case alreadyRunning
    /// The check's account is no longer the open one.
    case accountNotOpen(accountID: String)
    /// The item has no automated check (a checklist without one for it).
    case noAutomatedCheck
    /// A member was checked with credentials of another account and no way in was given.
    case memberNeedsAccess(expected: String, actual: String)
    /// The way in to a member (a role, assume-root) failed.
    case unreachable(access: String, reason: String)
    /// AWS, the CLI or the verifier said no, in its words (cleaned by the view).
    case other(String)
}
