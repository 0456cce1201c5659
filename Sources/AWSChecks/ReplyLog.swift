import ChecklistModel
import Synchronization
import SystemImports

/// Every call one verification of one account made and what AWS answered, with the item records
/// the checks read: enough to decide each result again offline (`RecordedRun`), and nothing
/// secret (credentials in a reply are dropped before anything is kept).
public struct ReplyLog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var arguments: [String]
        public var region: String?
        /// Asked of the organization's management account in a fleet run.
        public var management: Bool
        public var reply: [String: JSONValue]?
        public var failure: CallFailure?
    }

    public var accountID: String
    public var at: Date
    public var region: String?
    public var identityCenterFromManagement: Bool
    public var hasManagement: Bool
    /// The status and evidence of each checked item, as the checks read them.
    public var records: [String: ItemRecord]
    public var entries: [Entry]

    static let format = "root-checklist-replies"
    /// Reply members that carry credentials, dropped wherever they appear.
    static let secretKeys: Set<String> = ["SecretAccessKey", "SessionToken", "Password", "SecretKey"]

    public var document: JSONValue {
        var calls: [JSONValue] = []
        for entry in entries {
            var members: [String: JSONValue] = ["aws": .array(entry.arguments.map(JSONValue.string)), "management": .bool(entry.management)]
            members["region"] = entry.region.map(JSONValue.string)
            if let reply = entry.reply { members["reply"] = Self.scrubbed(.object(reply)) }
            if let failure = entry.failure {
                var described: [String: JSONValue] = ["kind": .string(failure.kind.rawValue), "message": .string(failure.message)]
                described["code"] = failure.code.map(JSONValue.string)
                members["failure"] = .object(described)
            }
            calls.append(.object(members))
        }
        var document: [String: JSONValue] = [
            "format": .string(Self.format), "formatVersion": .number(JSONNumber(1)), "accountId": .string(accountID),
            "at": .string(ISODate.format(at)), "identityCenterFromManagement": .bool(identityCenterFromManagement),
            "hasManagement": .bool(hasManagement), "calls": .array(calls),
            "records": .object(records.mapValues { record in
                .object(["status": .string(record.status.rawValue), "evidence": .object(record.evidence.mapValues(JSONValue.string))])
            }),
        ]
        document["region"] = region.map(JSONValue.string)
        return .object(document)
    }

    public var bytes: [UInt8] { JSONPrettyWriter.bytes(document) }

    /// Reads a log this program wrote; anything else is refused with what is wrong.
    public init(_ data: Data) throws(ReplyLogError) {
        let value: JSONValue
        do { value = try JSONParser.parse(data) } catch { throw ReplyLogError("is not JSON (\(error))") }
        guard let root = value.object, root["format"]?.string == Self.format, root["formatVersion"]?.number?.integer == 1 else {
            throw ReplyLogError("is not a reply log of this program (format root-checklist-replies, version 1)")
        }
        guard let account = root["accountId"]?.string, EvidenceValidator.isAccountID(account),
              let at = root["at"]?.string.flatMap(ISODate.parseAnyForm), let calls = root["calls"]?.array,
              let records = root["records"]?.object else {
            throw ReplyLogError("lacks its account, time, calls or records")
        }
        accountID = account
        self.at = at
        region = root["region"]?.string
        identityCenterFromManagement = root["identityCenterFromManagement"]?.bool ?? false
        hasManagement = root["hasManagement"]?.bool ?? false
        self.records = [:]
        for (id, member) in records {
            guard let object = member.object, let status = object["status"]?.string.flatMap(ItemStatus.init) else {
                throw ReplyLogError("has an unreadable record for \(UntrustedText.line(id, limit: 64))")
            }
            var evidence: [String: String] = [:]
            for (key, value) in object["evidence"]?.object ?? [:] { evidence[key] = value.string }
            self.records[id] = ItemRecord(status: status, evidence: evidence)
        }
        entries = []
        for call in calls {
            guard let object = call.object, let arguments = object["aws"]?.array?.compactMap(\.string), !arguments.isEmpty else {
                throw ReplyLogError("has a call without its aws arguments")
            }
            var entry = Entry(arguments: arguments, region: object["region"]?.string, management: object["management"]?.bool ?? false)
            if let reply = object["reply"]?.object {
                entry.reply = reply
            } else if let failure = object["failure"]?.object, let kind = failure["kind"]?.string.flatMap(CallFailure.Kind.init),
                      let message = failure["message"]?.string {
                entry.failure = CallFailure(kind, code: failure["code"]?.string, message)
            } else {
                throw ReplyLogError("has a call with neither a reply nor a failure")
            }
            entries.append(entry)
        }
    }

    init(accountID: String, at: Date, region: String?, identityCenterFromManagement: Bool, hasManagement: Bool,
         records: [String: ItemRecord], entries: [Entry]) {
        self.accountID = accountID
        self.at = at
        self.region = region
        self.identityCenterFromManagement = identityCenterFromManagement
        self.hasManagement = hasManagement
        self.records = records
        self.entries = entries
    }

    /// The reply without any member that carries a credential.
    static func scrubbed(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, member) in members where !secretKeys.contains(key) {
                // An STS credential set is dropped whole: its key id names a live session.
                if key == "Credentials", member.object?["SecretAccessKey"] != nil || member.object?["SessionToken"] != nil { continue }
                kept[key] = scrubbed(member)
            }
            return .object(kept)
        case .array(let elements): return .array(elements.map(scrubbed))
        default: return value
        }
    }
}

