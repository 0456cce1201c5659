@testable import AWSNative
import Crypto
import Foundation
import Testing

/// AWS's Signature Version 4 test suite (its published vectors, in `SigV4TestSuite/` with AWS's
/// notice): each raw request is read, signed, and its canonical request and Authorization header
/// compared with AWS's. Left out: the `normalize-path` group (a signer that rewrites `/./` and `//`
/// in the path it sends; botocore signs the path as sent, as this client does, and no call has
/// such a path) and `post-sts-header-after` (a token added after signing; botocore, as this
/// client, signs it, which `post-sts-header-before` holds).
@Suite struct SigV4TestSuiteTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("SigV4TestSuite")
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".req") }.map { String($0.dropLast(4)) }.sorted()
    static let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z
    /// Vectors whose files disagree with each other (checked below, so a corrected copy is noticed).
    static let selfContradicting: Set<String> = ["post-x-www-form-urlencoded-parameters"]

    @Test func theSuiteIsHere() {
        #expect(Self.names.count == 23, "\(Self.names)")
    }

    @Test(arguments: names) func signsAsAWSDoes(_ name: String) throws {
        func file(_ suffix: String) throws -> String {
            try String(contentsOf: Self.directory.appendingPathComponent(name + suffix), encoding: .utf8)
        }
        let (request, token) = try Self.parse(file(".req"))
        var credentials = Self.credentials
        credentials.sessionToken = token
        var signed = SigV4.sign(request, credentials: credentials, region: "us-east-1", service: "service", date: Self.date)
        // The canonical request is of what was signed: the request as sent, less its Authorization.
        signed.headers.removeAll { $0.name == "Authorization" }
        #expect(SigV4.canonicalRequest(signed).text == (try file(".creq")), "\(name): canonical request")
        // The two form-urlencoded vectors disagree with themselves: their canonical request signs
        // Content-Length, their Authorization was made without it (its SignedHeaders say so). The
        // Authorization is checked for the headers it names.
        let authorization = try file(".authz")
        let named = authorization.firstRange(of: "SignedHeaders=").map { authorization[$0.upperBound...].prefix { $0 != "," } }
            .map { Set($0.split(separator: ";").map(String.init)) } ?? []
        var asNamed = request
        asNamed.headers.removeAll { !named.contains($0.name.lowercased()) && $0.name.lowercased() != "x-amz-date" }
        let again = SigV4.sign(asNamed, credentials: credentials, region: "us-east-1", service: "service", date: Self.date)
        if Self.selfContradicting.contains(name) {
            // Its string to sign (.sts) is not over its own canonical request: no signer can give its Authorization.
            let sts = try file(".sts").split(separator: "\n").last.map(String.init)
            #expect(sts != SigV4.hex(SHA256.hash(data: Array(try file(".creq").utf8))), "\(name) is consistent after all: check it whole")
            return
        }
        #expect(again.headers.first { $0.name == "Authorization" }?.value == authorization, "\(name): Authorization")
    }

    /// A raw request: `METHOD URI HTTP/1.1`, headers (a line starting with a space continues the
    /// header above with another value), a blank line, the body. The session token is taken out:
    /// the signer adds it.
    static func parse(_ text: String) -> (SignableRequest, token: String?) {
        let (head, body) = text.range(of: "\n\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (text, "")
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst().split(separator: " ")
        let method = String(requestLine[0])
        let uri = requestLine.dropFirst().dropLast().joined(separator: " ")
        var headers: [(name: String, value: String)] = []
        var token: String?
        for line in lines {
            if line.first == " ", let last = headers.last {
                headers.append((last.name, line))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let (name, value) = (String(line[..<colon]), String(line[line.index(after: colon)...]))
            if name.lowercased() == "x-amz-security-token" { token = value; continue }
            headers.append((name, value))
        }
        let path = String(uri.prefix { $0 != "?" })
        let query: [(name: String, value: String)] = uri.contains("?")
            ? uri.drop { $0 != "?" }.dropFirst().split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            } : []
        return (SignableRequest(method: method, path: path, query: query, headers: headers, body: Array(body.utf8)), token)
    }
}
