import SystemImports
import ChecklistModel

/// Why verification could not run at all.
public enum VerifyError: Error, Equatable, CustomStringConvertible {
    case wrongAccount(expected: String, actual: String)
    case identityUnavailable(String)

    public var description: String {
        switch self {
        case .wrongAccount(let expected, let actual):
            return "the AWS credentials belong to account \(actual), not \(expected): nothing was checked or changed; use a profile for \(expected) (--profile)"
        case .identityUnavailable(let reason):
            return "cannot confirm which account the AWS credentials belong to (\(reason)); nothing was checked or changed"
        }
    }
}

/// Runs the automated checks of a checklist's items for one account.
public struct Verifier: Sendable {
    public let source: ReplySource
    public let region: String?

    public init(source: ReplySource, region: String? = nil) {
        self.source = source
        self.region = region
    }

    /// `sts get-caller-identity` must name the account, or nothing else runs.
    /// Returns whether the caller is the account's root user (an assume-root session).
    @discardableResult
    public func confirmIdentity(accountID: String) throws(VerifyError) -> Bool {
        switch source.reply(.callerIdentity, region: region) {
        case .success(let object):
            guard let account = object["Account"]?.string else {
                throw .identityUnavailable("get-caller-identity returned no Account")
            }
            guard account == accountID else {
                throw .wrongAccount(expected: accountID, actual: UntrustedText.line(account, limit: 40))
            }
            return object["Arn"]?.string?.hasSuffix(":\(accountID):root") == true
        case .failure(let failure):
            throw .identityUnavailable(failure.message)
        }
    }

    /// Results for every item that names a check (or only `only`), stamped with `now`.
    public func run(state: AccountState, checklist: Checklist, only itemIDs: Set<String>? = nil,
                    now: Date) throws(VerifyError) -> [ItemCheck] {
        try verify(state: state, checklist: checklist, only: itemIDs, now: now).results
    }

    /// One item's check, as this run found it.
    public struct ItemCheck: Sendable, Equatable {
        public var itemID: String
        public var result: CheckResult
    }

    /// What one verification found: each check's result, and the account's place in AWS
    /// Organizations as detected (nil when AWS would not say).
    public struct Run {
        public var results: [ItemCheck]
        public var detected: DetectedAccount?

        /// What the account records of this run (`AccountState.record`).
        public var verification: VerificationResult {
            VerificationResult(results: results.map { VerificationResult.ItemResult(itemID: $0.itemID, result: $0.result) },
                         detected: detected.map {
                             AccountState.AccountEdit(kind: $0.kind, organizationId: $0.organizationId,
                                                      managementAccountId: $0.managementAccountId, rootCredentials: $0.rootCredentials)
                         })
        }
    }

    public func verify(state: AccountState, checklist: Checklist, only itemIDs: Set<String>? = nil,
                       now: Date) throws(VerifyError) -> Run {
        let callerIsRoot = try confirmIdentity(accountID: state.account.id)
        let replies = ReplyCache(source: source, region: region)
        let results: [ItemCheck] = checklist.items.compactMap { item in
            guard let check = item.check, itemIDs?.contains(item.id) ?? true else { return nil }
            let context = CheckContext(accountID: state.account.id, record: state.record(item.id), region: region, replies: replies,
                                       now: now, callerIsRoot: callerIsRoot)
            let verdict = Checks.evaluate(check, context: context)
            return ItemCheck(itemID: item.id, result: CheckResult(outcome: verdict.outcome, reason: verdict.reason, at: now, source: source.source))
        }
        return Run(results: results, detected: DetectedAccount.detect(state.account.id, replies))
    }
}