public struct ReplyLogError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A source that passes every call to `inner` and writes it down (`log(…)` makes the `ReplyLog`).
public struct RecordingReplies: ReplySource {
    final class Book: Sendable {
        let entries = Mutex<[ReplyLog.Entry]>([])
    }
    let inner: any ReplySource
    let book: Book
    let management: Bool

    public init(_ inner: any ReplySource) {
        self.init(inner: inner, book: Book(), management: false)
    }

    init(inner: any ReplySource, book: Book, management: Bool) {
        self.inner = inner
        self.book = book
        self.management = management
    }

    public var source: CheckSource { inner.source }
    public var identityCenterFromManagement: Bool { inner.identityCenterFromManagement }
    public var organizationManagement: (any ReplySource)? {
        inner.organizationManagement.map { RecordingReplies(inner: $0, book: book, management: true) }
    }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        let answer = inner.reply(call, region: region)
        var entry = ReplyLog.Entry(arguments: call.arguments, region: region, management: management)
        switch answer {
        case .success(let reply): entry.reply = reply.values
        case .failure(let failure): entry.failure = failure
        }
        book.entries.withLock { $0.append(entry) }
        return answer
    }

    /// What was asked and answered, for the account checked at `at` with these item records.
    public func log(accountID: String, at: Date, region: String?, records: [String: ItemRecord]) -> ReplyLog {
        ReplyLog(accountID: accountID, at: at, region: region, identityCenterFromManagement: inner.identityCenterFromManagement,
                 hasManagement: inner.organizationManagement != nil, records: records, entries: book.entries.withLock { $0 })
    }
}

/// Answers from a `ReplyLog`: each call gets the last answer the log holds for it (a call asked
/// again, like a credential report still being made, ended with its last answer).
public struct RecordedReplies: ReplySource {
    let answers: [String: Result<JSONReply, CallFailure>]
    let log: ReplyLog
    let management: Bool
    public var source: CheckSource { .file }
    public var identityCenterFromManagement: Bool { log.identityCenterFromManagement }
    public var organizationManagement: (any ReplySource)? { log.hasManagement && !management ? RecordedReplies(log, management: true) : nil }

    public init(_ log: ReplyLog, management: Bool = false) {
        self.log = log
        self.management = management
        var answers: [String: Result<JSONReply, CallFailure>] = [:]
        for entry in log.entries where entry.management == management {
            let key = Self.key(entry.arguments, entry.region)
            if let reply = entry.reply { answers[key] = .success(JSONReply(reply)) } else if let failure = entry.failure { answers[key] = .failure(failure) }
        }
        self.answers = answers
    }

    static func key(_ arguments: [String], _ region: String?) -> String { arguments.joined(separator: "\u{0}") + "@" + (region ?? "") }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        answers[Self.key(call.arguments, region)]
            ?? .failure(CallFailure(.missingFile, "the recorded run holds no reply to aws \(call.arguments.prefix(2).joined(separator: " "))"))
    }
}

/// A recorded verification, decided again offline: what each item's check says from those replies.
public struct RecordedRun: Sendable {
    public let log: ReplyLog
    public init(_ log: ReplyLog) { self.log = log }

    /// The results the log's replies lead to for `items` (every checked item when nil), stamped with the log's time.
    public func results(checklist: Checklist, items: Set<String>? = nil) throws(VerifyError) -> [String: CheckResult] {
        var state = AccountState(account: AccountInfo(id: log.accountID), checklist: ChecklistRef(id: checklist.id, version: checklist.version),
                                 createdAt: log.at, by: "verify-bundle")
        state.items = log.records
        let run = try Verifier(source: RecordedReplies(log), region: log.region)
            .verify(state: state, checklist: checklist, only: items ?? Set(log.records.keys), now: log.at)
        var results: [String: CheckResult] = [:]
        for check in run.results { results[check.itemID] = check.result }
        return results
    }
}
