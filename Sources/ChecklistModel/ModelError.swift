/// Every failure the model library reports, as data: what went wrong and with what. Front ends
/// phrase it (ChecklistText's `ModelError.message(fixes:)`), each naming its own way to fix it.
public enum ModelError: Error, Equatable {
    case invalidAccountID(String)
    case invalidEmail(String)
    case invalidText(field: String, message: String)
    case accountExists(String)
    case accountNotFound(id: String, directory: String)
    case unknownItem(id: String, known: [String])
    /// One or more evidence values refused: the keys, and the problems in words (joined).
    case invalidEvidence(fields: [String], message: String)
    case unknownEvidenceField(item: String, key: String, known: [String])
    case missingEvidence(item: String, fields: [String])
    case reasonRequired(status: ItemStatus)
    /// An override of an AWS check asked for where there is no failing check to override:
    /// `check` is the item's latest outcome (nil: never checked), `hasCheck` whether it has one.
    case nothingToOverride(item: String, hasCheck: Bool, check: CheckOutcome?)
    /// `resolve` asked of an item no merge marked changed by both.
    case notChangedByBoth(item: String)
    /// `resolve --take mine|theirs` where no version is by that side: `authors` made the versions.
    case noSuchVersion(item: String, choice: ClashChoice, operator: String, authors: [String])
    case secretRefused(field: String, kind: String)
    case corruptState(path: String, detail: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case notARegularFile(path: String)
    case fileTooLarge(path: String, limit: Int)
    /// A state that would be written larger than the reader accepts.
    case stateTooLarge(path: String, size: Int, limit: Int)
    case locked(accountID: String, holder: String)
    case io(path: String, operation: String, errno: Int32)
    case checklistMismatch(account: String, wants: String, given: String)
    case checklistContentMismatch(account: String, id: String, version: Int, recorded: String, given: String)
    /// `fix` nil: the fix is to use another directory, which each front end words itself.
    case unsafeDirectory(path: String, problem: String, fix: String?)
    case refusedOutput(path: String, problem: String, fix: String)
}
