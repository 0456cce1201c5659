import SystemImports

extension AccountState {
    /// How far ahead of this machine's clock a recorded time may be (another machine's clock).
    public static let clockSkewAllowance: TimeInterval = 600

    /// What a state file claims that this program would never have written: a done item without
    /// the evidence its checklist requires, a check result or history entry dated in the future.
    /// Files from a remote or a person's editor are held to it before they are taken in.
    /// With no checklist (one this program does not have), only the times are held to it.
    public func integrityProblems(checklist: Checklist?, now: Date) -> [String] {
        var problems: [String] = []
        let latest = now.addingTimeInterval(Self.clockSkewAllowance)
        // Against another version of the checklist (a newer one may require a field an older one
        // did not), only a done item with no evidence at all is held to it.
        let sameVersion = checklist?.version == self.checklist.version
        for item in checklist?.items ?? [] {
            guard let record = items[item.id], record.status == .done else { continue }
            let missing = Self.missingEvidence(record.evidence, for: item)
            let bare = record.evidence.values.allSatisfy(\.isEmpty) && item.evidence.contains(where: \.required)
            if sameVersion ? !missing.isEmpty : bare {
                problems.append("\(item.id) is done without its required evidence (\(missing.joined(separator: ", ")))")
            }
        }
        for (id, record) in items.sorted(by: { $0.key < $1.key }) {
            if let check = record.check, check.at > latest {
                problems.append("\(PlainText.sanitizeLine(id)) has an AWS check dated \(ISODate.format(check.at)), in the future")
            }
        }
        if let entry = history.first(where: { $0.at > latest }) {
            problems.append("its history has an entry dated \(ISODate.format(entry.at)), in the future")
        }
        return problems
    }

    /// History entries of `earlier` that this state no longer has: the history is append-only, so
    /// a later version that lost any was not written by this program.
    public func droppedHistory(since earlier: AccountState) -> Int {
        var remaining: [HistoryEntry: Int] = [:]
        for entry in history { remaining[entry, default: 0] += 1 }
        var dropped = 0
        for entry in earlier.history {
            if let count = remaining[entry], count > 0 { remaining[entry] = count - 1 } else { dropped += 1 }
        }
        return dropped
    }
}
