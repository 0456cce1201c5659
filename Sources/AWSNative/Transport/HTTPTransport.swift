import AsyncHTTPClient
import Dispatch
import NIOCore
import NIOHTTP1
import Synchronization
import SystemImports

/// An HTTP answer: its status and body.
struct HTTPReply: Sendable {
    var status: Int
    var body: [UInt8]
}

/// Where signed requests go: the shared connection pool, or a test's fake.
protocol HTTPTransport: Sendable {
    func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool)
        -> Result<HTTPReply, NativeFailure>
}

/// async-http-client's shared client: one connection pool for the process, so a fleet's accounts
/// reuse connections to each endpoint; it honours HTTPS_PROXY/NO_PROXY from the environment.
/// Its event-loop API, not async/await: a synchronous caller waiting on a Swift task would hold a
/// thread of the cooperative pool that task needs (two tests at once on two cores deadlocked).
struct SharedHTTPTransport: HTTPTransport {
    /// Sends from a synchronous caller (the checks run on worker threads) and waits, looking at
    /// `cancelled` every 50 ms: cancelling ends the request in flight.
    func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool)
        -> Result<HTTPReply, NativeFailure> {
        let endpoint = url.prefix { $0 != "?" }
        var headers = HTTPHeaders()
        for (name, value) in request.headers where name.lowercased() != "host" { headers.add(name: name, value: value) }
        let http: HTTPClient.Request
        do {
            http = try HTTPClient.Request(url: url, method: .RAW(value: request.method), headers: headers, body: .bytes(request.body))
        } catch {
            return .failure(NativeFailure(.unsupported, "not an endpoint URL: \(endpoint)"))
        }
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<HTTPReply, NativeFailure>?>(nil)
        let task = HTTPClient.shared.execute(request: http, delegate: ResponseAccumulator(request: http, maxBodySize: NativeClient.maxReply),
                                             deadline: .now() + .milliseconds(Int64(timeout * 1000)))
        task.futureResult.whenComplete { result in
            let reply: Result<HTTPReply, NativeFailure>
            switch result {
            case .success(let response):
                reply = .success(HTTPReply(status: Int(response.status.code), body: response.body.map { Array($0.readableBytesView) } ?? []))
            case .failure(let error as HTTPClientError) where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout:
                reply = .failure(NativeFailure(.timedOut, "\(endpoint) did not answer within \(Int(timeout)) s"))
            case .failure(let error as HTTPClientError) where error == .cancelled:
                reply = .failure(NativeFailure(.cancelled, "the check was cancelled"))
            case .failure(let error):
                reply = .failure(NativeFailure(.transport, "no answer from \(endpoint): \(error)"))
            }
            outcome.withLock { $0 = reply }
            done.signal()
        }
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if cancelled() {
                task.cancel()
                return .failure(NativeFailure(.cancelled, "the check was cancelled"))
            }
        }
        return outcome.withLock { $0 } ?? .failure(NativeFailure(.transport, "no answer from \(endpoint)"))
    }
}
