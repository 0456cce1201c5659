import SystemImports

/// Where an item stands.
public enum ItemStatus: String, Sendable, CaseIterable {
    case pending, done, skipped
    case notApplicable = "not-applicable"

    /// Statuses that need a written reason.
    public var needsReason: Bool { self == .skipped || self == .notApplicable }
    /// Statuses that satisfy a required item.
    public var isResolvedForCompletion: Bool { self == .done || self == .notApplicable }
}

/// Where an account stands in AWS Organizations.
public enum AccountKind: String, Sendable, CaseIterable {
    case standalone, management, member
}

/// Whether a member account still has root user credentials (AWS recommends removing them with
/// centralized root access).
public enum RootCredentials: String, Sendable, CaseIterable {
    case present, removed
}

/// Where an account stands in AWS Organizations, as an organization import last read it.
public enum AccountStatus: String, Sendable, CaseIterable {
    case active, suspended, closed
    case pendingClosure = "pending-closure"
    /// Created, not yet ready for use (`PENDING_ACTIVATION`).
    case pendingActivation = "pending-activation"
}

/// The AWS account a state file belongs to.
public struct AccountInfo: Sendable, Equatable {
    public var id: String
    public var alias: String?
    public var rootEmail: String?
    /// Nil when never set: the account is treated as standalone, and says so.
    public var kind: AccountKind?
    public var organizationId: String?
    public var managementAccountId: String?
    /// For members: nil when nobody has said or checked, which counts as present.
    public var rootCredentials: RootCredentials?
    /// Active, suspended or closed, as the organization last reported it; nil when never imported.
    public var status: AccountStatus?

    public init(id: String, alias: String? = nil, rootEmail: String? = nil, kind: AccountKind? = nil,
                organizationId: String? = nil, managementAccountId: String? = nil, rootCredentials: RootCredentials? = nil,
                status: AccountStatus? = nil) {
        self.status = status
        self.id = id
        self.alias = alias
        self.rootEmail = rootEmail
        self.kind = kind
        self.organizationId = organizationId
        self.managementAccountId = managementAccountId
        self.rootCredentials = rootCredentials
    }

    /// The kind the checklist is read for.
    public var effectiveKind: AccountKind { kind ?? .standalone }
}

/// Which checklist an account was started with.
public struct ChecklistRef: Sendable, Equatable {
    public var id: String
    public var version: Int
    /// The definition's content digest (`Checklist.digest`); nil in files written before digests.
    public var digest: String?
    public init(id: String, version: Int, digest: String? = nil) {
        self.id = id
        self.version = version
        self.digest = digest
    }

    /// Throws unless `checklist` can stand for the definition this account was started with: the
    /// same id, and for the same version the same content. A file that reuses a bundled id and
    /// version with looser rules must not make a summary say COMPLETE.
    public func check(_ checklist: Checklist, account: String) throws {
        guard checklist.id == id else {
            throw ModelError.checklistMismatch(account: account, wants: id, given: checklist.id)
        }
        if checklist.version == version, let digest, !checklist.digest.isEmpty, checklist.digest != digest {
            throw ModelError.checklistContentMismatch(account: account, id: id, version: version,
                                                      recorded: digest, given: checklist.digest)
        }
    }
}

/// The outcome of an automated check against AWS.
public enum CheckOutcome: String, Sendable, CaseIterable {
    case pass, fail, unknown
    /// The check found the item does not apply (e.g. the account is not in an organization).
    case notApplicable = "not-applicable"
}

/// Where an automated check's data came from.
public enum CheckSource: String, Sendable, CaseIterable {
    case awsCLI = "aws-cli"
    case file
}

/// The last automated check of an item.
public struct CheckResult: Sendable, Equatable {
    public var outcome: CheckOutcome
    public var reason: String
    public var at: Date
    public var source: CheckSource
    public init(outcome: CheckOutcome, reason: String, at: Date, source: CheckSource) {
        self.outcome = outcome
        self.reason = reason
        self.at = at
        self.source = source
    }
}

/// A person's recorded decision to keep an item done although its AWS check fails. It covers
/// exactly the failure it was given for: a later check that fails for another reason is a
/// contradiction again, and one that passes ends it.
public struct CheckOverride: Sendable, Equatable {
    /// Why the failing check does not undo the done.
    public var reason: String
    public var by: String
    public var at: Date
    /// The failing check's reason as recorded when the override was given.
    public var failure: String
    public init(reason: String, by: String, at: Date, failure: String) {
        self.reason = reason
        self.by = by
        self.at = at
        self.failure = failure
    }

    /// Whether this override stands for `check`: the same failure it was given for.
    public func covers(_ check: CheckResult?) -> Bool {
        guard let check else { return false }
        return check.outcome == .fail && check.reason == failure
    }
}

