@testable import AWSNative
import Foundation
import JSONFormat
import Synchronization
import Testing

/// Pages followed and joined as the CLI joins them, and the standard retry mode, on a fake transport.
@Suite struct PaginationAndRetryTests {
    /// Answers from a list, one per request, recording each request's body.
    final class Script: HTTPTransport, @unchecked Sendable {
        let replies: Mutex<[HTTPReply]>
        let bodies = Mutex<[String]>([])
        init(_ replies: [HTTPReply]) { self.replies = Mutex(replies) }
        func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool) -> Result<HTTPReply, NativeFailure> {
            bodies.withLock { $0.append(String(decoding: request.body, as: UTF8.self)) }
            return replies.withLock { $0.isEmpty ? .failure(NativeFailure(.transport, "no more")) : .success($0.removeFirst()) }
        }
    }

    static func client(_ script: Script, environment: [String: String] = [:]) -> NativeClient {
        NativeClient(credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"), environment: environment, timeout: 5,
                     cancelled: { false }, transport: script)
    }

    static func json(_ text: String, status: Int = 200) -> HTTPReply { HTTPReply(status: status, body: Array(text.utf8)) }

    @Test func jsonPagesAreJoinedWithoutTheirTokens() throws {
        let script = Script([
            Self.json(#"{"Accounts":[{"Id":"111122223333"}],"NextToken":"t1"}"#),
            Self.json(#"{"Accounts":[{"Id":"444455556666"}],"NextToken":"t2"}"#),
            Self.json(#"{"Accounts":[]}"#),
        ])
        let reply = try Self.client(script).call(["organizations", "list-accounts"], region: "us-east-1").get()
        #expect(reply == .object(["Accounts": .array([.object(["Id": .string("111122223333")]), .object(["Id": .string("444455556666")])])]))
        let bodies = script.bodies.withLock { $0 }
        #expect(bodies.count == 3)
        #expect(!bodies[0].contains("NextToken") && bodies[1].contains("NextToken") && bodies[1].contains("t1"), "\(bodies)")
        #expect(bodies[2].contains("t2"))
    }

    @Test func queryPagesFollowTheirMarkerWhileTruncated() throws {
        func page(_ serial: String, marker: String?) -> HTTPReply {
            Self.json("""
                <ListVirtualMFADevicesResponse><ListVirtualMFADevicesResult><IsTruncated>\(marker != nil)</IsTruncated>
                \(marker.map { "<Marker>\($0)</Marker>" } ?? "")<VirtualMFADevices><member><SerialNumber>\(serial)</SerialNumber></member>
                </VirtualMFADevices></ListVirtualMFADevicesResult></ListVirtualMFADevicesResponse>
                """)
        }
        let script = Script([page("a", marker: "m1"), page("b", marker: nil)])
        let reply = try Self.client(script).call(["iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned"], region: "us-east-1").get()
        #expect(reply == .object(["VirtualMFADevices": .array([.object(["SerialNumber": .string("a")]), .object(["SerialNumber": .string("b")])])]))
        #expect(script.bodies.withLock { $0 }.last?.contains("Marker=m1") == true)
    }

    @Test func aTokenGivenTwiceIsRefusedNotFollowedForever() {
        let script = Script(Array(repeating: Self.json(#"{"Accounts":[],"NextToken":"same"}"#), count: 5))
        let answer = Self.client(script).call(["organizations", "list-accounts"], region: "us-east-1")
        guard case .failure(let failure) = answer else { Issue.record("a repeated token was followed: \(answer)"); return }
        #expect(failure.kind == .malformed && failure.message.contains("same page token"))
        #expect(script.bodies.withLock { $0.count } == 2)
    }

    @Test func throttlingAndServerErrorsAreTriedAgainOthersAreNot() throws {
        let throttled = Self.json(#"{"__type":"TooManyRequestsException","message":"slow down"}"#, status: 400)
        let script = Script([throttled, Self.json("<html>busy</html>", status: 503), Self.json(#"{"Organization":{"Id":"o-1"}}"#)])
        let reply = try Self.client(script).call(["organizations", "describe-organization"], region: "us-east-1").get()
        #expect(reply == .object(["Organization": .object(["Id": .string("o-1")])]))
        #expect(script.bodies.withLock { $0.count } == 3)

        let denied = Script([Self.json(#"{"__type":"com.amazon#AccessDeniedException","message":"no"}"#, status: 400), throttled])
        let failure = Self.client(denied).call(["organizations", "describe-organization"], region: "us-east-1")
        #expect(failure == .failure(NativeFailure(.service, status: 400, code: "AccessDeniedException", "no")))
        #expect(denied.bodies.withLock { $0.count } == 1, "an access denial is not asked again")

        let once = Script([throttled, throttled])
        _ = Self.client(once, environment: ["AWS_MAX_ATTEMPTS": "1"]).call(["organizations", "describe-organization"], region: "us-east-1")
        #expect(once.bodies.withLock { $0.count } == 1, "AWS_MAX_ATTEMPTS=1 makes one attempt")
    }

    @Test func aFleetsDeadlineGivesThrottledCallsMoreAttemptsInTheOneRetryLayer() throws {
        let throttled = Self.json(#"{"__type":"ThrottlingException","message":"slow down"}"#, status: 400)
        let ok = Self.json(#"{"Organization":{"Id":"o-1"}}"#)
        let standard = Script(Array(repeating: throttled, count: 4) + [ok])
        guard case .failure = Self.client(standard).call(["organizations", "describe-organization"], region: "us-east-1") else {
            Issue.record("more than the standard three attempts without a deadline"); return
        }
        #expect(standard.bodies.withLock { $0.count } == 3)
        let patient = Script(Array(repeating: throttled, count: 4) + [ok])
        var client = Self.client(patient)
        client.throttledUntil = Date().addingTimeInterval(120)
        #expect((try? client.call(["organizations", "describe-organization"], region: "us-east-1").get()) != nil)
        #expect(patient.bodies.withLock { $0.count } == 5, "throttling tried again while the fleet's deadline allows")
    }

    @Test func theBudgetRunsOutAndRefills() {
        let budget = RetryBudget()
        for _ in 0..<(RetryBudget.capacity / StandardRetry.retryCost) { #expect(budget.take(StandardRetry.retryCost)) }
        #expect(!budget.take(StandardRetry.retryCost), "an empty budget allows no retry")
        budget.refund(StandardRetry.retryCost)
        #expect(budget.take(StandardRetry.retryCost))
    }

    @Test func aReplyOutsideItsShapeIsRefused() {
        let script = Script([Self.json(#"{"Accounts":{"Id":"not a list"}}"#)])
        guard case .failure(let failure) = Self.client(script).call(["organizations", "list-accounts"], region: "us-east-1") else {
            Issue.record("a reply of the wrong shape was read"); return
        }
        #expect(failure.kind == .malformed)
    }

    @Test(arguments: [("2024-05-01T12:00:00Z", 1_714_564_800.0), ("2024-05-01T12:00:00.5Z", 1_714_564_800.5),
                      ("2024-05-01T14:00:00+02:00", 1_714_564_800.0), ("1970-01-01T00:00:00Z", 0)])
    func isoTimestampsAreRead(_ text: String, _ seconds: Double) {
        #expect(CLITimestamp.parse(text) == seconds)
    }

    @Test(arguments: ["2024-13-01T12:00:00Z", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00", "2024-05-01T12:00:00+0200", "x"])
    func malformedTimestampsAreNot(_ text: String) {
        #expect(CLITimestamp.parse(text) == nil)
    }

    @Test func aNullInAListKeepsItsPlace() throws {
        let script = Script([Self.json(#"{"Accounts":[{"Id":"111122223333"},null]}"#)])
        let reply = try Self.client(script).call(["organizations", "list-accounts"], region: "us-east-1").get()
        #expect(reply.object?["Accounts"]?.array?.count == 2, "a list never reads shorter than it came: \(reply)")
    }
}
