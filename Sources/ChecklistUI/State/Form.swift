import ChecklistModel

/// What a form is for, and so what accepting it does.
public enum FormPurpose: Equatable, Sendable {
    case onboarding
    /// Evidence for an item; `thenStatus` is set when the form was opened to mark the item done.
    case evidence(itemID: String, thenStatus: ItemStatus?)
    case reason(itemID: String, status: ItemStatus)
    case note(itemID: String)
    /// Why a done item stays done against its failing AWS check.
    case checkOverride(itemID: String)
    /// Which version of an item changed by both sides of a sync stands.
    case resolve(itemID: String)
    /// The day a done item with a follow-up was confirmed again.
    case confirm(itemID: String)
    /// The account's own details: alias, root email, kind, a member's root credentials.
    case account
    /// The values an item's fix needs (the security contact's phone and title).
    case fixValues(itemID: String)
    /// The account id or alias typed to make a fix's calls.
    case fixConfirm(itemID: String)
}

/// How a field's value is checked as it is accepted.
public enum FieldRule: Equatable, Sendable {
    case accountID
    case email
    case alias
    case checklist(ids: [String])
    /// One of a few words; blank allowed when the field is optional.
    case choice(options: [String])
    case evidence(EvidenceField)
    case freeText
    /// A day from today on, as YYYY-MM-DD.
    case dueDate
    /// How a check reaches a member: role NAME, assume-root, or blank.
    case checkAccess
}

/// Names a form's field: the fixed fields of the walkthrough's own forms, or an evidence field
/// by the key the checklist gives it.
public struct FieldKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    public static let account: FieldKey = "account"
    public static let alias: FieldKey = "alias"
    public static let email: FieldKey = "email"
    public static let checklist: FieldKey = "checklist"
    public static let kind: FieldKey = "kind"
    public static let credentials: FieldKey = "credentials"
    public static let reason: FieldKey = "reason"
    public static let note: FieldKey = "note"
    public static let due: FieldKey = "due"
    public static let take: FieldKey = "take"
    public static let access: FieldKey = "access"
    /// An evidence field of the item being recorded.
    public static func evidence(_ key: String) -> FieldKey { FieldKey(key) }
}

public struct FormField: Equatable, Sendable {
    public var key: FieldKey
    public var label: String
    public var hint: String
    public var required: Bool
    public var rule: FieldRule
    public var input: TextField
    /// The value the field opened with, to tell whether anything was typed.
    public var initial: String
    public var error: String?
    /// A pasted newline stays a newline (notes); elsewhere it becomes a space.
    public var multiline = false
    /// The value is a suggestion (today's date, the onboarding email): the first character typed
    /// replaces it, as a selected default does; any other editing key keeps it for editing.
    public var suggested = false

    /// Clears a suggested value before typed or pasted text goes in.
    mutating func typeOver(with key: Key) {
        guard suggested else { return }
        suggested = false
        if case .char = key { input = TextField("", maxLength: input.maxLength) }
    }

    /// The same for a paste.
    mutating func typeOverForPaste() {
        guard suggested else { return }
        suggested = false
        input = TextField("", maxLength: input.maxLength)
    }

    public init(key: FieldKey, label: String, hint: String, required: Bool, rule: FieldRule, value: String = "",
                maxLength: Int = 500, multiline: Bool = false) {
        self.multiline = multiline
        self.key = key
        self.label = label
        self.hint = hint
        self.required = required
        self.rule = rule
        self.input = TextField(value, maxLength: maxLength)
        self.initial = input.text
    }
}

/// A form of one or more text fields.
public struct Form: Equatable, Sendable {
    public var purpose: FormPurpose
    public var title: String
    public var intro: String
    public var fields: [FormField]
    public var focus: Int = 0
    public var error: String?
    /// Ctrl-C was pressed once with typed text in the form: the next one quits.
    public var quitArmed = false

    /// Something was typed that accepting would keep and quitting would drop.
    public var hasUnsavedInput: Bool { fields.contains { $0.input.text != $0.initial } }

    public init(purpose: FormPurpose, title: String, intro: String, fields: [FormField]) {
        self.purpose = purpose
        self.title = title
        self.intro = intro
        self.fields = fields
    }

    public func value(_ key: FieldKey) -> String {
        fields.first { $0.key == key }?.input.text.trimmingSpaces() ?? ""
    }
}