/// Everything recorded about one item of one account.
public struct ItemRecord: Sendable, Equatable {
    public var status: ItemStatus
    public var evidence: [String: String]
    public var note: String?
    public var reason: String?
    public var by: String?
    public var at: Date?
    public var check: CheckResult?
    /// For a skipped item: the day (`YYYY-MM-DD`, UTC) by which it is to be done.
    public var due: String?
    /// A done kept against a failing AWS check, with who said so and why.
    public var checkOverride: CheckOverride?
    /// Set by a merge that met changes to this item from two sides: every version it met, in
    /// time order, until an operator resolves it. Nil when nothing is to be settled.
    public var changedByBoth: [ItemVersion]?

    public init(status: ItemStatus = .pending, evidence: [String: String] = [:], note: String? = nil,
                reason: String? = nil, by: String? = nil, at: Date? = nil, check: CheckResult? = nil, due: String? = nil,
                checkOverride: CheckOverride? = nil, changedByBoth: [ItemVersion]? = nil) {
        self.changedByBoth = changedByBoth
        self.checkOverride = checkOverride
        self.due = due
        self.status = status
        self.evidence = evidence
        self.note = note
        self.reason = reason
        self.by = by
        self.at = at
        self.check = check
    }
}

/// One line of the append-only history.
public struct HistoryEntry: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case created, status, evidence, note, check, undo, redo
        /// A done kept against a failing AWS check (to: the reason), or such an override ended.
        case override
        /// The account's details (alias, root email, kind) changed.
        case account
        /// A merge met changes to the item from two sides: `before` holds the version not kept
        /// (by `by`), `after` the one kept; the item is marked until resolved.
        case clash
        /// An item changed by both settled by a person: `after.took` is `current` or `version`, with the
        /// version's `versionBy` and `versionAt`.
        case resolve
        /// A done item with a follow-up confirmed again by a person: `to` is the day it was confirmed.
        case confirm
        /// A fix made against AWS from this program (`fix`): `to` is `applied` or `stopped`; `after`
        /// holds each call (`call1`) and what came of it (`call1.result`: its request id, or the failure).
        case fix
    }
    public var at: Date
    public var by: String
    public var action: Action
    public var item: String?
    public var from: String?
    public var to: String?
    /// The values the change replaced and wrote (a status with its reason and due date, each
    /// evidence value, the note, a check as recorded): nothing a person typed is lost by a later
    /// change. Nil in entries written before values were kept; those are read and shown as written.
    public var before: [String: String]?
    public var after: [String: String]?

    public init(at: Date, by: String, action: Action, item: String? = nil, from: String? = nil, to: String? = nil,
                before: [String: String]? = nil, after: [String: String]? = nil) {
        self.before = before
        self.after = after
        self.at = at
        self.by = by
        self.action = action
        self.item = item
        self.from = from
        self.to = to
    }
}

/// Where in a state file a field this program does not know was found.
public enum FieldLocation: Hashable, Sendable {
    case root, account, checklist
    case item(String)
    case check(item: String)
    case checkOverride(item: String)
    case history(Int)
}

/// Fields kept exactly as read: a newer version's (or a person's) additions survive a save by this
/// one, and the history, promised append-only, is never rewritten, not even the spelling of a time.
public struct PreservedFields: Equatable, Sendable {
    public var unknown: [FieldLocation: [String: JSONValue]] = [:]
    /// History times as written, where that differs from how this program writes them.
    public var historyTimes: [Int: String] = [:]
    public init() {}
}

/// The view of the cursor's item a session ended on, for the next one to open at. A spelling
/// this program does not know (a newer front end's) is kept in the file as it was.
public enum ResumeView: String, Sendable, CaseIterable {
    case step, overview
}

/// The saved progress of one AWS account: what `<account-id>.json` holds.
///
/// A field added here or to the types it holds is also added to `StateFields`, the one list the
/// codec reads and writes by (a test compares the two).
public struct AccountState: Sendable, Equatable {
    /// The schema this program writes; older ones are migrated on load, newer ones refused.
    /// 3 added the account kind (older programs must not rewrite such files without it).
    public static let currentSchemaVersion = 3

    public var schemaVersion: Int
    public var account: AccountInfo
    public var checklist: ChecklistRef
    /// The item the next session opens at.
    public var cursor: String?
    /// Which view of that item the operator left; a front end's hint.
    public var cursorScreen: ResumeView?
    /// How the walkthrough's check reaches this (member) account from the management account's
    /// credentials, remembered: `role:NAME` or `assume-root`; nil: with the credentials in use.
    public var checkAccess: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var items: [String: ItemRecord]
    public var history: [HistoryEntry]
    /// What the file held that this program does not model, written back unchanged by every save.
    public var preserved = PreservedFields()

    public init(account: AccountInfo, checklist: ChecklistRef, createdAt: Date, by: String) {
        self.schemaVersion = Self.currentSchemaVersion
        self.account = account
        self.checklist = checklist
        self.cursor = nil
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.items = [:]
        self.history = [HistoryEntry(at: createdAt, by: by, action: .created, to: "\(checklist.id)@\(checklist.version)")]
    }

    /// The record of an item; items never touched are pending.
    public func record(_ itemID: String) -> ItemRecord { items[itemID] ?? ItemRecord() }
}
