@testable import AWSChecks
import ChecklistModel
import Foundation
import Testing

/// Planning and running a fix without AWS: the plan's values, what it refuses, how calls are made.
@Suite struct FixPlanTests {
    let item = Support.checklist.item("security-contact")!
    let values = ["email": "sec@example.com", "name": "Security team", "phone": "+1 206 555 0100", "title": "Security"]
    static let getContact = AWSCall(["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY"],
                                    fileName: "account-get-alternate-contact-security.json")

    func plan(_ values: [String: String], state: AccountState = Support.account(), replies: [AWSCall: String] = [:],
              errors: [AWSCall: String] = [:]) throws(FixError) -> FixPlan {
        let source = FileReplies(directory: Support.savedReplies(replies, errors: errors))
        return try Fixes.plan(item: item, state: state, values: values, caller: .account(state.account.id), replies: source, region: nil)
    }

    @Test func everyValueIsFilledInAndShellQuoted() throws {
        let plan = try plan(values, errors: [Self.getContact: "An error occurred (ResourceNotFoundException) when calling the GetAlternateContact operation: none"])
        #expect(plan.now == "no security contact is set")
        #expect(plan.steps.count == 1)
        #expect(plan.lines.contains("1. aws account put-alternate-contact --alternate-contact-type SECURITY --email-address sec@example.com "
                                    + "--name 'Security team' --phone-number '+1 206 555 0100' --title Security"))
        #expect(plan.evidence == ["email": "sec@example.com", "name": "Security team"])
    }

    @Test func recordedEvidenceFillsEmailAndName() throws {
        var state = Support.account()
        try state.setEvidence(["email": "team@example.com", "name": "Ops"], item: "security-contact", checklist: Support.checklist, by: "t", at: Support.now)
        let plan = try plan(["phone": "+44 20 7946 0000", "title": "Head of security"], state: state,
                            replies: [Self.getContact: #"{"AlternateContact": {"EmailAddress": "old@example.com", "Name": "Old", "PhoneNumber": "1", "Title": "t"}}"#])
        #expect(plan.steps[0].arguments.contains("team@example.com"))
        #expect(plan.now == "the security contact is Old <old@example.com>")
        #expect(plan.steps[0].undo.hasPrefix("put the previous contact back: aws account put-alternate-contact --alternate-contact-type SECURITY --email-address old@example.com"))
    }

    /// AWS already holds exactly this contact: nothing to change.
    @Test func theSameContactNeedsNoCall() throws {
        let plan = try plan(values, replies: [Self.getContact: #"{"AlternateContact": {"EmailAddress": "SEC@example.com", "Name": "Security team", "PhoneNumber": "+1 206 555 0100", "Title": "Security"}}"#])
        #expect(plan.steps.isEmpty)
        var changed = values
        changed["title"] = "CISO"
        #expect(try self.plan(changed, replies: [Self.getContact: #"{"AlternateContact": {"EmailAddress": "sec@example.com", "Name": "Security team", "PhoneNumber": "+1 206 555 0100", "Title": "Security"}}"#]).steps.count == 1)
    }

    @Test func missingAndBadValuesAreNamed() {
        #expect(throws: FixError.missingValues(item: "security-contact", keys: ["phone", "title"])) {
            try plan(["email": "a@example.com", "name": "n"])
        }
        var bad = values
        bad["phone"] = "call me"
        #expect { try plan(bad) } throws: { ($0 as? FixError).map { if case .invalidValue(let key, _) = $0 { key == "phone" } else { false } } ?? false }
        bad = values
        bad["email"] = "not an address"
        #expect { try plan(bad) } throws: { ($0 as? FixError).map { if case .invalidValue(let key, _) = $0 { key == "email" } else { false } } ?? false }
        bad = values
        bad["title"] = "password: hunter2hunter2"
        #expect { try plan(bad) } throws: { ($0 as? FixError).map { if case .invalidValue(let key, _) = $0 { key == "title" } else { false } } ?? false }
    }

    @Test func anUnreadableAnswerChangesNothing() {
        #expect { try plan(values, errors: [Self.getContact: "An error occurred (AccessDenied) when calling the GetAlternateContact operation: no"]) }
            throws: { ($0 as? FixError).map { if case .unreadable = $0 { true } else { false } } ?? false }
    }

    @Test func itemsWithoutAnAPISayWhy() {
        let billing = Support.checklist.item("billing-iam-access")!
        #expect(Fixes.unavailable(billing)?.contains("console") == true)
        #expect(Fixes.keys(for: billing).isEmpty)
        #expect(Fixes.unavailable(item) == nil)
    }

    /// Calls run in order; the first failure stops the rest, which are recorded as not run.
    @Test func theFirstFailureStopsTheRest() {
        struct Calls: FixCalls {
            func make(_ step: FixPlan.Step) -> Result<FixReply, CallFailure> {
                step.arguments.first == "two" ? .failure(CallFailure(.accessDenied, "AccessDenied: no")) : .success(FixReply(requestID: "req-1"))
            }
        }
        let step = { (name: String) in FixPlan.Step(arguments: [name, "x y"], changes: "c", undo: "u") }
        let plan = FixPlan(accountID: "111122223333", itemID: "security-contact", title: "t", caller: .account("111122223333"), now: "n",
                           steps: [step("one"), step("two"), step("three")], evidence: [:])
        let record = FixRunner.run(plan, with: Calls())
        #expect(record.calls.map(\.outcome) == [.done(requestID: "req-1"), .failed("AccessDenied: no"), .notRun])
        #expect(record.calls[0].command == "one 'x y'")
        #expect(!record.completed)
    }

    /// A value one call answers reaches the later calls that name it, and the record holds it; a
    /// value that could be an option is not taken, and the call that needs it is not made.
    @Test func capturedValuesFlowToLaterCalls() {
        final class Calls: FixCalls {
            var made: [[String]] = []
            let arn: String
            init(arn: String) { self.arn = arn }
            func make(_ step: FixPlan.Step) -> Result<FixReply, CallFailure> {
                made.append(step.arguments)
                let output = JSONReply(["PermissionSet": .object(["PermissionSetArn": .string(arn)])])
                return .success(FixReply(requestID: nil, output: output))
            }
        }
        let steps = [FixPlan.Step(arguments: ["sso-admin", "create-permission-set"], changes: "c", undo: "u",
                                  captures: ["set": ["PermissionSet", "PermissionSetArn"]]),
                     FixPlan.Step(arguments: ["sso-admin", "attach", "--permission-set-arn", "{{set}}"], changes: "c", undo: "u")]
        let plan = FixPlan(accountID: "111122223333", itemID: "identity-center-admin", title: "t", caller: .account("111122223333"),
                           now: "n", steps: steps, evidence: [:])
        let good = Calls(arn: "arn:aws:sso:::permissionSet/ssoins-1/ps-2")
        let record = FixRunner.run(plan, with: good)
        #expect(good.made.last == ["sso-admin", "attach", "--permission-set-arn", "arn:aws:sso:::permissionSet/ssoins-1/ps-2"])
        #expect(record.calls.last?.command == "sso-admin attach --permission-set-arn arn:aws:sso:::permissionSet/ssoins-1/ps-2")
        let hostile = Calls(arn: "--endpoint-url=http://evil")
        let stopped = FixRunner.run(plan, with: hostile)
        #expect(hostile.made.count == 1, "the call that needs a value never given is not made")
        #expect(stopped.calls.last?.outcome == .failed("a value from an earlier call is missing"))
    }

    @Test(arguments: [
        ("2026 - botocore.parsers - DEBUG - Response headers: {'x-amzn-RequestId': 'abc-123', 'Date': 'x'}", "abc-123"),
        ("a\n2026 - awscli.formatter - DEBUG - RequestId: 0wLlQT8U\nb", "0wLlQT8U"),
        ("'x-amz-request-id': 'bad id; rm -rf'", nil),
        ("nothing here", nil),
    ])
    func requestIDsAreFoundAndNothingElse(log: String, expected: String?) {
        #expect(RequestID.find(in: log) == expected)
    }

    @Test func shellWordsQuoteWhatAShellWouldSplit() {
        #expect(FixPlan.shellWord("plain@example.com") == "plain@example.com")
        #expect(FixPlan.shellWord("two words") == "'two words'")
        #expect(FixPlan.shellWord("it's") == "'it'\\''s'")
        #expect(FixPlan.shellWord("") == "''")
    }
}
