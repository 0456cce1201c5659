@testable import AWSNative
import Foundation
import Synchronization
import Testing

/// The real transport against a listener that never answers: its deadline holds, and a
/// cancellation ends the request in flight at once.
@Suite struct CurlTransportTests {
    /// A loopback port that accepts connections (the kernel's backlog) and never says a word.
    final class Silent {
        let fd: Int32
        let port: Int
        init() {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            listen(fd, 8)
            port = Int(UInt16(bigEndian: address.sin_port))
        }
        deinit { close(fd) }
    }

    static var request: SignableRequest { SignableRequest(method: "POST", path: "/", headers: [("Content-Type", "application/x-amz-json-1.1")], body: Array("{}".utf8)) }

    @Test func aSilentEndpointTimesOut() throws {
        try #require(CurlTransport.unavailable == nil, "libcurl: \(CurlTransport.unavailable ?? "")")
        let silent = Silent()
        let start = Date()
        let answer = CurlTransport.shared.send(Self.request, url: "http://127.0.0.1:\(silent.port)/", timeout: 1, cancelled: { false })
        #expect(Date().timeIntervalSince(start) < 5)
        guard case .failure(let failure) = answer else { Issue.record("a silent endpoint answered"); return }
        #expect(failure.kind == .timedOut, "\(failure)")
    }

    @Test func cancellingEndsTheRequestInFlight() throws {
        try #require(CurlTransport.unavailable == nil)
        let silent = Silent()
        let start = Date()
        let answer = CurlTransport.shared.send(Self.request, url: "http://127.0.0.1:\(silent.port)/", timeout: 30,
                                               cancelled: { Date().timeIntervalSince(start) > 0.3 })
        #expect(Date().timeIntervalSince(start) < 3, "cancelled within a few of libcurl's progress calls")
        guard case .failure(let failure) = answer else { Issue.record("a silent endpoint answered"); return }
        #expect(failure.kind == .cancelled, "\(failure)")
    }

    @Test func onlyHTTPAndHTTPSAreSpoken() throws {
        try #require(CurlTransport.unavailable == nil)
        let answer = CurlTransport.shared.send(Self.request, url: "file:///etc/passwd", timeout: 2, cancelled: { false })
        guard case .failure(let failure) = answer else { Issue.record("a file URL was read"); return }
        #expect(failure.kind == .transport, "\(failure)")
    }

    @Test func aNamedCABundleIsTheOneTrusted() throws {
        try #require(CurlTransport.unavailable == nil)
        let silent = Silent()
        // A regular file that holds no certificate: libcurl must read it, and trust nothing.
        let empty = NSTemporaryDirectory() + "rc-ca-\(UUID().uuidString).pem"
        FileManager.default.createFile(atPath: empty, contents: Data())
        defer { unlink(empty) }
        let answer = CurlTransport.shared.trusting(empty)
            .send(Self.request, url: "https://127.0.0.1:\(silent.port)/", timeout: 2, cancelled: { false })
        guard case .failure(let failure) = answer else { Issue.record("a request went out without its CA bundle"); return }
        #expect(failure.kind == .transport && failure.message.lowercased().contains("cert"), "\(failure)")
    }

    /// One request read off an accepted connection, answered with a fixed reply.
    final class Seen: Sendable { let text = Mutex("") }

    static func serveOnce(_ silent: Silent) -> Seen {
        let seen = Seen()
        let fd = silent.fd
        let thread = Thread {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            // Until the head and as much body as it announces have come (they may come in pieces).
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 8192)
            while received.count < 65536 {
                let text = String(decoding: received, as: UTF8.self)
                if let end = text.range(of: "\r\n\r\n") {
                    let length = text[..<end.lowerBound].split(separator: "\r\n")
                        .first { $0.lowercased().hasPrefix("content-length:") }.flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                    if text[end.upperBound...].utf8.count >= length { break }
                }
                let count = read(client, &buffer, buffer.count)
                if count <= 0 { break }
                received += buffer.prefix(count)
            }
            seen.text.withLock { $0 = String(decoding: received, as: UTF8.self) }
            let reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".utf8)
            _ = reply.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
        }
        thread.start()
        return seen
    }

    @Test func aGETSendsNoBodyAndThePOSTItsBody() throws {
        try #require(CurlTransport.unavailable == nil)
        let silent = Silent()
        let seen = Self.serveOnce(silent)
        let get = SignableRequest(method: "GET", path: "/latest/meta-data/", headers: [("X-aws-ec2-metadata-token", "t")])
        let answer = CurlTransport.shared.send(get, url: "http://127.0.0.1:\(silent.port)/latest/meta-data/", timeout: 5, cancelled: { false })
        let reply = try answer.get()
        #expect(reply.status == 200 && reply.body == Array("ok".utf8))
        let request = seen.text.withLock { $0 }
        #expect(request.hasPrefix("GET /latest/meta-data/ HTTP/1.1\r\n"), "\(request)")
        #expect(!request.lowercased().contains("content-type") && !request.lowercased().contains("content-length"), "\(request)")
        #expect(request.contains("X-aws-ec2-metadata-token: t\r\n"))

        let again = Silent()
        let posted = Self.serveOnce(again)
        _ = try CurlTransport.shared.send(Self.request, url: "http://127.0.0.1:\(again.port)/", timeout: 5, cancelled: { false }).get()
        let post = posted.text.withLock { $0 }
        #expect(post.hasPrefix("POST / HTTP/1.1\r\n") && post.hasSuffix("\r\n\r\n{}") && !post.contains("Expect:"), "\(post)")
    }

    @Test func aFIFONamedAsTheCABundleIsNotOpened() throws {
        try #require(CurlTransport.unavailable == nil)
        let fifo = NSTemporaryDirectory() + "rc-ca-\(UUID().uuidString)"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let start = Date()
        let answer = CurlTransport.shared.trusting(fifo).send(Self.request, url: "https://127.0.0.1:9/", timeout: 2, cancelled: { false })
        #expect(Date().timeIntervalSince(start) < 1, "nothing waited on the FIFO")
        guard case .failure(let failure) = answer else { Issue.record("a request went out"); return }
        #expect(failure.message.contains("not a regular file"), "\(failure)")
    }
}
