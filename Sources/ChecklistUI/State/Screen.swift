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
}
