@testable import root_checklist
import ChecklistModel
import Testing

/// Who history records: the flag, then the environment, then the login; always plain and bounded.
@Suite struct OperatorTests {
    @Test func operatorComesFromTheFlagThenTheEnvironmentThenTheLogin() {
        #expect(Operator.current(explicit: "alice", environment: ["ROOT_CHECKLIST_OPERATOR": "bob"]) == "alice")
        #expect(Operator.current(explicit: nil, environment: ["ROOT_CHECKLIST_OPERATOR": "bob", "USER": "carol"]) == "bob")
        #expect(Operator.current(explicit: "  ", environment: ["USER": "carol"]).hasPrefix("carol@"))
        #expect(Operator.current(explicit: nil, environment: ["LOGNAME": "dave"]).hasPrefix("dave@"))
        // Without USER and LOGNAME the password database names the login; never a bare uid here.
        #expect(!Operator.current(explicit: nil, environment: [:]).hasPrefix("uid "))
    }

    @Test func operatorNamesAreMadePlainAndBounded() {
        #expect(Operator.current(explicit: "eve\u{1B}[31m\u{202E}", environment: [:]) == "eve [31m")
        #expect(Operator.current(explicit: String(repeating: "x", count: 100), environment: [:]).count == 64)
        #expect(throws: ModelError.self) { try Operator.validate("password: hunter2") }
    }
}
