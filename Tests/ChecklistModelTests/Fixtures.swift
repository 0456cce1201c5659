import ChecklistModel
import DefaultChecklist
import Foundation
import TestSupport

enum Fixtures {
    static let defaultChecklist: Checklist = {
        // A bundled checklist that does not load is itself a test failure; surface it loudly.
        do {
            return try ChecklistLoader.load(data: RepositoryFiles.checklist(BundledChecklists.defaultName),
                                            source: "bundled")
        } catch {
            fatalError("bundled checklist does not load: \(error)")
        }
    }()

    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func tempDirectory() -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("rc-model-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func newState(_ id: String = "111122223333") throws -> AccountState {
        try AccountState.new(accountID: id, alias: "prod", rootEmail: "root@example.com",
                             checklist: defaultChecklist, by: "tester@host", at: at)
    }

    /// An account with every kind of record: evidence, reasons, a note, a check result, a cursor.
    static func richState() throws -> AccountState {
        var state = try newState()
        try state.setStatus(.done, item: "root-mfa", evidence: mfaEvidence, checklist: defaultChecklist, by: "a@h", at: at)
        try state.setStatus(.skipped, item: "strong-root-password", reason: "rotated by \"vault\" job",
                            checklist: defaultChecklist, by: "b@h", at: at.addingTimeInterval(60))
        try state.setNote("ticket SEC-1 — café ✓", item: "root-mfa", checklist: defaultChecklist, by: "a@h", at: at)
        state.recordCheck(CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: at, source: .awsCLI),
                          item: "root-mfa", by: "a@h")
        state.setCursor("no-root-access-keys")
        state.cursorScreen = "step"
        return state
    }

    static let mfaEvidence = ["device-kinds": "passkey, hardware-totp", "device-count": "2", "backup-location": "safe B"]

    /// A minimal valid checklist document, as a dictionary tests can break.
    static func minimalDocument() -> [String: Any] {
        ["id": "tiny", "version": 1, "title": "Tiny",
         "items": [["id": "one", "title": "One", "required": true, "why": "Because.", "steps": ["Do it."],
                    "evidence": [["key": "when", "label": "When", "kind": "date", "required": true]]],
                   ["id": "two", "title": "Two", "why": "Also.", "steps": ["Do that."]]]]
    }

    static func data(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    static func mode(of url: URL) -> Int {
        var info = stat()
        stat(url.path, &info)
        return Int(info.st_mode & 0o777)
    }
}
