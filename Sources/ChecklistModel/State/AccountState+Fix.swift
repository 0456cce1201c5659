import SystemImports

/// What a fix did against AWS, call by call, as its history entry keeps it.
public struct FixRecord: Sendable, Equatable {
    public struct Call: Sendable, Equatable {
        /// The call as it was made, after `aws` (`account put-alternate-contact --alternate-contact-type SECURITY …`).
        public var command: String
        public var outcome: Outcome

        public init(command: String, outcome: Outcome) {
            self.command = command
            self.outcome = outcome
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// AWS accepted it; its request id when the reply gave one.
        case done(requestID: String?)
        case failed(String)
        /// A call before it failed, so it was not made.
        case notRun
    }

    public var calls: [Call]

    public init(calls: [Call]) {
        self.calls = calls
    }

    /// Every call was made and accepted.
    public var completed: Bool { calls.allSatisfy { if case .done = $0.outcome { true } else { false } } }

    /// History's values: `call1` the command, `call1.result` "request ID", "done", "failed: …" or "not run".
    var values: [String: String] {
        var values: [String: String] = [:]
        for (index, call) in calls.enumerated() {
            let key = "call\(index + 1)"
            values[key] = call.command
            switch call.outcome {
            case .done(let id): values[key + ".result"] = id.map { "request \($0)" } ?? "done"
            case .failed(let message): values[key + ".result"] = "failed: " + message
            case .notRun: values[key + ".result"] = "not run"
            }
        }
        return values
    }
}

extension AccountState {
    /// Records a fix made from this program against the item (who, when, each call and its AWS request
    /// id, or where it stopped); `to` is `applied` or `stopped`. The re-check is recorded beside it as
    /// the item's check. Text from AWS is made plain and bounded like any text kept in a state file.
    public mutating func recordFix(_ fix: FixRecord, item itemID: String, checklist: Checklist, by: String, at: Date) throws {
        _ = try checklistItem(itemID, in: checklist)
        guard !fix.calls.isEmpty else {
            throw ModelError.invalidText(field: "A fix", message: "made no call to record")
        }
        let plain = FixRecord(calls: fix.calls.map { call in
            var call = call
            call.command = UntrustedText.line(call.command, limit: 500)
            if case .failed(let message) = call.outcome { call.outcome = .failed(UntrustedText.line(message, limit: 500)) }
            if case .done(let id?) = call.outcome { call.outcome = .done(requestID: UntrustedText.line(id, limit: 100)) }
            return call
        })
        history.append(HistoryEntry(at: at, by: by, action: .fix, item: itemID, to: plain.completed ? "applied" : "stopped",
                                    after: plain.values))
        updatedAt = at
    }
}
