import SystemImports

/// A checklist definition: the items an operator works through and the reference material around them.
public struct Checklist: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var title: String
    public var description: String
    public var items: [ChecklistItem]
    public var rootTasks: [RootTaskGroup]
    /// SHA-256 of the definition's canonical JSON (keys sorted, the writer's layout): two files with
    /// the same id and version but other content are told apart by it. Empty for checklists built in
    /// code rather than read from JSON.
    public var digest: String

    public init(id: String, version: Int, title: String, description: String = "",
                items: [ChecklistItem], rootTasks: [RootTaskGroup] = [], digest: String = "") {
        self.digest = digest
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.items = items
        self.rootTasks = rootTasks
    }

    public func item(_ id: String) -> ChecklistItem? { items.first { $0.id == id } }
    public func index(of id: String) -> Int? { items.firstIndex { $0.id == id } }
}

/// One thing the operator does and attests.
public struct ChecklistItem: Sendable, Equatable {
    public var id: String
    public var title: String
    public var required: Bool
    public var why: String
    public var steps: [String]
    public var verify: Verification?
    public var evidence: [EvidenceField]
    public var controls: [String]
    public var traps: [String]
    public var references: [Reference]
    /// Name of the automated check that `verify` runs for this item, if any.
    public var check: CheckName?
    public var appliesTo: Applicability
    /// Marking this item done means a member's root credentials are gone (unless the account's own
    /// record, set by `verify` or `edit`, says otherwise).
    public var removesMemberRootCredentials: Bool
    /// Days after which a done item is due for another look (the phone still reachable, the
    /// credential report reviewed again); nil for items that stay done.
    public var recheckDays: Int?
    /// A passing AWS check confirms the item again: its re-check clock runs from the check (the
    /// alternate contact AWS reports is the recorded one), not only from a person's confirmation.
    public var checkConfirms: Bool

    public init(id: String, title: String, required: Bool, why: String, steps: [String],
                verify: Verification? = nil, evidence: [EvidenceField] = [], controls: [String] = [],
                traps: [String] = [], references: [Reference] = [], check: CheckName? = nil,
                appliesTo: Applicability = .everywhere, removesMemberRootCredentials: Bool = false, recheckDays: Int? = nil,
                checkConfirms: Bool = false) {
        self.recheckDays = recheckDays
        self.checkConfirms = checkConfirms
        self.appliesTo = appliesTo
        self.removesMemberRootCredentials = removesMemberRootCredentials
        self.id = id
        self.title = title
        self.required = required
        self.why = why
        self.steps = steps
        self.verify = verify
        self.evidence = evidence
        self.controls = controls
        self.traps = traps
        self.references = references
        self.check = check
    }
}

/// How a person confirms an item by hand: a command and the value it should print.
public struct Verification: Sendable, Equatable {
    public var command: String
    public var expect: String
    public init(command: String, expect: String) {
        self.command = command
        self.expect = expect
    }
}

/// A documentation link.
public struct Reference: Sendable, Equatable {
    public var title: String
    public var url: String
    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// The kinds of value an evidence field accepts.
public enum EvidenceKind: String, Sendable, CaseIterable {
    case text, email, phone, date, choice, number, region, url
    case accountID = "account-id"
    case multiChoice = "multi-choice"
    case yesNo = "yes-no"
}

/// A typed value the operator records as proof that an item was done.
public struct EvidenceField: Sendable, Equatable {
    public var key: String
    public var label: String
    public var kind: EvidenceKind
    public var required: Bool
    public var options: [String]
    public var min: Double?
    public var max: Double?
    /// A number field that counts things takes whole numbers only.
    public var whole: Bool
    /// The value the item needs to be done ("IAM access activated" must be yes).
    public var mustBe: String?
    /// Another field of the same item this one must differ from (two people, not one).
    public var differentFrom: String?
    /// Other spellings of options (the console's names): recorded as the option they stand for.
    public var aliases: [String: String]
    /// A number below `value` makes `field` (another evidence key) required for done: one MFA
    /// device where two are advised needs the reason written down.
    public var needsBelow: NeedsBelow?
    public var help: String

    public init(key: String, label: String, kind: EvidenceKind, required: Bool = false,
                options: [String] = [], min: Double? = nil, max: Double? = nil, whole: Bool = false,
                mustBe: String? = nil, differentFrom: String? = nil, aliases: [String: String] = [:],
                needsBelow: NeedsBelow? = nil, help: String = "") {
        self.aliases = aliases
        self.needsBelow = needsBelow
        self.mustBe = mustBe
        self.differentFrom = differentFrom
        self.key = key
        self.label = label
        self.kind = kind
        self.required = required
        self.options = options
        self.min = min
        self.max = max
        self.whole = whole
        self.help = help
    }
}

/// A number threshold under which another evidence field becomes required for done.
public struct NeedsBelow: Sendable, Equatable {
    public var value: Double
    public var field: String
    public init(value: Double, field: String) {
        self.value = value
        self.field = field
    }
}

/// Tasks of one AWS service that only the root user can perform.
public struct RootTaskGroup: Sendable, Equatable {
    public var service: String
    public var tasks: [RootTask]
    public init(service: String, tasks: [RootTask]) {
        self.service = service
        self.tasks = tasks
    }
}

public struct RootTask: Sendable, Equatable {
    public var task: String
    public var detail: String
    public init(task: String, detail: String) {
        self.task = task
        self.detail = detail
    }
}
