import ChecklistModel
import DefaultChecklist
import Foundation

/// Checklists and account states the model, text and UI tests share.
public enum Fixtures {
    public static let defaultChecklist: Checklist = {
        // A bundled checklist that does not load is itself a test failure; surface it loudly.
        do {
            return try ChecklistLoader.load(data: RepositoryFiles.checklist(BundledChecklists.defaultName),
                                            source: "bundled")
        } catch {
            fatalError("bundled checklist does not load: \(error)")
        }
    }()

    public static let at = Date(timeIntervalSince1970: 1_800_000_000)

    public static func tempDirectory() -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("rc-model-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    public static func newState(_ id: String = "111122223333") throws -> AccountState {
        try AccountState.new(accountID: id, alias: "prod", rootEmail: "root@example.com",
                             checklist: defaultChecklist, by: "tester@host", at: at)
    }

    /// An account with every kind of record: evidence, reasons, a note, a check result, a cursor.
    public static func richState() throws -> AccountState {
        var state = try newState()
        try state.setStatus(.done, item: "root-mfa", evidence: mfaEvidence, checklist: defaultChecklist, by: "a@h", at: at)
        try state.setStatus(.skipped, item: "strong-root-password", reason: "rotated by \"vault\" job",
                            checklist: defaultChecklist, by: "b@h", at: at.addingTimeInterval(60))
        try state.setNote("ticket SEC-1 — café ✓", item: "root-mfa", checklist: defaultChecklist, by: "a@h", at: at)
        state.recordCheck(CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: at, source: .awsCLI),
                          item: "root-mfa", by: "a@h")
        state.setCursor("no-root-access-keys")
        state.cursorScreen = .step
        return state
    }

    public static let mfaEvidence = ["device-kinds": "passkey, hardware-totp", "device-count": "2", "backup-location": "safe B"]

    /// A minimal valid checklist document, as a dictionary tests can break.
    public static func minimalDocument() -> [String: Any] {
        ["id": "tiny", "version": 1, "title": "Tiny",
         "items": [["id": "one", "title": "One", "required": true, "why": "Because.", "steps": ["Do it."],
                    "evidence": [["key": "when", "label": "When", "kind": "date", "required": true]]],
                   ["id": "two", "title": "Two", "why": "Also.", "steps": ["Do that."]]]]
    }

    public static func data(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    public static func mode(of url: URL) -> Int {
        var info = stat()
        stat(url.path, &info)
        return Int(info.st_mode & 0o777)
    }

    /// Every field of every stored type set, unknown fields at each level, a history time in another spelling.
    public static func everyFieldState() throws -> AccountState {
        var state = try richState()
        state.account.kind = .member
        state.account.organizationId = "o-abcdefghij"
        state.account.managementAccountId = "999988887777"
        state.account.rootCredentials = .removed
        state.items["root-mfa"]?.check?.source = .file
        // A done kept against its failing check by an override.
        let failure = CheckResult(outcome: .fail, reason: "AccountAccessKeysPresent is 1", at: at, source: .awsCLI)
        state.items["no-root-access-keys"] = ItemRecord(status: .done, by: "a@h", at: at, check: failure,
                                                        checkOverride: CheckOverride(reason: "key of the legacy job, deleted at the next window",
                                                                                     by: "c@h", at: at, failure: failure.reason))
        // Fixed, so the recorded file does not follow the bundled checklist's releases.
        state.checklist.version = 2
        state.history[0].to = "aws-root-user@2"
        state.checklist.digest = String(repeating: "ab", count: 32)
        var preserved = PreservedFields()
        preserved.unknown[.root] = ["addedLater": .array([.number(JSONNumber(1)), .null, .bool(true)])]
        preserved.unknown[.account] = ["team": .string("platform")]
        preserved.unknown[.checklist] = ["channel": .string("stable")]
        preserved.unknown[.item("root-mfa")] = ["ticket": .object(["id": .string("SEC-1")])]
        preserved.unknown[.check(item: "root-mfa")] = ["requestId": .string("r-1")]
        preserved.unknown[.checkOverride(item: "no-root-access-keys")] = ["ticket": .string("SEC-2")]
        preserved.unknown[.history(0)] = ["host": .string("laptop")]
        preserved.historyTimes[0] = "2027-01-15T08:00:00.000Z"
        state.preserved = preserved
        return state
    }
}
