import ChecklistModel

/// How an item stands against its AWS check, in the same words on every screen and report: a
/// done that AWS contradicts, and a done kept against a failing check by a person's override.
public enum CheckStandingText {
    /// The status word of a done item whose latest AWS check fails.
    public static let contradictedLabel = "contradicted"

    /// The detail line of a contradicted item: what it means and the two ways out.
    public static let contradictedDetail = "contradicted: marked done, but the AWS check fails; "
        + "fix it in AWS and check again, or override the check with a reason"

    /// "done; AWS check overridden by alice: accepted until the YubiKeys arrive".
    public static func overridden(_ override: CheckOverride) -> String {
        "done; AWS check overridden by \(PlainText.sanitizeLine(override.by)): \(PlainText.sanitizeLine(override.reason))"
    }

    /// The detail an item needs about its check standing, or nil when it is plain.
    /// An item changed by both sides of a sync is said first: until it is settled, nothing else about it stands.
    public static func detail(_ entry: AccountProgress.Entry) -> String? {
        var parts: [String] = []
        if let clash = ChangedByBothText.detail(entry.record) { parts.append(clash) }
        if entry.contradicted { parts.append(contradictedDetail) } else if let override = entry.overridden { parts.append(overridden(override)) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// "Contradicted: root-mfa (marked done, but the AWS check fails)" for a summary's head; nil when none is.
    public static func headLine(_ progress: AccountProgress) -> String? {
        let contradictions = progress.contradictions
        guard !contradictions.isEmpty else { return nil }
        return "Contradicted: \(contradictions.map(\.item.id).joined(separator: ", ")) "
            + "(marked done, but the AWS check fails; not complete until fixed or overridden)"
    }

    /// "Overridden: root-mfa by alice (…)" for a summary's head; nil when nothing is overridden.
    public static func overrideLine(_ progress: AccountProgress) -> String? {
        let overrides = progress.overrides
        guard !overrides.isEmpty else { return nil }
        return "Overridden: " + overrides.compactMap { entry in
            entry.overridden.map { "\(entry.item.id) by \(PlainText.sanitizeLine($0.by)) (\(PlainText.sanitizeLine($0.reason)))" }
        }.joined(separator: "; ")
    }

    /// ", 1 contradicted, 1 changed by both" after a verdict, or nothing.
    public static func verdictSuffix(_ progress: AccountProgress) -> String {
        let count = progress.contradictions.count, marked = progress.changedByBoth.count
        return (count == 0 ? "" : ", \(count) contradicted") + (marked == 0 ? "" : ", \(marked) changed by both")
    }

    /// The basis of a summary: what was checked against AWS, what only attested, what overridden.
    public static func basis(_ entries: [AccountProgress.Entry]) -> String {
        let checked = entries.filter { $0.applies && $0.record.check != nil }
        let passed = checked.filter { $0.record.check?.outcome == .pass }.count
        let failed = checked.filter { $0.record.check?.outcome == .fail }.count
        let attested = entries.filter {
            $0.applies && $0.record.status != .pending && ($0.record.check == nil || $0.record.check?.outcome == .unknown)
        }.count
        let overridden = entries.filter { $0.overridden != nil }.count
        return "\(checked.count) checked against AWS (\(passed) pass, \(failed) fail, \(checked.count - passed - failed) other), "
            + "\(attested) attested only" + (overridden == 0 ? "" : ", \(overridden) overridden")
    }
}
