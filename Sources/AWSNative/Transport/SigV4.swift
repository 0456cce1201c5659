import Crypto
import SystemImports

/// Credentials for signing; they live in memory only (never a file, a log or an error message).
public struct AWSCredentials: Sendable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// An HTTP request as it is signed: the path as sent (already percent-encoded where needed), the
/// query as pairs (not yet encoded), headers as given.
public struct SignableRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)],
                body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// AWS Signature Version 4, as the AWS General Reference describes it (and botocore implements it):
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
public enum SigV4 {
    /// `20150830T123600Z`.
    public static func amzDate(_ date: Date) -> String {
        let f = CivilCalendar.fields(Int(date.timeIntervalSince1970.rounded(.down)))
        func digits(_ value: Int, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return digits(f.year, 4) + digits(f.month, 2) + digits(f.day, 2) + "T" + digits(f.hour, 2) + digits(f.minute, 2) + digits(f.second, 2) + "Z"
    }

    /// The request with `X-Amz-Date`, the session token when there is one, and `Authorization` added.
    public static func sign(_ request: SignableRequest, credentials: AWSCredentials, region: String, service: String,
                            date: Date) -> SignableRequest {
        var signed = request
        let stamp = amzDate(date)
        signed.headers.removeAll { ["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased()) }
        signed.headers.append(("X-Amz-Date", stamp))
        if let token = credentials.sessionToken { signed.headers.append(("X-Amz-Security-Token", token)) }
        let (canonical, signedHeaders) = canonicalRequest(signed)
        let scope = "\(stamp.prefix(8))/\(region)/\(service)/aws4_request"
        let toSign = ["AWS4-HMAC-SHA256", stamp, scope, hex(SHA256.hash(data: Array(canonical.utf8)))].joined(separator: "\n")
        let key = signingKey(secret: credentials.secretAccessKey, day: String(stamp.prefix(8)), region: region, service: service)
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: key))
        signed.headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
                               + "SignedHeaders=\(signedHeaders), Signature=\(signature)"))
        return signed
    }

    /// The key derived for one day, Region and service.
    public static func signingKey(secret: String, day: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secret).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// The canonical request and its signed header names.
    public static func canonicalRequest(_ request: SignableRequest) -> (text: String, signedHeaders: String) {
        var headers: [String: [String]] = [:]
        for (name, value) in request.headers {
            // Trimmed, with runs of spaces inside made one, as the specification asks.
            let trimmed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            headers[name.lowercased(), default: []].append(trimmed)
        }
        let names = headers.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(headers[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let query = request.query.map { (encode($0.name), encode($0.value)) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let path = canonicalPath(request.path)
        let payload = hex(SHA256.hash(data: request.body))
        return ([request.method, path, query, canonicalHeaders, signedHeaders, payload].joined(separator: "\n"), signedHeaders)
    }

    /// Every service but S3 signs the path encoded once more, segment by segment.
    static func canonicalPath(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(separator: "/")
    }

    /// RFC 3986 encoding: unreserved characters as they are, every other byte as %XX.
    public static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.unicodeScalars.append(Unicode.Scalar(upperHex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(upperHex[Int(byte & 0x0F)]))
            }
        }
        return out
    }

    static let upperHex = Array("0123456789ABCDEF".utf8)
    static let lowerHex = Array("0123456789abcdef".utf8)

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var bytes: [UInt8] = []
        for byte in digest { bytes.append(lowerHex[Int(byte >> 4)]); bytes.append(lowerHex[Int(byte & 0x0F)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
