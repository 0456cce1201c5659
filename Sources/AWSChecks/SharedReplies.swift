import ChecklistModel
import Synchronization
import SystemImports

/// Answers of the management account that are the same for every member (its organization trail,
/// the filters, alarms and subscribers on it), asked once per fleet run instead of once per member.
/// Only those services, and only answers, are kept: credentials (`sts`) are never reused, and a
/// failure is asked again for the next member.
public final class SharedReplies: Sendable {
    private let answers = Mutex<[String: JSONReply]>([:])
    static let services: Set<String> = ["cloudtrail", "logs", "cloudwatch", "sns"]

    public init() {}

    /// `source` (the management account's, as this account's run reaches it) with the shared answers in front.
    public func wrapping(_ source: any ReplySource) -> any ReplySource { Front(inner: source, shared: self) }

    struct Front: ReplySource {
        let inner: any ReplySource
        let shared: SharedReplies
        var source: CheckSource { inner.source }

        func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
            guard let service = call.arguments.first, SharedReplies.services.contains(service) else {
                return inner.reply(call, region: region)
            }
            let key = call.arguments.joined(separator: "\u{0}") + "@" + (region ?? "")
            if let known = shared.answers.withLock({ $0[key] }) { return .success(known) }
            let answer = inner.reply(call, region: region)
            if case .success(let reply) = answer { shared.answers.withLock { $0[key] = reply } }
            return answer
        }
    }
}
