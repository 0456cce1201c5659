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
        for (id, record) in items.sorted(by: { $0.key < $1.key }) {
            if let version = record.changedByBoth?.first(where: { ($0.at ?? .distantPast) > latest }) {
                problems.append("\(PlainText.sanitizeLine(id)) has a version by \(PlainText.sanitizeLine(version.by)) dated \(ISODate.format(version.at!)), in the future")
            }
            // A mark is written only by a merge, which writes its clash entry too: a mark without one
            // puts words in a person's mouth that no merge met.
            if record.changedByBoth != nil, !history.contains(where: { $0.action == .clash && $0.item == id }) {
                problems.append("\(PlainText.sanitizeLine(id)) is marked changed by both, but no merge that met it is in its history")
            }
        }
        // The way a member is reached decides which AWS role this program assumes: only a spelling it writes.
        if let access = checkAccess, (try? Self.validatedCheckAccess(access)) != access {
            problems.append("its way in (checkAccess \"\(UntrustedText.line(access, limit: 80))\") is not role:NAME or assume-root")
        }
        return problems
    }

    /// What the history does not add up to: an entry earlier than the one before it, an item
    /// whose status is not where its history leads, an item changed but never recorded.
    public func historyProblems() -> [String] {
        var problems: [String] = []
        for (index, entry) in history.enumerated().dropFirst() where entry.at < history[index - 1].at {
            problems.append("history entry \(index + 1) (\(ISODate.format(entry.at))) is earlier than the one before it")
            break
        }
        let moves: Set<HistoryEntry.Action> = [.status, .undo, .redo, .clash, .resolve]
        for (id, record) in items.sorted(by: { $0.key < $1.key }) {
            let shown = PlainText.sanitizeLine(id)
            let itemMoves = history.filter { $0.item == id && moves.contains($0.action) }
            if let latest = itemMoves.map(\.at).max() {
                // Times are whole seconds: changes of one second on two machines are settled by the
                // merge's fixed rule, so any of that second's outcomes may stand.
                let outcomes = itemMoves.filter { $0.at == latest }.compactMap(\.to)
                if !outcomes.isEmpty, !outcomes.contains(record.status.rawValue) {
                    problems.append("\(shown) is \(record.status.rawValue) but its history leads to \(PlainText.sanitizeLine(outcomes.last ?? ""))")
                }
            } else if record.status != .pending {
                problems.append("\(shown) is \(record.status.rawValue) with no history entry that made it so")
            }
        }
        return problems
    }

    /// Items changed by both sides of a merge that nobody has resolved: the record does not yet say
    /// which person's version stands.
    public func unresolvedProblems() -> [String] {
        changedByBoth.map { id in
            let names = Array(Set(record(id).changedByBoth?.map(\.by) ?? [])).sorted().map(PlainText.sanitizeLine)
            return "\(PlainText.sanitizeLine(id)) was changed by both \(names.joined(separator: " and ")) and is not yet resolved"
        }
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
