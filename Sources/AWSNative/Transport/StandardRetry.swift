import Synchronization
import SystemImports

/// The SDKs' standard retry mode: at most 3 attempts; throttling, transient errors and 5xx answers
/// tried again after `random(0…1) × 2^(retry − 1)` seconds (at most 20), each retry paid from a budget.
enum StandardRetry {
    static let maxAttempts = 3

    /// `AWS_MAX_ATTEMPTS` as the SDKs read it (the first attempt counts), else 3.
    static func maxAttempts(_ environment: [String: String]) -> Int {
        environment["AWS_MAX_ATTEMPTS"].flatMap { Int($0.trimmingSpaces()) }.map { min(max($0, 1), 10) } ?? maxAttempts
    }
    static let retryCost = 5
    static let timeoutCost = 10

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError"]
    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// Attempts a failure may have: more for throttling while `until` allows (at most 8).
    static func limit(_ attempts: Int, for failure: NativeFailure, until deadline: Date?) -> Int {
        guard let deadline, Date() < deadline, failure.kind == .service, let code = failure.code, throttlingCodes.contains(code) else {
            return attempts
        }
        return max(attempts, 8)
    }

    /// What trying `failure` again costs from the budget; nil when it is not tried again.
    static func cost(_ failure: NativeFailure) -> Int? {
        switch failure.kind {
        case .timedOut: return timeoutCost
        case .transport: return retryCost
        case .service:
            if let code = failure.code, throttlingCodes.contains(code) || transientCodes.contains(code) { return retryCost }
            if let status = failure.status, transientStatuses.contains(status) { return retryCost }
            return nil
        case .cancelled, .malformed, .unsupported: return nil
        }
    }

    /// Waits before attempt `attempt` (1 for the first retry); false when cancelled meanwhile.
    static func pause(attempt: Int, cancelled: @Sendable () -> Bool) -> Bool {
        let seconds = min(Double.random(in: 0...1) * Double(1 << min(attempt - 1, 10)), 20)
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if cancelled() { return false }
            usleep(useconds_t(min(0.05, max(0, end.timeIntervalSinceNow)) * 1_000_000))
        }
        return !cancelled()
    }
}

/// The retry budget of one service for this process (500 tokens, as the SDKs keep): retries draw
/// from it and successes return to it, so a throttled fleet run slows to what the service allows
/// instead of multiplying its requests.
final class RetryBudget: Sendable {
    static let capacity = 500
    private let tokens = Mutex(RetryBudget.capacity)
    private static let budgets = Mutex<[AWSService: RetryBudget]>([:])

    static func shared(for service: AWSService) -> RetryBudget {
        budgets.withLock { all in
            if let budget = all[service] { return budget }
            let budget = RetryBudget()
            all[service] = budget
            return budget
        }
    }

    func take(_ cost: Int) -> Bool {
        tokens.withLock { available in
            guard available >= cost else { return false }
            available -= cost
            return true
        }
    }

    /// A success gives back what its retry took, or one token when it needed none.
    func refund(_ cost: Int) {
        tokens.withLock { $0 = min(Self.capacity, $0 + max(cost, 1)) }
    }

    var available: Int { tokens.withLock { $0 } }
}
