@testable import AWSNative
import Foundation
import Synchronization
import Testing

/// A container's and an instance's credentials, from a fake metadata service that holds the
/// rules the real ones do (IMDSv2 answers only with its session token).
@Suite struct RemoteCredentialsTests {
    final class Metadata: HTTPTransport, @unchecked Sendable {
        let asked = Mutex<[String]>([])
        let credentials = #"{"Code":"Success","AccessKeyId":"ASIAINSTANCE","SecretAccessKey":"s3cret","Token":"tok","Expiration":"2030-01-01T00:00:00Z"}"#
        func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool) -> Result<HTTPReply, NativeFailure> {
            asked.withLock { $0.append("\(request.method) \(url)") }
            let token = request.headers.first { $0.name == "X-aws-ec2-metadata-token" }?.value
            func reply(_ status: Int, _ text: String) -> Result<HTTPReply, NativeFailure> { .success(HTTPReply(status: status, body: Array(text.utf8))) }
            switch (request.method, url) {
            case ("PUT", "http://169.254.169.254/latest/api/token"): return reply(200, "imds-token")
            case (_, "http://169.254.169.254/latest/meta-data/iam/security-credentials/"): return token == "imds-token" ? reply(200, "Audit\n") : reply(401, "")
            case (_, "http://169.254.169.254/latest/meta-data/iam/security-credentials/Audit"): return token == "imds-token" ? reply(200, credentials) : reply(401, "")
            case (_, "http://169.254.170.2/v2/credentials/abc"), (_, "http://127.0.0.1:9911/creds"):
                let authorized = request.headers.contains { $0.name == "Authorization" && $0.value == "container-token" }
                return authorized || url.contains("170.2") ? reply(200, credentials) : reply(403, "\(request.headers)")
            default: return .failure(NativeFailure(.transport, "nothing at \(url)"))
            }
        }
    }

    @Test func theInstanceRoleIsReadWithAnIMDSv2Token() throws {
        let metadata = Metadata()
        let (credentials, from) = try #require(RemoteCredentials.find(environment: [:], timeout: 1, transport: metadata))
        #expect(credentials.accessKeyID == "ASIAINSTANCE" && credentials.sessionToken == "tok")
        #expect(from == "the instance's role Audit (IMDSv2)")
        #expect(metadata.asked.withLock { $0.first } == "PUT http://169.254.169.254/latest/api/token", "the session token first")
        #expect(RemoteCredentials.find(environment: ["AWS_EC2_METADATA_DISABLED": "true"], timeout: 1, transport: metadata) == nil)
    }

    @Test func aContainersCredentialsComeFromItsEndpoint() throws {
        let metadata = Metadata()
        let relative = try #require(RemoteCredentials.find(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"],
                                                           timeout: 1, transport: metadata))
        #expect(relative.0.accessKeyID == "ASIAINSTANCE" && relative.from == "the container's credentials endpoint")
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-token-\(UUID().uuidString)")
        try Data("container-token\n".utf8).write(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let full = RemoteCredentials.find(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9911/creds",
                                                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": directory.path], timeout: 1, transport: metadata)
        #expect(full?.0.secretAccessKey == "s3cret", "the token from its file is sent: \(metadata.asked.withLock { $0 })")
        #expect(RemoteCredentials.find(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://evil.example.com/creds"],
                                       timeout: 1, transport: metadata) == nil, "plain HTTP only to a loopback or the container agent's address")
    }
}
