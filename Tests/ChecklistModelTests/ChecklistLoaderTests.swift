import ChecklistModel
import DefaultChecklist
import Foundation
import Testing
import TestSupport

@Suite struct ChecklistLoaderTests {
    @Test func defaultChecklistHasTheContractIDs() {
        let checklist = Fixtures.defaultChecklist
        let ids = checklist.items.map(\.id)
        #expect(Set(ids) == ["root-mfa", "no-root-access-keys", "identity-center-admin", "kms-recovery-phone",
                             "strong-root-password", "group-root-email", "security-contact", "split-recovery-control",
                             "monitor-root-usage", "organizations-root-access", "billing-iam-access", "sign-out-root",
                             "remove-root-credentials"])
        #expect(Set(checklist.items.filter(\.required).map(\.id))
                == ["root-mfa", "no-root-access-keys", "identity-center-admin", "kms-recovery-phone", "remove-root-credentials"])
        for item in checklist.items {
            #expect(!item.steps.isEmpty, "\(item.id) has steps")
            #expect(item.why.count > 60, "\(item.id) explains why")
            #expect(item.references.contains { $0.url.hasPrefix("https://docs.aws.amazon.com/") }, "\(item.id) links AWS docs")
            #expect(item.verify != nil, "\(item.id) says how to verify")
        }
        #expect(checklist.rootTasks.map(\.service).count >= 8)
    }

    func problems(_ document: Any) -> [JSONProblem] {
        do {
            _ = try ChecklistLoader.load(data: Fixtures.data(document), source: "test.json")
            return []
        } catch ChecklistError.invalid(_, let problems) {
            return problems
        } catch {
            return [JSONProblem(path: "?", message: "\(error)")]
        }
    }

    @Test func minimalDocumentIsValid() {
        #expect(problems(Fixtures.minimalDocument()).isEmpty)
    }

    static func broken(_ name: String) -> [String: Any] {
        var d = Fixtures.minimalDocument()
        switch name {
        case "missing id": d["id"] = nil
        case "bad id": d["id"] = "Bad Id"
        case "version text": d["version"] = "1"
        case "version zero": d["version"] = 0
        case "no items": d["items"] = [] as [Any]
        case "unknown field": d["colour"] = "red"
        default: d["title"] = String(repeating: "x", count: 121)
        }
        return d
    }

    @Test(arguments: [
        ("missing id", "$.id", "is required"),
        ("bad id", "$.id", "lower-case"),
        ("version text", "$.version", "whole number"),
        ("version zero", "$.version", "whole number"),
        ("no items", "$.items", "at least 1"),
        ("unknown field", "$.colour", "not a known field"),
        ("long title", "$.title", "longer than 120"),
    ])
    func topLevelProblems(name: String, path: String, message: String) {
        let found = problems(Self.broken(name))
        #expect(found.contains { $0.path == path && $0.message.contains(message) }, "\(name): \(found)")
    }

    func withItem(_ change: (inout [String: Any]) -> Void) -> [JSONProblem] {
        var document = Fixtures.minimalDocument()
        var items = document["items"] as! [[String: Any]]
        change(&items[0])
        document["items"] = items
        return problems(document)
    }

    @Test func duplicateItemIDsNameBothPlaces() {
        var document = Fixtures.minimalDocument()
        var items = document["items"] as! [[String: Any]]
        items[1]["id"] = "one"
        document["items"] = items
        let found = problems(document)
        #expect(found.contains { $0.path == "$.items[1].id" && $0.message.contains("$.items[0]") })
    }

    @Test func itemProblemsCarryTheirPath() {
        #expect(withItem { $0["steps"] = [] as [Any] }.contains { $0.path == "$.items[0].steps" })
        #expect(withItem { $0["steps"] = ["", "ok"] }.contains { $0.path == "$.items[0].steps[0]" })
        #expect(withItem { $0["required"] = "yes" }.contains { $0.path == "$.items[0].required" })
        #expect(withItem { $0["why"] = nil }.contains { $0.path == "$.items[0].why" && $0.message == "is required" })
        #expect(withItem { $0["references"] = [["title": "x", "url": "http://example.com"]] }
            .contains { $0.path == "$.items[0].references[0].url" })
        #expect(withItem { $0["verify"] = ["command": "aws x"] }.contains { $0.path == "$.items[0].verify.expect" })
        #expect(withItem { $0["check"] = "Not An Id" }.contains { $0.path == "$.items[0].check" })
    }

    @Test func evidenceFieldProblems() {
        func evidence(_ field: [String: Any]) -> [JSONProblem] {
            withItem { $0["evidence"] = [field] }
        }
        #expect(evidence(["key": "k", "label": "K", "kind": "colour"])
            .contains { $0.path == "$.items[0].evidence[0].kind" && $0.message.contains("not a known kind") })
        #expect(evidence(["key": "k", "label": "K", "kind": "choice"])
            .contains { $0.path == "$.items[0].evidence[0].options" })
        #expect(evidence(["key": "k", "label": "K", "kind": "text", "options": ["a"]])
            .contains { $0.path == "$.items[0].evidence[0].options" })
        #expect(evidence(["key": "k", "label": "K", "kind": "number", "min": 5, "max": 1])
            .contains { $0.path == "$.items[0].evidence[0].min" })
        #expect(evidence(["key": "k", "label": "K", "kind": "text", "max": 1])
            .contains { $0.path == "$.items[0].evidence[0].max" })
        #expect(evidence(["key": "k", "label": "K", "kind": "multi-choice", "options": ["a,b"]])
            .contains { $0.path == "$.items[0].evidence[0].options" })
        let duplicate = withItem { $0["evidence"] = [["key": "k", "label": "K", "kind": "text"],
                                                     ["key": "k", "label": "K2", "kind": "date"]] }
        #expect(duplicate.contains { $0.path == "$.items[0].evidence[1].key" })
    }

    @Test func reportsEveryProblemAtOnce() {
        var document = Fixtures.minimalDocument()
        document["id"] = "BAD"
        document["title"] = ""
        document["extra"] = true
        #expect(problems(document).count >= 3)
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        let data = Data("{\n  \"id\": \"x\",\n  oops\n}".utf8)
        do {
            _ = try ChecklistLoader.load(data: data, source: "broken.json")
            Issue.record("broken JSON loaded")
        } catch ChecklistError.invalid(_, let problems) {
            #expect(problems.first?.message.contains("line 3") == true, "\(problems)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func nonObjectAndOversizedInputAreRejected() {
        #expect(problems([1, 2, 3]).first?.path == "$")
        let big = Data(repeating: UInt8(ascii: " "), count: ChecklistLoader.maxFileSize + 1)
        #expect(throws: ChecklistError.self) { try ChecklistLoader.load(data: big, source: "big") }
    }
}

@Suite struct BundledChecklistTests {
    /// The compiled values equal what the loader reads from the files in Checklists/.
    @Test func generatedValuesEqualWhatTheLoaderReads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.root.appendingPathComponent("Checklists").path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.map { String($0.dropLast(5)) }
        #expect(!names.isEmpty)
        for name in names {
            let loaded = try ChecklistLoader.load(data: RepositoryFiles.checklist(name), source: name)
            #expect(BundledChecklists.checklists[name] == loaded, "\(name): generated code differs from the JSON")
        }
        #expect(BundledChecklists.checklists.count == names.count)
    }
}
