import ChecklistModel
import SystemImports

/// How an item changed by both sides of a merge is shown: the same words in the walkthrough,
/// `resolve`, `list` and every summary.
public enum ChangedByBothText {
    /// The status word of a marked item.
    public static let label = "changed by both"

    /// "changed by alice and bob: resolve it to say which version stands".
    public static func detail(_ record: ItemRecord) -> String? {
        guard let versions = record.changedByBoth else { return nil }
        return "changed by both (\(authors(versions))): not settled until someone resolves it, taking a version or keeping the current values"
    }

    /// "alice and bob", in the versions' order, each name once.
    public static func authors(_ versions: [ItemVersion]) -> String {
        var names: [String] = []
        for version in versions where !names.contains(version.by) { names.append(version.by) }
        let plain = names.map { PlainText.sanitizeLine($0) }
        return plain.count <= 2 ? plain.joined(separator: " and ") : plain.dropLast().joined(separator: ", ") + " and " + plain.last!
    }

    /// One version's heading: "alice, 2027-01-15 08:00 (yours)".
    public static func heading(_ version: ItemVersion, operator name: String?) -> String {
        let when = version.at.map { ", " + StatusStyle.date($0) } ?? ""
        return PlainText.sanitizeLine(version.by) + when + (version.by == name ? " (yours)" : "")
    }

    /// Every version as a block of lines, the current values last, for a terminal or a pipe.
    public static func render(item: String, record: ItemRecord, operator name: String?) -> [String] {
        guard let versions = record.changedByBoth else { return ["\(PlainText.sanitizeLine(item)) is not changed by both."] }
        var lines = ["\(PlainText.sanitizeLine(item)) was changed by both \(authors(versions)):"]
        for (index, version) in versions.enumerated() {
            lines.append("  \(index + 1). \(heading(version, operator: name)): \(HistoryText.version(version.values))")
        }
        lines.append("  now: \(HistoryText.version(ItemVersion(record).values))")
        return lines
    }

    /// "Changed by both: root-mfa (alice and bob)" for a summary's head; nil when none is.
    public static func headLine(_ progress: AccountProgress) -> String? {
        let marked = progress.changedByBoth
        guard !marked.isEmpty else { return nil }
        return "Changed by both: " + marked.map { entry in
            "\(entry.item.id) (\(authors(entry.record.changedByBoth ?? [])))"
        }.joined(separator: ", ") + " (not complete until resolved)"
    }
}
