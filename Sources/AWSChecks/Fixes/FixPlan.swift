import ChecklistModel
import SystemImports

/// What a fix will do, before anything is done: every AWS call with its values filled in, what each
/// changes and how it is undone. The operator reads this, then confirms or not.
public struct FixPlan: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        /// Arguments after `aws`.
        public var arguments: [String]
        /// What the call changes, in words.
        public var changes: String
        /// How to undo it, or why it cannot be.
        public var undo: String

        public init(arguments: [String], changes: String, undo: String, session: Session = .caller, hidden: Set<String> = [],
                    captures: [String: [String]] = [:]) {
            self.arguments = arguments
            self.changes = changes
            self.undo = undo
            self.session = session
            self.hidden = hidden
            self.captures = captures
        }
        /// Whose credentials make the call.
        public var session: Session = .caller
        /// Argument values shown and recorded as `******` (a one-time code): never printed, never kept.
        public var hidden: Set<String> = []
        /// Values this call's reply gives later steps: `{{name}}` in their arguments becomes the string
        /// at this key path of the reply (a permission set's new ARN).
        public var captures: [String: [String]] = [:]

        /// `text` with every `{{name}}` replaced by what was captured under that name.
        static func fill(_ text: String, with captured: [String: String]) -> String {
            var text = text
            for (name, value) in captured { text = text.split(separator: "{{\(name)}}", omittingEmptySubsequences: false).joined(separator: value) }
            return text
        }

        /// A captured value goes into an argument: an ARN or an id, never an option.
        static func isCapturable(_ text: String) -> Bool {
            !text.isEmpty && text.count <= 2048 && !text.hasPrefix("-")
                && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ":/_-.@+=,".contains($0)) }
        }

        /// The call as printed and recorded, hidden values masked, each word as a shell takes it.
        public var shown: String {
            arguments.map { hidden.contains($0) ? "******" : FixPlan.shellWord($0) }.joined(separator: " ")
        }
    }

    /// The credentials a step runs with.
    public enum Session: Sendable, Equatable {
        /// The caller's own (the profile the plan was read with).
        case caller
        /// The caller's, and the step opens a member root session (`sts assume-root`) the later steps use.
        case opensRootSession
        /// The root session the step before opened; its credentials live in memory only.
        case rootSession
    }

    public var accountID: String
    public var itemID: String
    /// "Set the security alternate contact".
    public var title: String
    /// Whose credentials make the calls.
    public var caller: FixCaller
    /// What AWS holds now, as read while planning ("no security contact is set").
    public var now: String
    public var steps: [Step]
    /// Evidence recorded on the item once every call succeeded (what the re-check compares with).
    public var evidence: [String: String]
    /// How the re-check reaches a member when nothing else was said (assume-root after deleting its credentials).
    public var recheck: MemberAccess?
    /// What the operator should know beyond the calls (a subscription to confirm).
    public var notes: [String] = []
    /// Set when the calls start something AWS finishes later (a code mailed to a new address): there
    /// is nothing to check again yet, and this says what comes next.
    public var pending: String?

    public init(accountID: String, itemID: String, title: String, caller: FixCaller, now: String, steps: [Step],
                evidence: [String: String], recheck: MemberAccess? = nil) {
        self.accountID = accountID
        self.itemID = itemID
        self.title = title
        self.caller = caller
        self.now = now
        self.steps = steps
        self.evidence = evidence
        self.recheck = recheck
    }

    /// The plan as the operator reads it; every value from AWS or a person is made plain.
    public var lines: [String] {
        let safe = PlainText.sanitizeLine
        var lines = ["Fix \(safe(itemID)) of account \(accountID): \(safe(title))",
                     "Calls made with: \(caller.text)",
                     "Now: \(safe(now))"]
        for (index, step) in steps.enumerated() {
            lines.append("\(index + 1). aws \(safe(step.shown))")
            lines.append("   changes: \(safe(step.changes))")
            lines.append("   undo:    \(safe(step.undo))")
        }
        for note in notes { lines.append("Note: \(safe(note))") }
        if !evidence.isEmpty {
            lines.append("Recorded once done: " + evidence.keys.sorted().map { "\(safe($0)) \(safe(evidence[$0] ?? ""))" }.joined(separator: ", "))
        }
        return lines
    }

    /// A word as a shell takes it back: quoted when it holds anything but plain characters.
    public static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:@+=,{}".contains($0)) }
        return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

/// Whose credentials a fix uses: the account's own, or its organization's management account acting
/// on the member (`--account-id`).
public enum FixCaller: Sendable, Equatable {
    case account(String)
    case management(String)

    var text: String {
        switch self {
        case .account(let id): "the account's own credentials (account \(id))"
        case .management(let id): "the management account \(id), for the member"
        }
    }
}

/// Why a fix cannot be planned or run.
public enum FixError: Error, Equatable, CustomStringConvertible {
    /// The item has no fix through AWS's API; the console steps stay.
    case noFix(item: String, reason: String)
    /// Values the fix needs that neither the recorded evidence nor `--set` gave.
    case missingValues(item: String, keys: [String])
    case invalidValue(key: String, message: String)
    /// The credentials belong to neither the account nor its management account.
    case wrongCaller(account: String, caller: String, management: String?)
    case identityUnavailable(String)
    /// AWS could not be read while planning (nothing was changed).
    case unreadable(String)
    /// What the fix needs is not so (the wrong kind of account, an organization without all features).
    case notPossible(String)

    public var description: String {
        switch self {
        case .noFix(let item, let reason): "\(item) has no fix through AWS's API (\(reason)); follow its steps in the console"
        case .missingValues(let item, let keys):
            "the fix of \(item) needs " + keys.joined(separator: ", ") + ": give " + keys.map { "--set \($0)=…" }.joined(separator: " ")
        case .invalidValue(let key, let message): "--set \(key): \(message)"
        case .wrongCaller(let account, let caller, let management):
            "these AWS credentials belong to account \(caller), not \(account)"
                + (management.map { " nor its management account \($0)" } ?? "") + ": nothing was changed; use a profile for one of them (--profile)"
        case .identityUnavailable(let reason): "cannot confirm which account the AWS credentials belong to (\(reason)); nothing was changed"
        case .unreadable(let reason): "cannot read what AWS holds now (\(reason)); nothing was changed"
        case .notPossible(let reason): "\(reason); nothing was changed"
        }
    }
}
