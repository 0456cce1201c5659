import ChecklistModel
import SystemImports

/// `findings` in each format: the rows, and totals a reviewer can quote.
public enum FindingsText {
    static func outcome(_ finding: Finding) -> String { finding.outcome?.rawValue ?? "not checked" }

    static func totals(_ findings: [Finding], accounts: Int) -> String {
        let touched = Set(findings.map(\.accountID)).count
        let byKind = Finding.Kind.allCases.compactMap { kind -> String? in
            let count = findings.filter { $0.kind == kind }.count
            return count == 0 ? nil : "\(count) \(kind.label)"
        }
        return "\(findings.count) finding\(findings.count == 1 ? "" : "s") in \(touched) of \(accounts) account\(accounts == 1 ? "" : "s")"
            + (byKind.isEmpty ? "" : ": " + byKind.joined(separator: ", "))
    }

    /// Two lines a finding, for 80 columns: what and where, then the status, the check and why.
    public static func text(_ findings: [Finding], accounts: Int, width: Int = 80) -> String {
        guard !findings.isEmpty else { return "No findings in \(accounts) account\(accounts == 1 ? "" : "s").\n" }
        var lines: [String] = []
        for finding in findings {
            let alias = finding.alias.map { " (\($0))" } ?? ""
            lines += DisplayWidth.wrap("\(finding.kind.label.uppercased()): \(finding.accountID)\(alias) \(finding.itemID)"
                                       + (finding.required ? " [required]" : ""), columns: width)
            let detail = "status \(finding.status), AWS check \(outcome(finding))" + (finding.detail.isEmpty ? "" : ": \(finding.detail)")
            lines += DisplayWidth.wrap(detail, columns: width - 4).map { "    " + $0 }
        }
        lines.append("")
        lines += DisplayWidth.wrap(totals(findings, accounts: accounts) + ".", columns: width)
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ findings: [Finding], accounts: Int) -> String {
        let escape = SummaryMarkdown.escape
        var lines = ["## AWS root user checklist: findings", ""]
        guard !findings.isEmpty else { return (lines + ["No findings in \(accounts) account\(accounts == 1 ? "" : "s")."]).joined(separator: "\n") + "\n" }
        lines += ["| Finding | Account | Alias | Item | Required | Status | AWS check | Detail |", "|---|---|---|---|---|---|---|---|"]
        for finding in findings {
            lines.append("| \(finding.kind.label) | \(finding.accountID) | \(escape(finding.alias ?? "")) | `\(finding.itemID)` | "
                         + "\(finding.required ? "yes" : "no") | \(escape(finding.status)) | \(outcome(finding)) | \(escape(finding.detail)) |")
        }
        lines += ["", totals(findings, accounts: accounts) + "."]
        return lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ findings: [Finding]) -> String {
        let field = SummaryCSV.field
        var lines = [["finding", "account_id", "alias", "kind", "item", "title", "required", "status", "check", "checked_at", "detail"]
            .joined(separator: ",")]
        for finding in findings {
            lines.append([finding.kind.rawValue, finding.accountID, finding.alias ?? "", finding.accountKind.rawValue, finding.itemID,
                          finding.title, finding.required ? "yes" : "no", finding.status, outcome(finding),
                          finding.checkedAt.map(ISODate.format) ?? "", finding.detail].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Described by `Checklists/findings.schema.json`.
    public static func json(_ findings: [Finding], accounts: Int, generatedAt: Date) -> String {
        func count(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
        var byKind: [String: JSONValue] = [:]
        for kind in Finding.Kind.allCases { byKind[kind.rawValue] = count(findings.filter { $0.kind == kind }.count) }
        let document = JSONValue.object([
            "format": .string("root-checklist-findings"),
            "formatVersion": count(1),
            "generatedAt": .string(ISODate.format(generatedAt)),
            "findings": .array(findings.map { finding in
                var members: [String: JSONValue] = [
                    "finding": .string(finding.kind.rawValue), "accountId": .string(finding.accountID),
                    "kind": .string(finding.accountKind.rawValue), "item": .string(finding.itemID), "title": .string(finding.title),
                    "required": .bool(finding.required), "status": .string(finding.status), "detail": .string(finding.detail),
                ]
                members["alias"] = finding.alias.map(JSONValue.string)
                members["check"] = finding.outcome.map { .string($0.rawValue) }
                members["checkedAt"] = finding.checkedAt.map { .string(ISODate.format($0)) }
                return .object(members)
            }),
            "totals": .object(["findings": count(findings.count), "accounts": count(accounts),
                               "accountsWithFindings": count(Set(findings.map(\.accountID)).count), "byFinding": .object(byKind)]),
        ])
        return String(decoding: JSONPrettyWriter.bytes(document), as: UTF8.self) + "\n"
    }
}
