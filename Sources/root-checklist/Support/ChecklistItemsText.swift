import ChecklistModel
import ChecklistText

/// A checklist's items as a reference for scripts and `mark`: ids, who they apply to, evidence keys
/// with their kinds and rules, and the AWS check, within `width` columns.
public enum ChecklistItemsText {
    public static func render(_ checklist: Checklist, width: Int = 80) -> String {
        let safe = PlainText.sanitizeLine
        var out = DisplayWidth.wrap("\(checklist.id) v\(checklist.version): \(safe(checklist.title))", columns: width)
        for item in checklist.items {
            out.append("")
            out += DisplayWidth.wrap("\(item.id)\(item.required ? " (required)" : ""): \(safe(item.title))", columns: width)
            // A checklist file is untrusted text: every line is cleaned before it is printed.
            func detail(_ text: String) { out += DisplayWidth.wrap(safe(text), columns: width - 4).map { "    " + $0 } }
            detail("applies to: \(item.appliesTo.summary)")
            if let check = item.check { detail("AWS check: \(check)") }
            if item.evidence.isEmpty { detail("evidence: none") }
            for field in item.evidence {
                var rules = [field.kind.rawValue, field.required ? "required" : "optional"]
                if !field.options.isEmpty { rules.append("one of " + field.options.joined(separator: ", ")) }
                if let min = field.min { rules.append("at least \(EvidenceValidator.format(min))") }
                if let max = field.max { rules.append("at most \(EvidenceValidator.format(max))") }
                if field.whole { rules.append("whole") }
                if let mustBe = field.mustBe { rules.append("must be \(mustBe) for done") }
                if let other = field.differentFrom { rules.append("differs from \(other)") }
                detail("--evidence \(field.key)=…  \(safe(field.label)) (\(rules.joined(separator: "; ")))")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
