import SystemImports

/// Reads and validates checklist definitions, reporting every problem with its JSON path.
public enum ChecklistLoader {
    /// Largest checklist file accepted; real ones are tens of kilobytes.
    public static let maxFileSize = 4 * 1024 * 1024

    /// Parses and validates a checklist, or throws `ChecklistError.invalid` listing every problem.
    public static func load(data: Data, source: String) throws -> Checklist {
        guard data.count <= maxFileSize else {
            throw ChecklistError.invalid(source: source, problems: [
                JSONProblem(path: "$", message: "file is larger than \(maxFileSize / 1024 / 1024) MiB"),
            ])
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw ChecklistError.invalid(source: source, problems: [
                JSONProblem(path: "$", message: "not valid JSON (\(error))"),
            ])
        }
        let sink = ProblemSink()
        let checklist = parseChecklist(root, sink: sink)
        guard var checklist, sink.problems.isEmpty else {
            throw ChecklistError.invalid(source: source, problems: sink.problems)
        }
        checklist.digest = digest(of: root)
        return checklist
    }

    /// The content digest: formatting and key order do not change it, any value does.
    public static func digest(of document: JSONValue) -> String {
        SHA256.hex(JSONPrettyWriter.bytes(document))
    }

    /// Ids are lower-case letters, digits and dashes, so they are safe in file names, flags and URLs.
    public static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63 else { return false }
        let lowerDigit: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return lowerDigit(first) && text.unicodeScalars.allSatisfy { lowerDigit($0) || $0 == "-" }
    }
    static let idHint = "must be lower-case letters, digits and dashes, starting with a letter or digit (at most 63)"

    private static func parseChecklist(_ value: JSONValue, sink: ProblemSink) -> Checklist? {
        guard let object = JSONObject(value, path: "$", sink: sink) else { return nil }
        object.rejectUnknownKeys(["$schema", "id", "version", "title", "description", "items", "rootTasks"])
        let id = object.string("id", maxLength: 63, pattern: isValidID, patternHint: idHint)
        let version = object.integer("version", range: 1...1_000_000)
        let title = object.string("title", maxLength: 120)
        let description = object.string("description", required: false, maxLength: 2000) ?? ""
        var items: [ChecklistItem] = []
        var seen: [String: String] = [:]
        for entry in object.array("items", maxCount: 200, minCount: 1) {
            guard let item = parseItem(entry.value, path: entry.path, sink: sink) else { continue }
            if let first = seen[item.id] {
                sink.add("\(entry.path).id", "duplicates the id \"\(item.id)\" already used at \(first)")
            } else {
                seen[item.id] = entry.path
            }
            items.append(item)
        }
        var groups: [RootTaskGroup] = []
        for entry in object.array("rootTasks", required: false, maxCount: 50) {
            guard let group = JSONObject(entry.value, path: entry.path, sink: sink) else { continue }
            group.rejectUnknownKeys(["service", "tasks"])
            let service = group.string("service", maxLength: 80)
            var tasks: [RootTask] = []
            for taskEntry in group.array("tasks", maxCount: 50, minCount: 1) {
                guard let task = JSONObject(taskEntry.value, path: taskEntry.path, sink: sink) else { continue }
                task.rejectUnknownKeys(["task", "detail"])
                let name = task.string("task", maxLength: 200)
                let detail = task.string("detail", maxLength: 1000)
                if let name, let detail { tasks.append(RootTask(task: name, detail: detail)) }
            }
            if let service { groups.append(RootTaskGroup(service: service, tasks: tasks)) }
        }
        guard let id, let version, let title else { return nil }
        return Checklist(id: id, version: version, title: title, description: description,
                         items: items, rootTasks: groups)
    }

    private static func parseItem(_ value: JSONValue, path: String, sink: ProblemSink) -> ChecklistItem? {
        guard let object = JSONObject(value, path: path, sink: sink) else { return nil }
        object.rejectUnknownKeys(["id", "title", "required", "why", "steps", "verify", "evidence",
                                  "controls", "traps", "references", "check", "appliesTo", "removesMemberRootCredentials",
                                  "recheckDays", "checkConfirms"])
        let id = object.string("id", maxLength: 63, pattern: isValidID, patternHint: idHint)
        let title = object.string("title", maxLength: 120)
        let required = object.bool("required", default: false)
        let why = object.string("why", maxLength: 2000)
        let steps = object.strings("steps", maxCount: 40, minCount: 1, maxLength: 1000)
        var verify: Verification?
        if object.values["verify"] != nil,
           let verifyObject = JSONObject(object.values["verify"], path: object.childPath("verify"), sink: sink) {
            verifyObject.rejectUnknownKeys(["command", "expect"])
            if let command = verifyObject.string("command", maxLength: 1000),
               let expect = verifyObject.string("expect", maxLength: 1000) {
                verify = Verification(command: command, expect: expect)
            }
        }
        var evidence: [EvidenceField] = []
        var keys: Set<String> = []
        for entry in object.array("evidence", required: false, maxCount: 20) {
            guard let field = parseEvidenceField(entry.value, path: entry.path, sink: sink) else { continue }
            if !keys.insert(field.key).inserted {
                sink.add("\(entry.path).key", "duplicates the evidence key \"\(field.key)\" of this item")
            }
            evidence.append(field)
        }
        for (index, field) in evidence.enumerated() {
            if let other = field.differentFrom, !keys.contains(other) || other == field.key {
                sink.add("\(object.childPath("evidence"))[\(index)].differentFrom", "must name another evidence key of this item")
            }
            if let other = field.needsBelow?.field, !keys.contains(other) || other == field.key {
                sink.add("\(object.childPath("evidence"))[\(index)].needsBelow.field", "must name another evidence key of this item")
            }
        }
        let controls = object.strings("controls", required: false, maxCount: 20, maxLength: 60)
        let traps = object.strings("traps", required: false, maxCount: 20, maxLength: 1000)
        var references: [Reference] = []
        for entry in object.array("references", required: false, maxCount: 20) {
            guard let reference = JSONObject(entry.value, path: entry.path, sink: sink) else { continue }
            reference.rejectUnknownKeys(["title", "url"])
            let title = reference.string("title", maxLength: 200)
            let url = reference.string("url", maxLength: 500, pattern: { text in
                text.hasPrefix("https://") && !text.contains(where: { $0.isWhitespace })
                    && URL(string: text)?.host?.isEmpty == false
            }, patternHint: "must be an https:// URL without spaces")
            if let title, let url { references.append(Reference(title: title, url: url)) }
        }
        var check: CheckName?
        if let name = object.string("check", required: false, maxLength: 63) {
            check = CheckName(rawValue: name)
            if check == nil {
                sink.add(object.childPath("check"), "\"\(name)\" is not a check verify knows (known: \(CheckName.known))")
            }
        }
        let appliesTo = parseApplicability(object.values["appliesTo"], path: object.childPath("appliesTo"), sink: sink)
        let removes = object.bool("removesMemberRootCredentials", default: false)
        if removes && appliesTo.kinds != [.member] {
            sink.add(object.childPath("removesMemberRootCredentials"), "only an item for member accounts alone (appliesTo.kinds [\"member\"]) can remove them")
        }
        let recheckDays = object.values["recheckDays"] == nil ? nil : object.integer("recheckDays", range: 1...3650)
        let checkConfirms = object.bool("checkConfirms", default: false)
        if checkConfirms && (recheckDays == nil || check == nil) {
            sink.add(object.childPath("checkConfirms"), "goes with recheckDays and check: only a re-checked item with an AWS check can be confirmed by it")
        }
        guard let id, let title, let why else { return nil }
        return ChecklistItem(id: id, title: title, required: required, why: why, steps: steps, verify: verify,
                             evidence: evidence, controls: controls, traps: traps, references: references,
                             check: check, appliesTo: appliesTo, removesMemberRootCredentials: removes, recheckDays: recheckDays,
                             checkConfirms: checkConfirms)
    }

    /// `{"kinds": ["standalone", "management"], "memberRootCredentials": "present"}`; absent: every account.
    private static func parseApplicability(_ value: JSONValue?, path: String, sink: ProblemSink) -> Applicability {
        guard value != nil, let object = JSONObject(value, path: path, sink: sink) else { return .everywhere }
        object.rejectUnknownKeys(["kinds", "memberRootCredentials"])
        var kinds: Set<AccountKind>?
        if object.values["kinds"] != nil {
            let names = object.strings("kinds", maxCount: 3, minCount: 1, maxLength: 20)
            kinds = []
            for name in names {
                if let kind = AccountKind(rawValue: name) {
                    kinds?.insert(kind)
                } else {
                    sink.add(object.childPath("kinds"), "\"\(name)\" is not a kind of account (known: "
                             + AccountKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
            }
        }
        var credentials: RootCredentials?
        if let name = object.string("memberRootCredentials", required: false, maxLength: 20) {
            credentials = RootCredentials(rawValue: name)
            if credentials == nil {
                sink.add(object.childPath("memberRootCredentials"), "must be present or removed")
            } else if let kinds, !kinds.contains(.member) {
                sink.add(object.childPath("memberRootCredentials"), "only matters when kinds include member")
            }
        }
        return Applicability(kinds: kinds, memberRootCredentials: credentials)
    }

    private static func parseEvidenceField(_ value: JSONValue, path: String, sink: ProblemSink) -> EvidenceField? {
        guard let object = JSONObject(value, path: path, sink: sink) else { return nil }
        object.rejectUnknownKeys(["key", "label", "kind", "required", "options", "min", "max", "whole", "mustBe", "differentFrom",
                                  "aliases", "needsBelow", "help"])
        let key = object.string("key", maxLength: 63, pattern: isValidID, patternHint: idHint)
        let label = object.string("label", maxLength: 80)
        let kindName = object.string("kind", maxLength: 20)
        var kind: EvidenceKind?
        if let kindName {
            kind = EvidenceKind(rawValue: kindName)
            if kind == nil {
                sink.add(object.childPath("kind"), "\"\(kindName)\" is not a known kind (known: "
                         + EvidenceKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
        }
        let required = object.bool("required", default: false)
        let needsOptions = kind == .choice || kind == .multiChoice
        let options = object.strings("options", required: needsOptions, maxCount: 30, minCount: needsOptions ? 1 : 0,
                                     maxLength: 80)
        if !needsOptions && object.values["options"] != nil {
            sink.add(object.childPath("options"), "only choice and multi-choice fields take options")
        }
        if Set(options).count != options.count { sink.add(object.childPath("options"), "has duplicate entries") }
        if kind == .multiChoice, options.contains(where: { $0.contains(",") }) {
            sink.add(object.childPath("options"), "multi-choice options must not contain commas")
        }
        let min = object.number("min")
        let max = object.number("max")
        if (min != nil || max != nil) && kind != .number {
            sink.add(object.childPath(min != nil ? "min" : "max"), "only number fields take min and max")
        }
        if let min, let max, min > max { sink.add(object.childPath("min"), "is greater than max") }
        let whole = object.bool("whole", default: false)
        if whole && kind != .number { sink.add(object.childPath("whole"), "only number fields can be whole") }
        let help = object.string("help", required: false, maxLength: 300) ?? ""
        let mustBe = object.string("mustBe", required: false, maxLength: 80)
        if mustBe != nil && kind != .yesNo && kind != .choice {
            sink.add(object.childPath("mustBe"), "only yes-no and choice fields can require a value")
        }
        if let mustBe, kind == .choice, !options.contains(mustBe) { sink.add(object.childPath("mustBe"), "is not one of the options") }
        if let mustBe, kind == .yesNo, mustBe != "yes" && mustBe != "no" { sink.add(object.childPath("mustBe"), "must be yes or no") }
        let differentFrom = object.string("differentFrom", required: false, maxLength: 63, pattern: isValidID, patternHint: idHint)
        var aliases: [String: String] = [:]
        if let raw = object.values["aliases"] {
            let aliasPath = object.childPath("aliases")
            if kind != .choice && kind != .multiChoice { sink.add(aliasPath, "only choice and multi-choice fields take aliases") }
            if let members = raw.object, members.count <= 40 {
                for (alias, target) in members.sorted(by: { $0.key < $1.key }) {
                    guard let option = target.string, options.contains(option) else {
                        sink.add("\(aliasPath).\(PlainText.sanitizeLine(alias))", "must name one of the options")
                        continue
                    }
                    if alias.trimmingSpaces().isEmpty || JSONObject.longer(alias, than: 60) || alias.contains(",")
                        || alias.unicodeScalars.contains(where: PlainText.isControlOrFormatting) {
                        sink.add(aliasPath, "aliases are 1 to 60 plain characters without commas")
                        continue
                    }
                    aliases[alias] = option
                }
            } else {
                sink.add(aliasPath, "must be an object of at most 40 aliases, each naming an option")
            }
        }
        var needsBelow: NeedsBelow?
        if let raw = object.values["needsBelow"] {
            let belowPath = object.childPath("needsBelow")
            if kind != .number { sink.add(belowPath, "only number fields take needsBelow") }
            if let members = raw.object, let value = members["value"]?.number?.double, let field = members["field"]?.string,
               members.count == 2, isValidID(field) {
                needsBelow = NeedsBelow(value: value, field: field)
            } else {
                sink.add(belowPath, "must be {\"value\": NUMBER, \"field\": EVIDENCE_KEY}")
            }
        }
        guard let key, let label, let kind else { return nil }
        return EvidenceField(key: key, label: label, kind: kind, required: required, options: options,
                             min: min, max: max, whole: whole, mustBe: mustBe, differentFrom: differentFrom,
                             aliases: aliases, needsBelow: needsBelow, help: help)
    }
}

/// Why a checklist could not be used.
public enum ChecklistError: Error, Equatable {
    case unreadable(path: String, reason: String)
    case invalid(source: String, problems: [JSONProblem])
    case unknown(id: String)
}
