import ChecklistModel
import Foundation
import Testing

/// The JSON Schema and the program's own loader must agree about checklist files.
@Suite struct ChecklistSchemaTests {
    static let schema = "Checklists/checklist.schema.json"

    /// True/false from Python's jsonschema; nil when it is not installed.
    static func schemaAccepts(_ json: String) throws -> Bool? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(3)
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            sys.exit(0 if jsonschema.Draft202012Validator(schema).is_valid(json.load(sys.stdin)) else 1)
            """, Binary.packageRoot.appendingPathComponent(schema).path]
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(json.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus == 3 ? nil : process.terminationStatus == 0
    }

    static func loaderAccepts(_ json: String) -> Bool {
        (try? ChecklistLoader.load(data: Data(json.utf8), source: "t")) != nil
    }

    @Test func bundledChecklistValidatesBothWays() throws {
        let text = try String(contentsOf: Binary.packageRoot.appendingPathComponent("Checklists/aws-root-user.json"), encoding: .utf8)
        #expect(Self.loaderAccepts(text))
        let accepted = try Self.schemaAccepts(text)
        #expect(accepted != false, "jsonschema rejects the bundled checklist")
    }

    @Test(arguments: [
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"]}]}"#,
        #"{"id": "Bad", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"]}]}"#,
        #"{"id": "ok", "version": 0, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"]}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": []}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": []}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "extra": 1, "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"]}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"], "evidence": [{"key": "k", "label": "K", "kind": "choice"}]}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"], "evidence": [{"key": "k", "label": "K", "kind": "text", "min": 1}]}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"], "references": [{"title": "r", "url": "http://x.example"}]}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"], "evidence": [{"key": "k", "label": "K", "kind": "number", "min": 1, "max": 3}]}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"], "check": "root-mfa"}]}"#,
        #"{"id": "ok", "version": 1, "title": "T", "items": [{"id": "a", "title": "A", "why": "w", "steps": ["s"], "check": "root-mfaa"}]}"#,
    ])
    func schemaAndLoaderAgree(document: String) throws {
        guard let schema = try Self.schemaAccepts(document) else { return }
        #expect(schema == Self.loaderAccepts(document), "schema says \(schema) for \(document)")
    }

    /// The schema's list of checks is the program's.
    @Test func schemaNamesEveryCheck() throws {
        let data = try Data(contentsOf: Binary.packageRoot.appendingPathComponent(Self.schema))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let item = try #require((root["$defs"] as? [String: Any])?["item"] as? [String: Any])
        let check = try #require((item["properties"] as? [String: Any])?["check"] as? [String: Any])
        #expect(check["enum"] as? [String] == CheckName.allCases.map(\.rawValue).sorted())
    }
}
