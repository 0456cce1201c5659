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
        let answer = CurlTransport.shared.trusting("/nonexistent/ca.pem")
            .send(Self.request, url: "https://127.0.0.1:\(silent.port)/", timeout: 2, cancelled: { false })
        guard case .failure(let failure) = answer else { Issue.record("a request went out without its CA bundle"); return }
        #expect(failure.kind == .transport && failure.message.lowercased().contains("cert"), "\(failure)")
    }
}
