import SystemImports

/// Every failure the model library reports, each phrased as one sentence saying what to do.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    case invalidAccountID(String)
    case invalidEmail(String)
    case invalidText(field: String, message: String)
    case accountExists(String)
    case accountNotFound(id: String, directory: String)
    case unknownItem(id: String, known: [String])
    case invalidEvidence(field: String, message: String)
    case unknownEvidenceField(item: String, key: String, known: [String])
    case missingEvidence(item: String, fields: [String])
    case reasonRequired(status: ItemStatus)
    case secretRefused(field: String, kind: String)
    case corruptState(path: String, detail: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case notARegularFile(path: String)
    case fileTooLarge(path: String, limit: Int)
    case locked(accountID: String, holder: String)
    case io(path: String, operation: String, errno: Int32)
    case checklistMismatch(account: String, wants: String, given: String)
    case checklistContentMismatch(account: String, id: String, version: Int, recorded: String, given: String)
    case unsafeDirectory(path: String, problem: String, fix: String)
    case refusedOutput(path: String, problem: String, fix: String)

    public var description: String {
        switch self {
        case .invalidAccountID(let text):
            return "\"\(TerminalText.sanitizeLine(text))\" is not an AWS account id: use the 12 digits shown in the console's account menu"
        case .invalidEmail(let text):
            return "\"\(TerminalText.sanitizeLine(text))\" is not an email address: give the root user's sign-in email, like aws-root@example.com"
        case .invalidText(let field, let message):
            return "\(field) \(message)"
        case .accountExists(let id):
            return "account \(id) already exists: resume it with `root-checklist walk --account \(id)` or mark items with `root-checklist mark`"
        case .accountNotFound(let id, let directory):
            return "no state for account \(id) in \(directory): add it first with `root-checklist add \(id)`"
        case .unknownItem(let id, let known):
            return "there is no item \"\(TerminalText.sanitizeLine(id))\" in this checklist: use one of \(known.joined(separator: ", "))"
        case .invalidEvidence(_, let message):
            return message
        case .unknownEvidenceField(let item, let key, let known):
            let list = known.isEmpty ? "it takes no evidence" : "it takes \(known.joined(separator: ", "))"
            return "item \(item) has no evidence field \"\(TerminalText.sanitizeLine(key))\": \(list)"
        case .missingEvidence(let item, let fields):
            return "item \(item) needs evidence before it can be done: give \(fields.map { "--evidence \($0)=VALUE" }.joined(separator: " "))"
        case .reasonRequired(let status):
            return "marking an item \(status.rawValue) needs a reason: add --reason TEXT"
        case .secretRefused(let field, let kind):
            return "\(field) looks like it contains \(kind); secrets are never stored, so record where the secret is kept instead"
        case .corruptState(let path, let detail):
            return "state file \(path) is damaged (\(detail)); it was left untouched: restore it from backup or move it aside"
        case .newerSchema(let path, let found, let supported):
            return "state file \(path) has schemaVersion \(found) but this program reads up to \(supported); it was left untouched: upgrade root-checklist"
        case .notARegularFile(let path):
            return "\(path) is not a regular file (a symlink or something else); it was left untouched: replace it with the real state file"
        case .fileTooLarge(let path, let limit):
            return "state file \(path) is larger than \(limit / 1024 / 1024) MiB, so it is not a state file this program wrote; it was left untouched"
        case .locked(let id, let holder):
            return "account \(id) is in use by \(holder); finish there first, or wait and try again"
        case .io(let path, let operation, let code):
            return "cannot \(operation) \(path): \(String(cString: strerror(code))); the previous state is unchanged"
        case .checklistMismatch(let account, let wants, let given):
            return "account \(account) was started with checklist \"\(wants)\" but \"\(given)\" was given: pass --checklist with the \(wants) definition"
        case .checklistContentMismatch(let account, let id, let version, let recorded, let given):
            return "account \(account) was started with checklist \(id) v\(version) whose content digest is \(recorded.prefix(12))…, "
                + "but the definition given has the same id and version with other content (\(given.prefix(12))…): "
                + "use the file the account was started with (--checklist PATH)"
        case .unsafeDirectory(let path, let problem, let fix):
            return "the state directory \(path) \(problem), so nothing was written to it: \(fix)"
        case .refusedOutput(let path, let problem, let fix):
            return "\(path) \(problem); it was left untouched: \(fix)"
        }
    }
}
