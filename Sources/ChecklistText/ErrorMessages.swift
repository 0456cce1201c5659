import ChecklistModel
import SystemImports

/// How a front end says to fix what an error asks for. The model's errors carry data only; each
/// front end words the fix in its own terms (flags and commands on the command line, keys and
/// fields in the walkthrough). `plain` names neither.
public struct ErrorFixes: Sendable {
    public var resumeAccount: @Sendable (_ accountID: String) -> String
    public var addAccount: @Sendable (_ accountID: String) -> String
    public var giveEvidence: @Sendable (_ keys: [String]) -> String
    public var giveReason: String
    /// `what`: "the aws-root-user definition", "the file the account was started with".
    public var chooseChecklist: @Sendable (_ what: String) -> String
    public var chooseAnotherChecklist: String
    public var listProblems: @Sendable (_ source: String) -> String
    public var ownStateDirectory: String
    /// How the evidence fields a message is about are named, after it (" (--evidence device-count)").
    public var nameEvidence: @Sendable (_ keys: [String]) -> String

    public init(resumeAccount: @escaping @Sendable (String) -> String, addAccount: @escaping @Sendable (String) -> String,
                giveEvidence: @escaping @Sendable ([String]) -> String, giveReason: String,
                chooseChecklist: @escaping @Sendable (String) -> String, chooseAnotherChecklist: String,
                listProblems: @escaping @Sendable (String) -> String, ownStateDirectory: String,
                nameEvidence: @escaping @Sendable ([String]) -> String = { _ in "" }) {
        self.nameEvidence = nameEvidence
        self.resumeAccount = resumeAccount
        self.addAccount = addAccount
        self.giveEvidence = giveEvidence
        self.giveReason = giveReason
        self.chooseChecklist = chooseChecklist
        self.chooseAnotherChecklist = chooseAnotherChecklist
        self.listProblems = listProblems
        self.ownStateDirectory = ownStateDirectory
    }

    /// Words any front end can show.
    public static let plain = ErrorFixes(
        resumeAccount: { _ in "open it instead of adding it again" },
        addAccount: { _ in "add the account first" },
        giveEvidence: { keys in "fill in \(keys.joined(separator: ", "))" },
        giveReason: "give the reason",
        chooseChecklist: { what in "use \(what)" },
        chooseAnotherChecklist: "choose one of the checklists this program has, or a checklist file",
        listProblems: { _ in "validate the file to see them all" },
        ownStateDirectory: "use a state directory of your own"
    )
}

extension ModelError: CustomStringConvertible {
    public var description: String { message() }

    /// One sentence saying what went wrong and what to do, the fix in `fixes`' terms.
    public func message(fixes: ErrorFixes = .plain) -> String {
        switch self {
        case .invalidAccountID(let text):
            return "\"\(UntrustedText.line(text, limit: 80))\" is not an AWS account id: use the 12 digits shown in the console's account menu"
        case .invalidEmail(let text):
            return "\"\(UntrustedText.line(text, limit: 80))\" is not an email address: give the root user's sign-in email, like aws-root@example.com"
        case .invalidText(let field, let message):
            return "\(field) \(message)"
        case .accountExists(let id):
            return "account \(id) already exists: \(fixes.resumeAccount(id))"
        case .accountNotFound(let id, let directory):
            return "no state for account \(id) in \(directory): \(fixes.addAccount(id))"
        case .unknownItem(let id, let known):
            return "there is no item \"\(UntrustedText.line(id, limit: 80))\" in this checklist: use one of \(known.joined(separator: ", "))"
        case .invalidEvidence(let fields, let message):
            return message + fixes.nameEvidence(fields)
        case .unknownEvidenceField(let item, let key, let known):
            let list = known.isEmpty ? "it takes no evidence" : "it takes \(known.joined(separator: ", "))"
            return "item \(item) has no evidence field \"\(UntrustedText.line(key, limit: 80))\": \(list)"
        case .missingEvidence(let item, let fields):
            return "item \(item) needs evidence before it can be done: \(fixes.giveEvidence(fields))"
        case .reasonRequired(let status):
            return "marking an item \(status.rawValue) needs a reason: \(fixes.giveReason)"
        case .nothingToOverride(let item, let hasCheck, let check):
            guard hasCheck else { return "item \(item) has no AWS check, so there is nothing to override: mark it without an override" }
            let latest = check.map { "its latest AWS check is \($0.rawValue)" } ?? "it has not been checked against AWS"
            return "item \(item) has no failing AWS check to override (\(latest)): an override answers a check that fails, so check it first"
        case .notChangedByBoth(let item):
            return "item \(item) is not marked changed by both, so there is nothing to resolve: change it as usual"
        case .noSuchVersion(let item, let choice, let name, let authors):
            let who = authors.map { PlainText.sanitizeLine($0) }.joined(separator: " and ")
            let other = choice == .mine ? "theirs" : "mine"
            return "item \(item) has no version by \(choice == .mine ? "" : "anyone but ")\(PlainText.sanitizeLine(name)) (its versions are by \(who)): "
                + "take \(other) or current"
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
        case .stateTooLarge(let path, let size, let limit):
            return "\(path) would grow to \(size / 1024 / 1024) MiB, over the \(limit / 1024 / 1024) MiB a state file may hold, "
                + "so nothing was written and the file is as it was: this change cannot be recorded for this account"
        case .locked(let id, let holder):
            return "account \(id) is in use by \(holder); finish there first, or wait and try again"
        case .io(let path, let operation, let code):
            return "cannot \(operation) \(path): \(String(cString: strerror(code))); the previous state is unchanged"
        case .checklistMismatch(let account, let wants, let given):
            return "account \(account) was started with checklist \"\(wants)\" but \"\(given)\" was given: \(fixes.chooseChecklist("the \(wants) definition"))"
        case .checklistContentMismatch(let account, let id, let version, let recorded, let given):
            return "account \(account) was started with checklist \(id) v\(version) whose content digest is \(recorded.prefix(12))…, "
                + "but the definition given has the same id and version with other content (\(given.prefix(12))…): "
                + fixes.chooseChecklist("the file the account was started with")
        case .unsafeDirectory(let path, let problem, let fix):
            return "the state directory \(path) \(problem), so nothing was written to it: \(fix ?? fixes.ownStateDirectory)"
        case .refusedOutput(let path, let problem, let fix):
            return "\(path) \(problem); it was left untouched: \(fix)"
        }
    }
}

extension ChecklistError: CustomStringConvertible {
    public var description: String { message() }

    /// One sentence saying why the checklist cannot be used and what to do, in `fixes`' terms.
    public func message(fixes: ErrorFixes = .plain) -> String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read checklist file \(PlainText.sanitizeLine(path)) (\(reason)): give the path of a checklist JSON file you can read"
        case .invalid(let source, let problems):
            let first = problems.first.map { "\($0)" } ?? "invalid"
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problems; \(fixes.listProblems(source)))" : ""
            return "checklist \(source) is invalid: \(first)\(more)"
        case .unknown(let id):
            return "no checklist named \"\(UntrustedText.line(id, limit: 80))\": \(fixes.chooseAnotherChecklist)"
        }
    }
}
