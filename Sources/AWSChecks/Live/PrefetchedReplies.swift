import ChecklistModel
import Dispatch
import Synchronization
import SystemImports

/// The calls a whole verification of an account asks whatever it finds, made all at once when the
/// first of them is asked (after the identity check, which still comes first and alone), so
/// `verify ACCOUNT` waits about one round trip instead of one per call. Below the recorder: the
/// kept replies are still those the checks asked, in their order. Only for a source that takes
/// calls at once (the account's own credentials, not a member's renewing session) and read calls
/// that need no earlier answer (not the credential report, which is generated first).
public final class PrefetchedReplies: ReplySource, Sendable {
    let inner: any ReplySource
    let calls: [AWSCall]
    let region: String?
    private let answers = Mutex<[String: Result<JSONReply, CallFailure>]?>(nil)
    public var source: CheckSource { inner.source }
    public var identityCenterFromManagement: Bool { inner.identityCenterFromManagement }
    public var organizationManagement: (any ReplySource)? { inner.organizationManagement }

    public static let calls: [AWSCall] = [.organization, .accountSummary, .virtualMFADevices, .contactInformation, .securityContact,
                                          .trails, .eventRules]

    public convenience init(_ inner: any LiveReplies, region: String?) {
        self.init(concurrent: inner, calls: Self.calls, region: region)
    }

    init(concurrent inner: any ReplySource, calls: [AWSCall], region: String?) {
        self.inner = inner
        self.calls = calls
        self.region = region
    }

    static func key(_ call: AWSCall, _ region: String?) -> String { call.arguments.joined(separator: "\u{0}") + "@" + (region ?? "") }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        guard call != .callerIdentity else { return inner.reply(call, region: region) }
        let known = answers.withLock { answers in
            if answers == nil { answers = fetchAll() }
            return answers?[Self.key(call, region)]
        }
        return known ?? inner.reply(call, region: region)
    }

    /// Each call on its own worker: they wait on the network, not on the cores.
    private func fetchAll() -> [String: Result<JSONReply, CallFailure>] {
        let found = Mutex<[String: Result<JSONReply, CallFailure>]>([:])
        let group = DispatchGroup()
        for (index, call) in calls.enumerated() {
            DispatchQueue(label: "root-checklist.prefetch.\(index)").async(group: group) { [inner, region] in
                let answer = inner.reply(call, region: region)
                found.withLock { $0[Self.key(call, region)] = answer }
            }
        }
        group.wait()
        return found.withLock { $0 }
    }
}
