import SystemImports
import ChecklistModel
import ChecklistText

/// A row of the account list.
public struct AccountRow: Equatable, Sendable {
    public var id: String
    public var alias: String?
    public var resolved: Int
    public var total: Int
    public var complete: Bool
    public var updatedAt: Date
    /// Items marked done whose AWS check failed, and items past their follow-up date.
    public var contradictions = 0
    public var overdue = 0
    /// Items changed by both sides of a sync, not yet resolved.
    public var changedByBoth = 0
    /// Each item as the second pane beside the list shows it.
    public var items: [ItemSummary] = []
    public struct ItemSummary: Equatable, Sendable {
        public var title: String
        public var status: ItemStatus
        /// Contradicted by AWS, or changed by both and not resolved: never drawn as its status.
        public var flagged: Bool
        /// The latest check in a word or two ("AWS fail", "overdue"), as the overview's column says it.
        public var check: String
    }
    /// For `/`: the root email and the kind, as words.
    public var rootEmail: String?
    public var kind: String?

    public init(id: String, alias: String?, resolved: Int, total: Int, complete: Bool, updatedAt: Date,
                contradictions: Int = 0, overdue: Int = 0) {
        self.contradictions = contradictions
        self.overdue = overdue
        self.id = id
        self.alias = alias
        self.resolved = resolved
        self.total = total
        self.complete = complete
        self.updatedAt = updatedAt
    }

    public init(_ progress: AccountProgress) {
        self.init(id: progress.state.account.id, alias: progress.state.account.alias, resolved: progress.resolvedCount,
                  total: progress.total, complete: progress.isComplete, updatedAt: progress.state.updatedAt,
                  contradictions: progress.contradictions.count, overdue: progress.overdue.count)
        changedByBoth = progress.changedByBoth.count
        items = progress.entries.map { entry in
            ItemSummary(title: entry.item.title, status: entry.status, flagged: entry.contradicted || entry.changedByBoth,
                        check: View.checkText(entry).text)
        }
        rootEmail = progress.state.account.rootEmail
        kind = progress.state.account.kind?.rawValue
    }
}

/// Which accounts the list shows.
public enum AccountFilter: String, Sendable, CaseIterable {
    case all, incomplete, contradictions, overdue

    /// "no incomplete accounts": what an empty list under this filter says.
    var noneText: String {
        switch self {
        case .all: "no accounts"
        case .incomplete: "no incomplete accounts"
        case .contradictions: "no accounts with contradictions"
        case .overdue: "no accounts with overdue follow-ups"
        }
    }

    func admits(_ row: AccountRow) -> Bool {
        switch self {
        case .all: true
        case .incomplete: !row.complete
        case .contradictions: row.contradictions > 0
        case .overdue: row.overdue > 0
        }
    }
}

/// The order of the account list; the column it follows is shown first or marked.
public enum AccountSort: String, Sendable, CaseIterable {
    /// Most recently changed first.
    case updated
    /// Least resolved first: the work left, at the top.
    case progress
    case id
}

/// One change the operator can undo: the item's record and the cursor before it.
public struct UndoEntry: Equatable, Sendable {
    public var itemID: String
    public var record: ItemRecord?
    public var cursor: String?
}

/// The account being walked through.
public struct Session: Equatable, Sendable {
    public var state: AccountState
    public var checklist: Checklist
    public var undo: [UndoEntry] = []
    /// Changes undone in this session, most recent last; a new change clears them.
    public var redo: [UndoEntry] = []
    /// The last save failed; the next change retries and the banner says so.
    public var unsaved: SaveFailure?

    /// `checklist` as defined; the session walks it in the order the account's kind asks (`walkOrder`).
    public init(state: AccountState, checklist: Checklist) {
        self.state = state
        self.definition = checklist
        self.orderedFor = state.account.effectiveKind
        self.checklist = checklist.walkOrder(for: orderedFor)
    }

    /// The checklist in its definition's order, and the kind `checklist` is ordered for.
    public private(set) var definition: Checklist
    private(set) var orderedFor: AccountKind

    /// Orders the walk again when the account's kind changed (an edit, or a check that found it);
    /// returns whether it did.
    mutating func followKind() -> Bool {
        let kind = state.account.effectiveKind
        guard kind != orderedFor else { return false }
        orderedFor = kind
        checklist = definition.walkOrder(for: kind)
        return true
    }

    /// Why the last check of an item could not run (no credentials, another account, cancelled),
    /// kept on its step until a check answers; nothing of it is saved.
    public var checkProblems: [String: CheckFailure] = [:]
    /// The time of the last message, the day follow-ups are judged on (the reducer sets it).
    public var asOf: Date?
    public var progress: AccountProgress { AccountProgress(state: state, checklist: checklist, asOf: asOf) }
}

/// An AWS check that has been started and has not answered yet.
public struct CheckInFlight: Equatable, Sendable {
    public var accountID: String
    public var itemID: String
    public var check: CheckName
    public var started: Date?
    /// Whole seconds since it started and the spinner's frame, advanced by `Msg.tick`.
    public var seconds = 0
    public var frame = 0
    public init(accountID: String, itemID: String, check: CheckName, started: Date? = nil) {
        self.accountID = accountID
        self.itemID = itemID
        self.check = check
        self.started = started
    }
}

