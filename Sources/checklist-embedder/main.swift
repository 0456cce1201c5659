import ChecklistModel
import Foundation

// Usage: checklist-embedder OUTPUT.swift INPUT.json...
// Validates each checklist with the model's own loader (a bad file fails the build with every
// problem listed) and writes it as Swift values, so the program never parses its bundled data.
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: checklist-embedder OUTPUT.swift INPUT.json...\n".utf8))
    exit(64)
}

/// A Swift string literal: backslash escapes, `\u{…}` for other control characters and DEL.
func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

func literal(_ list: [String]) -> String { "[" + list.map(literal).joined(separator: ", ") + "]" }
func literal(_ value: String?) -> String { value.map(literal) ?? "nil" }
func literal(_ value: Double?) -> String { value.map { "\($0)" } ?? "nil" }
func literal(_ map: [String: String]) -> String {
    map.isEmpty ? "[:]" : "[" + map.sorted { $0.key < $1.key }.map { "\(literal($0.key)): \(literal($0.value))" }.joined(separator: ", ") + "]"
}
func literal(_ value: Applicability) -> String {
    let kinds = value.kinds.map { "[" + AccountKind.allCases.filter($0.contains).map { ".\($0.rawValue)" }.joined(separator: ", ") + "]" } ?? "nil"
    let credentials = value.memberRootCredentials.map { ".\($0.rawValue)" } ?? "nil"
    return "Applicability(kinds: \(kinds), memberRootCredentials: \(credentials))"
}

func swiftValue(_ checklist: Checklist) -> String {
    let items = checklist.items.map { item in
        let evidence = item.evidence.map { field in
            "EvidenceField(key: \(literal(field.key)), label: \(literal(field.label)), kind: .init(rawValue: \(literal(field.kind.rawValue)))!, "
                + "required: \(field.required), options: \(literal(field.options)), min: \(literal(field.min)), max: \(literal(field.max)), whole: \(field.whole), mustBe: \(literal(field.mustBe)), differentFrom: \(literal(field.differentFrom)), "
                + "aliases: \(literal(field.aliases)), needsBelow: \(field.needsBelow.map { "NeedsBelow(value: \($0.value), field: \(literal($0.field)))" } ?? "nil"), "
                + "help: \(literal(field.help)))"
        }
        let references = item.references.map { "Reference(title: \(literal($0.title)), url: \(literal($0.url)))" }
        let verify = item.verify.map { "Verification(command: \(literal($0.command)), expect: \(literal($0.expect)))" } ?? "nil"
        return """
                    ChecklistItem(
                        id: \(literal(item.id)), title: \(literal(item.title)), required: \(item.required),
                        why: \(literal(item.why)),
                        steps: \(literal(item.steps)),
                        verify: \(verify),
                        evidence: [\(evidence.joined(separator: ",\n                "))],
                        controls: \(literal(item.controls)),
                        traps: \(literal(item.traps)),
                        references: [\(references.joined(separator: ", "))],
                        check: \(item.check.map { "CheckName(rawValue: \(literal($0.rawValue)))" } ?? "nil"),
                        appliesTo: \(literal(item.appliesTo)),
                        removesMemberRootCredentials: \(item.removesMemberRootCredentials),
                        recheckDays: \(item.recheckDays.map(String.init) ?? "nil"),
                        checkConfirms: \(item.checkConfirms)
                    )
            """
    }
    let groups = checklist.rootTasks.map { group in
        "RootTaskGroup(service: \(literal(group.service)), tasks: ["
            + group.tasks.map { "RootTask(task: \(literal($0.task)), detail: \(literal($0.detail)))" }.joined(separator: ", ")
            + "])"
    }
    return """
        Checklist(
                id: \(literal(checklist.id)), version: \(checklist.version), title: \(literal(checklist.title)),
                description: \(literal(checklist.description)),
                items: [
        \(items.joined(separator: ",\n"))
                ],
                rootTasks: [
                    \(groups.joined(separator: ",\n            "))
                ],
                digest: \(literal(checklist.digest))
            )
        """
}

var values: [String] = []
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("checklist-embedder: cannot read \(path)\n".utf8))
        exit(1)
    }
    let checklist: Checklist
    do {
        checklist = try ChecklistLoader.load(data: data, source: path)
    } catch ChecklistError.invalid(_, let problems) {
        for problem in problems { FileHandle.standardError.write(Data("\(path): error: \(problem)\n".utf8)) }
        exit(1)
    } catch {
        FileHandle.standardError.write(Data("\(path): error: \(error)\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    values.append("        (name: \(literal(name)), checklist: \(swiftValue(checklist))),")
}
let source = """
    // Generated by checklist-embedder from Checklists/. Do not edit.
    import ChecklistModel

    enum GeneratedChecklists {
        /// The same checklists, validated at build time.
        static let checklists: [(name: String, checklist: Checklist)] = [
    \(values.joined(separator: "\n"))
        ]
    }

    """
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("checklist-embedder: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
