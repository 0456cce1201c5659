import SystemImports

/// Which commit of a shared (git) state directory a report describes, and which accounts had
/// changes saved since that commit, so a reviewer can tell exactly what was read.
public struct StateRevision: Sendable, Equatable {
    /// The abbreviated commit id of the state directory's HEAD.
    public var commit: String
    /// Account ids whose file differs from that commit.
    public var uncommitted: [String]

    public init(commit: String, uncommitted: [String]) {
        self.commit = commit
        self.uncommitted = uncommitted
    }
}
