import JSONFormat
import SafeText
import SystemImports

/// The credentials the SDKs look for last, when no profile or environment gives any: a container's
/// (ECS, EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `…_FULL_URI`, with its
/// authorization token) and the instance's role through IMDSv2 (a session token first; never the
/// token-less v1). Each asked once with a one-second deadline, as the SDKs do by default.
public enum RemoteCredentials {
    public static func find(environment: [String: String], timeout: TimeInterval = 1) -> (AWSCredentials, from: String)? {
        find(environment: environment, timeout: timeout, transport: CurlTransport.shared)
    }

    static func find(environment: [String: String], timeout: TimeInterval, transport: any HTTPTransport) -> (AWSCredentials, from: String)? {
        let containerSet = !(environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] ?? "").isEmpty
            || !(environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] ?? "").isEmpty
        if containerSet {
            // A container's endpoint that is not allowed is an error, never a reason to ask the instance instead.
            guard let container = containerURL(environment) else { return nil }
            var headers: [(name: String, value: String)] = []
            if let token = containerToken(environment) { headers.append(("Authorization", token)) }
            guard let credentials = fetch(container, headers: headers, timeout: timeout, transport: transport) else { return nil }
            return (credentials, "the container's credentials endpoint")
        }
        guard environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" else { return nil }
        let base = (environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254")
            .trimmingSuffix("/")
        let tokenRequest = SignableRequest(method: "PUT", path: "/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")])
        guard case .success(let tokenReply) = transport.send(tokenRequest, url: base + "/latest/api/token", timeout: timeout, cancelled: { false }),
              tokenReply.status == 200, let token = text(tokenReply.body), !token.isEmpty else { return nil }
        let headers = [(name: "X-aws-ec2-metadata-token", value: token)]
        let listing = base + "/latest/meta-data/iam/security-credentials/"
        guard case .success(let roles) = transport.send(SignableRequest(method: "GET", path: "/", headers: headers), url: listing,
                                                        timeout: timeout, cancelled: { false }),
              roles.status == 200, let role = text(roles.body)?.split(separator: "\n").first.map(String.init),
              role.allSatisfy({ $0.isLetter || $0.isNumber || "+=,.@_-".contains($0) }),
              let credentials = fetch(listing + role, headers: headers, timeout: timeout, transport: transport) else { return nil }
        return (credentials, "the instance's role \(role) (IMDSv2)")
    }

    /// Where a container's credentials are served: the relative URI on the ECS agent's address, or
    /// a full URI that is HTTPS or a loopback/ECS/EKS address (as the SDKs allow).
    static func containerURL(_ environment: [String: String]) -> String? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], relative.hasPrefix("/") {
            return "http://169.254.170.2" + relative
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else { return nil }
        if full.hasPrefix("https://") { return full }
        let allowed = ["http://127.", "http://localhost", "http://[::1]", "http://169.254.170.2", "http://169.254.170.23", "http://[fd00:ec2::23]"]
        return allowed.contains { full.hasPrefix($0) } ? full : nil
    }

    static func containerToken(_ environment: [String: String]) -> String? {
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            return SafeFileRead.contents(of: URL(fileURLWithPath: path), limit: 16 * 1024).flatMap(text)
        }
        return environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func fetch(_ url: String, headers: [(name: String, value: String)], timeout: TimeInterval,
                      transport: any HTTPTransport) -> AWSCredentials? {
        guard case .success(let reply) = transport.send(SignableRequest(method: "GET", path: "/", headers: headers), url: url,
                                                        timeout: timeout, cancelled: { false }),
              reply.status == 200, let object = (try? JSONParser.parse(Data(reply.body)))?.object,
              let key = object["AccessKeyId"]?.string, let secret = object["SecretAccessKey"]?.string else { return nil }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: object["Token"]?.string)
    }

    static func text<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        guard bytes.count < 16 * 1024 else { return nil }
        let value = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        // A token or a role name never holds a control character; anything else is not one.
        return value.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\n" }) ? value : nil
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
