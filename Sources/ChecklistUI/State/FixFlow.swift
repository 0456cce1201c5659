import ChecklistModel

/// A fix as the walkthrough shows it: the plan's lines (the performer keeps the plan itself), and
/// what the flow is waiting for.
public struct FixProposal: Equatable, Sendable {
    public var accountID: String
    public var itemID: String
    /// The plan as the operator reads it, already made plain.
    public var lines: [String]
    /// How many calls confirming makes; 0 means AWS already has it.
    public var calls: Int

    public init(accountID: String, itemID: String, lines: [String], calls: Int) {
        self.accountID = accountID
        self.itemID = itemID
        self.lines = lines
        self.calls = calls
    }
}

/// What a fix's calls did, as the walkthrough records it.
public struct FixOutcome: Equatable, Sendable {
    public var record: FixRecord
    /// Evidence the fix sets on the item once every call succeeded.
    public var evidence: [String: String]
    /// The item checked again against AWS; nil when it could not be (said in `problem`).
    public var verification: VerificationResult?
    public var problem: String?
    /// What comes next when AWS finishes the change later (a code mailed to a new address).
    public var next: String?

    public init(record: FixRecord, evidence: [String: String], verification: VerificationResult?, problem: String?, next: String? = nil) {
        self.record = record
        self.evidence = evidence
        self.verification = verification
        self.problem = problem
        self.next = next
    }
}

/// Where a fix started from the step stands.
public enum FixStage: Equatable, Sendable {
    /// AWS is read to make the plan.
    case planning(itemID: String)
    /// The plan is on the screen.
    case planned(FixProposal)
    /// The calls are being made.
    case running(itemID: String)
}
