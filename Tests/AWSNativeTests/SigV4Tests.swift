import AWSNative
import Crypto
import Foundation
import TestSupport
import Testing

/// Signature Version 4 held to AWS's documented examples and, on generated requests, to botocore's
/// signer (the AWS CLI's own library) as a differential oracle.
@Suite struct SigV4Tests {
    static let example = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let exampleDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    static func hex(_ key: SymmetricKey) -> String { key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() } }

    /// AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
    @Test func theSigningKeyIsDerivedAsDocumented() {
        let key = SigV4.signingKey(secret: Self.example.secretAccessKey, day: "20120215", region: "us-east-1", service: "iam")
        #expect(Self.hex(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    /// The IAM ListUsers example of the signing documentation: canonical request hash and signature.
    @Test func theDocumentedListUsersRequestSignsAlike() throws {
        let request = SignableRequest(method: "GET", path: "/", query: [("Action", "ListUsers"), ("Version", "2010-05-08")],
                                      headers: [("Host", "iam.amazonaws.com"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
        var dated = request
        dated.headers.append(("X-Amz-Date", "20150830T123600Z"))
        let canonical = SigV4.canonicalRequest(dated).text
        #expect(SHA256.hash(data: Array(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
                == "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59", "\(canonical)")
        let signed = SigV4.sign(request, credentials: Self.example, region: "us-east-1", service: "iam", date: Self.exampleDate)
        let authorization = try #require(signed.headers.first { $0.name == "Authorization" }?.value)
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test func encodingKeepsOnlyTheUnreservedCharacters() {
        #expect(SigV4.encode("a-b_c.d~e") == "a-b_c.d~e")
        #expect(SigV4.encode("a b/c=d&é") == "a%20b%2Fc%3Dd%26%C3%A9")
    }

    /// Random requests (methods, paths with odd characters, repeated and spaced query values,
    /// headers with runs of spaces, bodies, a session token) signed by this code and by botocore.
    @Test(.enabled(if: SigV4Tests.botocoreAvailable, "needs botocore: pip install awscli"))
    func botocoreSignsEveryGeneratedRequestTheSame() throws {
        var random = SplitMix64(seed: 28)
        var cases: [[String: Any]] = []
        var ours: [String] = []
        let pieces = ["a", "Z9", "-_.~", " ", "é", "=", "&", "+", "%", "/", "*"]
        func word() -> String { (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
        for index in 0..<60 {
            let method = ["GET", "POST", "PUT", "DELETE"].randomElement(using: &random)!
            let segments = (0..<Int.random(in: 0...3, using: &random)).map { _ in SigV4.encode(word()) }
            let path = "/" + segments.joined(separator: "/")
            let query = (0..<Int.random(in: 0...3, using: &random)).map { _ in (word(), word()) }
            let headers = [("Host", "service.example.amazonaws.com"), ("X-Custom", "  a   b  " + String(index)), ("Content-Type", "application/x-amz-json-1.1")]
            let body = Array((method == "GET" ? "" : "{\"n\": \(index)}").utf8)
            let token = index % 3 == 0 ? "TOKEN\(index)" : nil
            let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.example.secretAccessKey, sessionToken: token)
            let request = SignableRequest(method: method, path: path, query: query, headers: headers, body: body)
            let signed = SigV4.sign(request, credentials: credentials, region: "eu-west-1", service: "sts", date: Self.exampleDate)
            ours.append(signed.headers.first { $0.name == "Authorization" }?.value ?? "")
            cases.append(["method": method, "path": path, "query": query.map { [$0.0, $0.1] }, "headers": headers.map { [$0.0, $0.1] },
                          "body": String(decoding: body, as: UTF8.self), "token": token as Any])
        }
        let theirs = try Self.botocore(cases)
        #expect(theirs.count == 60 && theirs.count == ours.count)
        for (index, (mine, boto)) in zip(ours, theirs).enumerated() {
            #expect(mine == boto, "case \(index): \(cases[index])")
        }
    }

    static var botocoreAvailable: Bool {
        (try? run(["python3", "-c", "import botocore.auth"], input: Data()).status) == 0
    }

    /// botocore's SigV4Auth over the same requests at the same instant; one Authorization header a line.
    static func botocore(_ cases: [[String: Any]]) throws -> [String] {
        let script = """
            import json, sys, datetime
            from unittest import mock
            from urllib.parse import quote
            import botocore.auth, botocore.awsrequest, botocore.credentials
            out = []
            for c in json.load(sys.stdin):
                creds = botocore.credentials.Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', c['token'])
                query = '&'.join(quote(k, safe='-_.~') + '=' + quote(v, safe='-_.~') for k, v in c['query'])
                url = 'https://service.example.amazonaws.com' + c['path'] + ('?' + query if query else '')
                req = botocore.awsrequest.AWSRequest(method=c['method'], url=url, headers=dict(c['headers']), data=c['body'].encode())
                with mock.patch('botocore.auth.get_current_datetime', return_value=datetime.datetime(2015, 8, 30, 12, 36, 0)):
                    botocore.auth.SigV4Auth(creds, 'sts', 'eu-west-1').add_auth(req)
                out.append(req.headers['Authorization'])
            print('\\n'.join(out))
            """
        let input = try JSONSerialization.data(withJSONObject: cases)
        let result = try run(["python3", "-c", script], input: input)
        #expect(result.status == 0, "\(result.error)")
        return result.output.split(separator: "\n").map(String.init)
    }

    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
