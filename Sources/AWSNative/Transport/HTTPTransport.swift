import CCurl
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

/// libcurl, opened when the first request is made: TLS, `HTTPS_PROXY`/`NO_PROXY` (libcurl reads
/// them), a CA bundle when one is named, and a kept connection per handle, handles shared through a pool so a
/// fleet's workers reuse connections to each endpoint. Not async-http-client: linking swift-nio,
/// its TLS and async-http-client into the program doubled its size and start-up relocations and
/// made the walkthrough's first frame 21% slower (8.6 → 10.5 ms, alternating runs), which the
/// program exists to keep low; libcurl costs nothing until a check asks AWS.
final class CurlTransport: HTTPTransport, Sendable {
    static let shared = CurlTransport()
    private let idle = Mutex<[Handle]>([])

    /// The shared handles, trusting `caBundle` (`AWS_CA_BUNDLE`, a profile's `ca_bundle`) instead of the system's store.
    func trusting(_ caBundle: String?) -> any HTTPTransport {
        guard let caBundle, !caBundle.isEmpty else { return self }
        return Trusting(base: self, caBundle: caBundle)
    }

    struct Trusting: HTTPTransport {
        let base: CurlTransport
        let caBundle: String
        func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool)
            -> Result<HTTPReply, NativeFailure> {
            base.perform(request, url: url, timeout: timeout, cancelled: cancelled, caBundle: caBundle)
        }
    }

    /// A libcurl easy handle; used by one request at a time.
    final class Handle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
        init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
        deinit { ccurl_handle_free(pointer) }
    }

    /// Why libcurl cannot be used here, or nil when it can. `ROOT_CHECKLIST_LIBCURL` names another
    /// libcurl to open (a system that keeps it elsewhere).
    static let unavailable: String? = {
        var reason = [CChar](repeating: 0, count: 200)
        if ccurl_open(getenv("ROOT_CHECKLIST_LIBCURL"), &reason, reason.count) == 1 { return nil }
        return String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool)
        -> Result<HTTPReply, NativeFailure> {
        perform(request, url: url, timeout: timeout, cancelled: cancelled, caBundle: nil)
    }

    func perform(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool,
                 caBundle: String?) -> Result<HTTPReply, NativeFailure> {
        let endpoint = url.prefix { $0 != "?" }
        if let reason = Self.unavailable { return .failure(NativeFailure(.unsupported, "cannot make HTTPS requests: \(reason)")) }
        // OpenSSL would open a FIFO or a device named as the bundle and wait on it past any deadline.
        if let caBundle, !Self.isRegularFile(caBundle) {
            return .failure(NativeFailure(.transport, "the CA bundle \(caBundle) is not a regular file: check AWS_CA_BUNDLE or the profile's ca_bundle"))
        }
        guard let handle = idle.withLock({ $0.popLast() }) ?? ccurl_handle_new().map(Handle.init) else {
            return .failure(NativeFailure(.transport, "libcurl gave no handle"))
        }
        let lines = request.headers.filter { $0.name.lowercased() != "host" }.map { "\($0.name): \($0.value)" }
        var reply = ccurl_reply()
        let box = Unmanaged.passRetained(CancelBox(cancelled))
        defer { box.release() }
        withCStrings(lines) { headers in
            request.body.withUnsafeBufferPointer { body in
                ccurl_perform(handle.pointer, request.method, url, headers, lines.count, body.baseAddress, body.count,
                              max(1, Int(timeout * 1000)), caBundle, NativeClient.maxReply,
                              { context in Unmanaged<CancelBox>.fromOpaque(context!).takeUnretainedValue().cancelled() ? 1 : 0 },
                              box.toOpaque(), &reply)
            }
        }
        idle.withLock { $0.append(handle) }
        defer { ccurl_free(reply.body) }
        switch reply.error {
        case 0:
            let body = reply.body.map { Array(UnsafeBufferPointer(start: $0, count: reply.length)) } ?? []
            return .success(HTTPReply(status: reply.status, body: body))
        case 28: return .failure(NativeFailure(.timedOut, "\(endpoint) did not answer within \(Int(timeout)) s"))
        case 42: return .failure(NativeFailure(.cancelled, "the check was cancelled"))
        case 23: return .failure(NativeFailure(.malformed, "the reply from \(endpoint) is larger than \(NativeClient.maxReply / 1024 / 1024) MiB"))
        default:
            let message = withUnsafeBytes(of: reply.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return .failure(NativeFailure(.transport, "no answer from \(endpoint): \(message)"))
        }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    final class CancelBox {
        let cancelled: @Sendable () -> Bool
        init(_ cancelled: @escaping @Sendable () -> Bool) { self.cancelled = cancelled }
    }

    /// The strings as a C array of C strings, alive for the call.
    private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
