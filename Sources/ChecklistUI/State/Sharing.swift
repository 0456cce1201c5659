import ChecklistModel

/// Where a shared (git) state directory stands, for the header: commits waiting to be pushed,
/// changes waiting to be committed, and the last commit that failed.
public struct Sharing: Equatable, Sendable {
    /// Local commits the remote does not have; nil when there is no remote branch to compare with.
    public var unpushed: Int? { didSet { counted = true } }
    /// False until the commits have been counted once (just after the first frame).
    public var counted = false
    /// Saved changes whose commit has not run yet (commits run off the key path).
    public var committing: Int
    /// Why the last commit failed: the change is saved, and `sync` will commit it.
    public var problem: String?

    public init(unpushed: Int? = nil, committing: Int = 0, problem: String? = nil, counted: Bool = true) {
        self.unpushed = unpushed
        self.counted = counted
        self.committing = committing
        self.problem = problem
    }

    /// `shared · 2 to push`, as the heading's right end shows it.
    public var text: String {
        if problem != nil { return "shared · not committed" }
        if committing > 0 { return "shared · committing" }
        guard counted else { return "shared" }
        guard let unpushed else { return "shared · no remote yet" }
        return unpushed == 0 ? "shared · up to date" : "shared · \(unpushed) to push"
    }
}

extension String {
    /// The middle dot as ASCII screens write it.
    var replacingDots: String { split(separator: "·", omittingEmptySubsequences: false).joined(separator: "-") }
}
