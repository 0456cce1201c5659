import ChecklistModel
import Foundation
import Testing
import TestSupport

/// Account kinds and applicability: which items count for which account, and that they come back
/// when the kind changes.
@Suite struct ApplicabilityTests {
    let checklist = Fixtures.defaultChecklist
    let at = Fixtures.at

    func state(kind: AccountKind?, credentials: RootCredentials? = nil) throws -> AccountState {
        var state = try Fixtures.newState()
        try state.editAccount(AccountState.AccountEdit(kind: kind, rootCredentials: credentials), by: "t", at: at)
        return state
    }

    func notApplicable(_ state: AccountState) -> Set<String> {
        Set(AccountProgress(state: state, checklist: checklist).entries.filter { !$0.applies }.map(\.item.id))
    }

    @Test func eachKindSeesItsItems() throws {
        let withCredentials: Set<String> = ["strong-root-password", "root-mfa", "split-recovery-control", "sign-out-root"]
        #expect(notApplicable(try state(kind: nil)) == ["organizations-root-access", "remove-root-credentials"])
        #expect(notApplicable(try state(kind: .standalone)) == ["organizations-root-access", "remove-root-credentials"])
        #expect(notApplicable(try state(kind: .management)) == ["remove-root-credentials"])
        #expect(notApplicable(try state(kind: .member)) == ["organizations-root-access"], "a member not yet checked has root credentials")
        #expect(notApplicable(try state(kind: .member, credentials: .present)) == ["organizations-root-access"])
        #expect(notApplicable(try state(kind: .member, credentials: .removed)) == withCredentials.union(["organizations-root-access"]))
    }

    @Test func aMemberWithoutRootCredentialsCompletesWithoutPasswordMFAOrSplitControl() throws {
        var member = try state(kind: .member)
        let evidence: [(String, [String: String])] = [
            ("no-root-access-keys", ["keys-deleted": "0", "confirmed-on": "2026-01-01"]),
            ("kms-recovery-phone", ["phone": "+15555550100", "confirmed-on": "2026-01-01"]),
            ("identity-center-admin", ["home-region": "eu-west-1", "admin-user": "ops", "permission-set": "Admin"]),
        ]
        for (item, values) in evidence {
            try member.setStatus(.done, item: item, evidence: values, checklist: checklist, by: "t", at: at)
        }
        #expect(!AccountProgress(state: member, checklist: checklist).isComplete, "root-mfa and the removal still apply")
        try member.setStatus(.done, item: "remove-root-credentials",
                             evidence: ["removed-on": "2026-01-02", "method": "sts-assume-root", "removed-by": "platform team"],
                             checklist: checklist, by: "t", at: at)
        let progress = AccountProgress(state: member, checklist: checklist)
        #expect(progress.isComplete)
        for id in ["strong-root-password", "root-mfa", "split-recovery-control"] {
            #expect(member.record(id).status == .pending, "\(id) was never touched")
            #expect(progress.entry(id)?.status == .notApplicable)
            #expect(progress.entry(id)?.notApplicableReason?.contains("root credentials") == true)
        }
    }

    @Test func changingTheKindBringsItemsBackAndHistoryRecordsIt() throws {
        var account = try state(kind: .member, credentials: .removed)
        #expect(AccountProgress(state: account, checklist: checklist).entry("root-mfa")?.status == .notApplicable)
        let changed = try account.editAccount(AccountState.AccountEdit(kind: .standalone), by: "t", at: at)
        #expect(changed == ["kind"])
        let entry = AccountProgress(state: account, checklist: checklist).entry("root-mfa")
        #expect(entry?.status == .pending, "back as pending when the kind changes")
        let kinds = account.history.filter { $0.action == .account && $0.item == "kind" }
        #expect(kinds.map(\.to) == ["member", "standalone"])
        #expect(kinds.last?.from == "member")
    }

    @Test func editValidatesWhatItStores() throws {
        var account = try state(kind: nil)
        #expect(throws: ModelError.self) { try account.editAccount(AccountState.AccountEdit(rootEmail: .some("not-an-email")), by: "t", at: at) }
        #expect(throws: ModelError.self) { try account.editAccount(AccountState.AccountEdit(organizationId: "o-BAD"), by: "t", at: at) }
        #expect(throws: ModelError.self) { try account.editAccount(AccountState.AccountEdit(alias: .some("AKIAIOSFODNN7EXAMPLE")), by: "t", at: at) }
        let cleared = try account.editAccount(AccountState.AccountEdit(alias: .some(""), rootEmail: .some("root@corp.example")), by: "t", at: at)
        #expect(Set(cleared) == ["alias", "rootEmail"])
        #expect(account.account.alias == nil)
    }

    @Test func version2StatesMigrateWithTheirProgress() throws {
        var object = try #require(try JSONParser.parse(StateCodec.encode(try Fixtures.richState())).object)
        object["schemaVersion"] = .number(JSONNumber(2))
        let state = try StateCodec.decode(Data(JSONPrettyWriter.bytes(.object(object))), path: "x")
        #expect(state.schemaVersion == AccountState.currentSchemaVersion)
        #expect(state.account.kind == nil)
        #expect(state.items == (try Fixtures.richState()).items)
        #expect(state.history == (try Fixtures.richState()).history)
    }

    @Test(arguments: [
        (#"{"kinds": ["planet"]}"#, "not a kind of account"),
        (#"{"kinds": []}"#, "kinds"),
        (#"{"memberRootCredentials": "gone"}"#, "present or removed"),
        (#"{"kinds": ["standalone"], "memberRootCredentials": "removed"}"#, "only matters when kinds include member"),
        (#"{"color": "red"}"#, "not a known field"),
    ])
    func theLoaderExplainsBadApplicability(_ json: String, _ fragment: String) throws {
        var document = Fixtures.minimalDocument()
        var items = document["items"] as! [[String: Any]]
        items[0]["appliesTo"] = try JSONSerialization.jsonObject(with: Data(json.utf8))
        document["items"] = items
        do {
            _ = try ChecklistLoader.load(data: Fixtures.data(document), source: "x")
            Issue.record("loaded")
        } catch let error as ChecklistError {
            guard case .invalid(_, let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.contains { $0.path.hasPrefix("$.items[0].appliesTo") && "\($0)".contains(fragment) }, "\(problems)")
        }
    }
}
