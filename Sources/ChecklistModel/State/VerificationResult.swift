import SystemImports

/// What one verification against AWS found, as an account records it: each item's check result,
/// and the account's place in AWS Organizations where AWS confirmed it. `verify`, `verify --all`
/// and the walkthrough's `v` all record through `AccountState.record(_:by:at:)`, so none of them
/// keeps less of what AWS said than the others.
public struct VerificationResult: Sendable, Equatable {
    public struct ItemResult: Sendable, Equatable {
        public var itemID: String
        public var result: CheckResult
        public init(itemID: String, result: CheckResult) {
            self.itemID = itemID
            self.result = result
        }
    }

    public var results: [ItemResult]
    /// Kind, organization, management account and a member's root credentials as detected; nil
    /// when AWS would not say (nothing about the account is recorded then).
    public var detected: AccountState.AccountEdit?

    public init(results: [ItemResult], detected: AccountState.AccountEdit? = nil) {
        self.results = results
        self.detected = detected
    }

    /// The result for one item, if this verification checked it.
    public func result(_ itemID: String) -> CheckResult? { results.first { $0.itemID == itemID }?.result }
}

extension AccountState {
    /// Records a verification into this state, as read fresh under the account's lock: the
    /// detected account details first (each change in history), then every check result.
    public mutating func record(_ verification: VerificationResult, by: String, at: Date) throws {
        // AWS is asked without holding the account: a change made meanwhile is later than `at`, and
        // the detected kind is recorded after it, so the history stays in time order.
        let recordedAt = max(at, history.last?.at ?? at)
        if let detected = verification.detected { try editAccount(detected, by: by, at: recordedAt) }
        for item in verification.results { recordCheck(item.result, item: item.itemID, by: by) }
    }
}
