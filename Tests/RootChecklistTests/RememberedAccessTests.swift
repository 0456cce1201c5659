import AWSChecks
import Testing
@testable import root_checklist

/// The way in a state file remembers is used only in the spellings the account form writes.
@Suite struct RememberedAccessTests {
    @Test func onlyTheFormsSpellingsAreUsed() {
        #expect(MemberAccess(remembered: "role:OrganizationAccountAccessRole") == .role("OrganizationAccountAccessRole"))
        #expect(MemberAccess(remembered: "assume-root") == .assumeRoot)
        for text in ["role:", "role:Admin\u{1B}[2J", "role Admin", "Assume-Root", "role:a b", ""] {
            #expect(MemberAccess(remembered: text) == nil, "\(text)")
        }
    }
}