/// A one-line message shown above the footer until the next key.
public struct Flash: Equatable, Sendable {
    public enum Kind: Sendable { case info, success, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// How the view draws.
public struct ViewOptions: Equatable, Sendable {
    public var ascii: Bool
    public var color: Bool
    public init(ascii: Bool = false, color: Bool = true) {
        self.ascii = ascii
        self.color = color
    }

    /// Ends text cut by the screen's edge, one column wide.
    public var ellipsis: String { ascii ? "~" : "…" }
}

/// The whole walkthrough: one value the reducer updates and the view draws.
public struct AppState: Equatable, Sendable {
    public var stack: [Screen]
    public var accounts: [AccountRow] { didSet { refreshListed() } }
    public var checklists: [Checklist]
    public var session: Session?
    public var width: Int
    public var height: Int
    public var options: ViewOptions
    public var flash: Flash?
    /// A fix started from a step, while it is planned, read or made.
    public var fixing: FixStage?
    /// The items a fix through AWS exists for, with the values each takes (given by the executable,
    /// which knows the fixes); an item not here has none.
    public var fixable: [String: [String]] = [:]
    /// A notice that came while another message was up: it is said after the next key, not over it.
    public var waitingNotice: String?
    /// `R` asked for the accounts to be read again: their arrival says how many were read.
    public var refreshing = false
    /// When the account list's rows were last read or its clock moved: what "3 h ago" is against.
    public var listClock: Date?
    public var operatorName: String
    public var checksAvailable: Bool
    /// The Region the session was started with (`walk --region`), filled into commands shown.
    public var region: String?
    /// The AWS check running in the background, if any: keys stay live meanwhile.
    public var checking: CheckInFlight?
    public var quitting = false
    /// Set when the state directory is shared through git: shown at the heading's right end.
    public var sharing: Sharing?
    /// What the account list shows, in which order, and the text it is narrowed to (`/`).
    public var accountFilter = AccountFilter.all { didSet { refreshListed() } }
    public var accountSort = AccountSort.updated { didSet { refreshListed() } }
    public var accountText = "" { didSet { refreshListed() } }

    private mutating func refreshListed() {
        listedAccounts = Self.listed(accounts, filter: accountFilter, sort: accountSort, text: accountText)
    }

    /// The account list as shown: filtered by state and text, in the chosen order. Kept, not
    /// computed on each use: the view and the reducer ask several times a frame, and sorting a
    /// thousand rows each time cost more than drawing them.
    public private(set) var listedAccounts: [AccountRow] = []

    private static func listed(_ accounts: [AccountRow], filter accountFilter: AccountFilter, sort accountSort: AccountSort,
                               text accountText: String) -> [AccountRow] {
        let needle = accountText.trimmingSpaces()
        let digits = needle.filter { $0 != "-" && $0 != " " }
        let idNeedle = !digits.isEmpty && digits.allSatisfy(\.isNumber) ? digits : needle
        let rows = accounts.filter { row in
            accountFilter.admits(row) && (needle.isEmpty || row.id.contains(idNeedle)
                || [row.alias ?? "", row.rootEmail ?? "", row.kind ?? ""].contains { $0.containsIgnoringCase(needle) })
        }
        switch accountSort {
        case .updated: return rows.sorted { ($0.updatedAt, $1.id) > ($1.updatedAt, $0.id) }
        case .progress:
            return rows.sorted { lhs, rhs in
                let (a, b) = (Double(lhs.resolved) / Double(max(1, lhs.total)), Double(rhs.resolved) / Double(max(1, rhs.total)))
                return a != b ? a < b : lhs.id < rhs.id
            }
        case .id: return rows.sorted { $0.id < $1.id }
        }
    }

    /// The `/` prompt while it is open: keys go to it.
    public var search: Search?
    /// Digits typed to go to an item ("1" then "3" goes to item 13); any other key clears them.
    public var typedDigits = ""

    public init(accounts: [AccountRow], checklists: [Checklist], width: Int, height: Int, options: ViewOptions = ViewOptions(),
                operatorName: String, checksAvailable: Bool = true, region: String? = nil) {
        self.region = region
        self.accounts = accounts.sorted { $0.updatedAt > $1.updatedAt }
        self.checklists = checklists
        self.width = width
        self.height = height
        self.options = options
        self.operatorName = operatorName
        self.checksAvailable = checksAvailable
        self.stack = []
        self.stack = [accounts.isEmpty ? .onboarding(Forms.onboarding(checklists: checklists)) : .accountList(selected: 0)]
        refreshListed()
    }

    public var screen: Screen {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    /// Smallest terminal the screens are laid out for.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    /// Rows between the header and the footer.
    /// A message wider than the screen takes a second line, from the body, while it is shown.
    public var bodyHeight: Int { max(1, height - 4 - messageExtraLines) }

    /// 1 while the message needs two lines (and there is room for them), else 0.
    var messageExtraLines: Int {
        guard let flash, search == nil, height >= 16 else { return 0 }
        return DisplayWidth.of(flash.text) + 2 > width ? 1 : 0
    }
}
