/// The screens of the walkthrough. The app keeps a stack of them; Esc returns to the one below.
public enum Screen: Equatable, Sendable {
    case accountList(selected: Int)
    case onboarding(Form)
    case overview(selected: Int, scroll: Int)
    case step(itemID: String, scroll: Int)
    case form(Form)
    case help(scroll: Int)
    case tasks(scroll: Int)
    case summary(scroll: Int)
    case completion(scroll: Int)
    /// A fix's plan, read before anything is changed (`F` on a step).
    case fixPlan(scroll: Int)

    /// The scroll offset of a text screen (not the overview, whose scroll follows its selection).
    var scrollOffset: Int? {
        switch self {
        case .step(_, let scroll), .help(let scroll), .tasks(let scroll), .summary(let scroll), .completion(let scroll), .fixPlan(let scroll):
            return scroll
        default:
            return nil
        }
    }

    func withScroll(_ scroll: Int) -> Screen {
        switch self {
        case .step(let itemID, _): return .step(itemID: itemID, scroll: scroll)
        case .help: return .help(scroll: scroll)
        case .tasks: return .tasks(scroll: scroll)
        case .summary: return .summary(scroll: scroll)
        case .completion: return .completion(scroll: scroll)
        case .fixPlan: return .fixPlan(scroll: scroll)
        default: return self
        }
    }

    public var kind: ScreenKind {
        switch self {
        case .accountList: return .accountList
        case .onboarding: return .onboarding
        case .overview: return .overview
        case .step: return .step
        case .form: return .form
        case .help: return .help
        case .tasks: return .tasks
        case .summary: return .summary
        case .completion: return .completion
        case .fixPlan: return .fixPlan
        }
    }
}

/// Screen kinds, for the key map.
public enum ScreenKind: String, Sendable, CaseIterable {
    case accountList = "Account list"
    case onboarding = "New account"
    case overview = "Overview"
    case step = "Step"
    case form = "Forms"
    case help = "Help"
    case tasks = "Root-only tasks"
    case summary = "Summary"
    case completion = "Completion"
    case fixPlan = "Fix plan"
}
