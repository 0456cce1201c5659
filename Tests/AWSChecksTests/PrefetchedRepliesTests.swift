@testable import AWSChecks
import ChecklistModel
import Foundation
import Synchronization
import Testing

/// The calls every run asks go out together once the identity is confirmed, and each is answered
/// from that one round.
@Suite struct PrefetchedRepliesTests {
    final class Slow: ReplySource, Sendable {
        let asked = Mutex<[String]>([])
        let inFlight = Mutex((now: 0, most: 0))
        var source: CheckSource { .awsCLI }
        func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
            asked.withLock { $0.append(call.arguments.prefix(2).joined(separator: " ")) }
            inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            usleep(200_000)
            inFlight.withLock { $0.now -= 1 }
            return .success(JSONReply(["Call": .string(call.arguments[1])]))
        }
    }

    @Test func theIdentityComesFirstThenTheRestAtOnce() throws {
        let slow = Slow()
        let replies = PrefetchedReplies(concurrent: slow, calls: PrefetchedReplies.calls, region: "eu-west-1")
        _ = replies.reply(.callerIdentity, region: "eu-west-1")
        #expect(slow.asked.withLock { $0 } == ["sts get-caller-identity"], "nothing else is asked before the identity is confirmed")
        let start = Date()
        let summary = try replies.reply(.accountSummary, region: "eu-west-1").get()
        #expect(summary["Call"]?.string == "get-account-summary")
        #expect(Date().timeIntervalSince(start) < 1.0, "seven calls of 0.2 s each took \(Date().timeIntervalSince(start)) s")
        #expect(slow.inFlight.withLock { $0.most } >= 4, "the calls went out together")
        #expect(slow.asked.withLock { $0.count } == 1 + PrefetchedReplies.calls.count)
        _ = replies.reply(.trails, region: "eu-west-1")
        _ = replies.reply(.organization, region: "eu-west-1")
        #expect(slow.asked.withLock { $0.count } == 1 + PrefetchedReplies.calls.count, "answered from the round already made")
        _ = replies.reply(.identityCenterInstances, region: "eu-west-1")
        #expect(slow.asked.withLock { $0.last } == "sso-admin list-instances", "any other call is asked as it comes")
    }

    @Test func theCredentialReportIsNeverAskedAhead() {
        #expect(!PrefetchedReplies.calls.contains(.credentialReport) && !PrefetchedReplies.calls.contains(.generateCredentialReport))
    }
}
