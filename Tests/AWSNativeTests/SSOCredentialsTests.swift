@testable import AWSNative
import Foundation
import Synchronization
import Testing

/// An IAM Identity Center profile: the token `aws sso login` cached (its file named as the CLI
/// names it), the portal asked for the role's credentials, an expired sign-in said as such.
@Suite struct SSOCredentialsTests {
    let home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-sso-\(UUID().uuidString)")

    final class Portal: HTTPTransport, @unchecked Sendable {
        let asked = Mutex<[String]>([])
        func send(_ request: SignableRequest, url: String, timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool) -> Result<HTTPReply, NativeFailure> {
            asked.withLock { $0.append(url) }
            guard request.headers.contains(where: { $0.name == "x-amz-sso_bearer_token" && $0.value == "token-1" }) else {
                return .success(HTTPReply(status: 401, body: Array(#"{"__type":"UnauthorizedException","message":"no"}"#.utf8)))
            }
            let body = #"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"s3cret","sessionToken":"tok","expiration":1893456000000}}"#
            return .success(HTTPReply(status: 200, body: Array(body.utf8)))
        }
    }

    func environment(expiresAt: String, token: String = "token-1") throws -> [String: String] {
        let cache = home.appendingPathComponent(".aws/sso/cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        // The CLI's name for the cache of session "corp": the SHA-1 of the name.
        try Data(#"{"accessToken": "\#(token)", "expiresAt": "\#(expiresAt)", "region": "eu-west-1"}"#.utf8)
            .write(to: cache.appendingPathComponent("ee0bfd2552fbd840c02cc48b6e823320543c450f.json"))
        try Data("""
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = AuditRole
            [sso-session corp]
            sso_region = eu-west-1
            sso_start_url = https://corp.awsapps.com/start
            """.utf8).write(to: home.appendingPathComponent(".aws/config"))
        return ["HOME": home.path]
    }

    @Test func theRolesCredentialsComeFromThePortal() throws {
        let env = try environment(expiresAt: "2099-01-01T00:00:00Z")
        guard case .sso(let profile) = CredentialChain.resolve(profile: "dev", environment: env) else {
            Issue.record("an Identity Center profile was not read"); return
        }
        #expect(profile == SSOProfile(profile: "dev", accountID: "111122223333", roleName: "AuditRole", region: "eu-west-1",
                                      startURL: "https://corp.awsapps.com/start", session: "corp"))
        let portal = Portal()
        let credentials = try SSOCredentials.fetch(profile, environment: env, timeout: 5, now: Date(), transport: portal).get()
        #expect(credentials.accessKeyID == "ASIASSO" && credentials.sessionToken == "tok")
        #expect(portal.asked.withLock { $0 } == ["https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=111122223333&role_name=AuditRole"])
    }

    @Test func anExpiredOrMissingSignInSaysToSignInAgain() throws {
        let env = try environment(expiresAt: "2020-01-01T00:00:00Z")
        guard case .sso(let profile) = CredentialChain.resolve(profile: "dev", environment: env) else {
            Issue.record("an Identity Center profile was not read"); return
        }
        guard case .failure(let expired) = SSOCredentials.fetch(profile, environment: env, timeout: 5, now: Date(), transport: Portal()) else {
            Issue.record("an expired sign-in gave credentials"); return
        }
        #expect(expired.message.contains("has expired: run aws sso login --profile dev"))
        try FileManager.default.removeItem(at: home.appendingPathComponent(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"))
        guard case .failure(let missing) = SSOCredentials.fetch(profile, environment: env, timeout: 5, now: Date(), transport: Portal()) else {
            Issue.record("no sign-in gave credentials"); return
        }
        #expect(missing.message.contains("no IAM Identity Center sign-in is cached"))
        let refused = try environment(expiresAt: "2099-01-01T00:00:00Z", token: "stale")
        guard case .failure(let denied) = SSOCredentials.fetch(profile, environment: refused, timeout: 5, now: Date(), transport: Portal()) else {
            Issue.record("a refused token gave credentials"); return
        }
        #expect(denied.code == "UnauthorizedException" && denied.message.contains("aws sso login"))
    }
}
