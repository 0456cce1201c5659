import AsyncHTTPClient
import Dispatch
import NIOCore
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
struct SharedHTTPTransport: HTTPTransport {
    /// Sends from a synchronous caller (the checks run on worker threads) and waits, looking at
    /// `cancelled` every 50 ms: cancelling ends the request in flight.
    func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool)
        -> Result<HTTPReply, NativeFailure> {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<HTTPReply, NativeFailure>?>(nil)
        var http = HTTPClientRequest(url: url)
        http.method = .RAW(value: request.method)
        for (name, value) in request.headers where name.lowercased() != "host" { http.headers.add(name: name, value: value) }
        http.body = .bytes(request.body)
        let sendable = http
        let endpoint = url.prefix { $0 != "?" }
        let task = Task {
            let result: Result<HTTPReply, NativeFailure>
            do {
                let response = try await HTTPClient.shared.execute(sendable, timeout: .milliseconds(Int64(timeout * 1000)))
                let buffer = try await response.body.collect(upTo: NativeClient.maxReply)
                result = .success(HTTPReply(status: Int(response.status.code), body: Array(buffer.readableBytesView)))
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                result = .failure(NativeFailure(.timedOut, "\(endpoint) did not answer within \(Int(timeout)) s"))
            } catch is CancellationError {
                result = .failure(NativeFailure(.cancelled, "the check was cancelled"))
            } catch let error as HTTPClientError where error == .cancelled {
                result = .failure(NativeFailure(.cancelled, "the check was cancelled"))
            } catch {
                result = .failure(NativeFailure(.transport, "no answer from \(endpoint): \(error)"))
            }
            outcome.withLock { $0 = result }
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
