import ChecklistModel
import SystemImports

/// How statuses and progress are drawn in text, in Unicode or plain ASCII. Shared by the
/// walkthrough and the printed summary so both say the same thing the same way.
public struct StatusStyle: Sendable {
    public var ascii: Bool
    public init(ascii: Bool) { self.ascii = ascii }

    public func glyph(_ status: ItemStatus) -> String {
        switch status {
        case .done: return ascii ? "+" : "✓"
        case .pending: return ascii ? "." : "…"
        case .skipped: return ascii ? ">" : "↷"
        case .notApplicable: return ascii ? "-" : "–"
        }
    }

    public func label(_ status: ItemStatus) -> String {
        switch status {
        case .done: return "done"
        case .pending: return "pending"
        case .skipped: return "skipped"
        case .notApplicable: return "n/a"
        }
    }

    public var contradictionMark: String { ascii ? "!" : "⚠" }

    /// An item's glyph as it stands: a contradicted done, or an item two people changed and nobody
    /// settled, is never drawn as done.
    public func glyph(_ entry: AccountProgress.Entry) -> String {
        entry.contradicted || entry.changedByBoth ? contradictionMark : glyph(entry.status)
    }

    /// An item's status word as it stands: `changed by both` until settled, `contradicted` for a done AWS contradicts.
    public func label(_ entry: AccountProgress.Entry) -> String {
        if entry.changedByBoth { return ChangedByBothText.label }
        return entry.contradicted ? CheckStandingText.contradictedLabel : label(entry.status)
    }

    /// `[#####-----]` style bar of `width` cells (brackets excluded).
    public func bar(_ done: Int, of total: Int, width: Int) -> String {
        let filled = total == 0 ? 0 : min(width, (done * width + total / 2) / total)
        let full = ascii ? "#" : "█"
        let empty = ascii ? "-" : "░"
        return String(repeating: full, count: filled) + String(repeating: empty, count: width - filled)
    }

    public static func date(_ date: Date) -> String { ISODate.readable(date) }
}

extension AccountProgress {
    /// How an item's state is known: checked against AWS, only attested by a person, or done
    /// against a failing check by a person's override.
    public static func basis(of entry: Entry) -> String {
        if entry.overridden != nil { return "attested (AWS check overridden)" }
        let record = entry.record
        guard let check = record.check else { return record.status == .pending ? "none" : "attested" }
        return check.outcome == .unknown ? "attested (check inconclusive)" : "checked"
    }
}
