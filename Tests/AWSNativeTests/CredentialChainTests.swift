@testable import AWSNative
import Foundation
import Testing

/// Credentials found in the AWS CLI's order, from a fixed environment and temporary files.
@Suite struct CredentialChainTests {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-creds-\(UUID().uuidString)")

    func files(credentials: String, config: String) throws -> [String: String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(credentials.utf8).write(to: directory.appendingPathComponent("credentials"))
        try Data(config.utf8).write(to: directory.appendingPathComponent("config"))
        return ["AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
                "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path, "HOME": directory.path]
    }

    static let credentialsText = """
        # a comment
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = secret-default

        [audit]
        aws_access_key_id=AKIAAUDIT
        aws_secret_access_key=secret-audit
        aws_session_token = token-audit
        """
    static let configText = """
        [default]
        region = eu-west-1
        [profile ops]
        aws_access_key_id = AKIAOPS
        aws_secret_access_key = secret-ops
        [profile admin]
        role_arn = arn:aws:iam::111122223333:role/Admin
        source_profile = default
        [profile portal]
        sso_session = corp
        [profile guarded]
        role_arn = arn:aws:iam::111122223333:role/Admin
        source_profile = default
        mfa_serial = arn:aws:iam::111122223333:mfa/ops
        [profile chained]
        role_arn = arn:aws:iam::444455556666:role/Audit
        source_profile = admin
        external_id = ext-1
        [profile loop]
        role_arn = arn:aws:iam::444455556666:role/Audit
        source_profile = loop2
        [profile loop2]
        role_arn = arn:aws:iam::444455556666:role/Audit
        source_profile = loop
        [profile helper]
        credential_process = /opt/bin/creds --account "prod ops"
        [profile oidc]
        role_arn = arn:aws:iam::111122223333:role/Deployer
        web_identity_token_file = /var/run/secrets/token
        """

    func key(_ found: CredentialChain.Found) -> String? {
        if case .credentials(let credentials, _) = found { return credentials.accessKeyID }
        return nil
    }

    @Test func theOrderIsTheCLIs() throws {
        var env = try files(credentials: Self.credentialsText, config: Self.configText)
        #expect(key(CredentialChain.resolve(profile: nil, environment: env)) == "AKIADEFAULT")
        env["AWS_PROFILE"] = "audit"
        guard case .credentials(let audit, let from) = CredentialChain.resolve(profile: nil, environment: env) else {
            Issue.record("no credentials for AWS_PROFILE")
            return
        }
        #expect(audit.accessKeyID == "AKIAAUDIT" && audit.sessionToken == "token-audit")
        #expect(from.hasPrefix("profile audit in "))
        env["AWS_ACCESS_KEY_ID"] = "AKIAENV"
        env["AWS_SECRET_ACCESS_KEY"] = "secret-env"
        #expect(key(CredentialChain.resolve(profile: nil, environment: env)) == "AKIAENV", "the environment's keys before AWS_PROFILE")
        #expect(key(CredentialChain.resolve(profile: "ops", environment: env)) == "AKIAOPS", "--profile before the environment")
    }

    @Test func rolesAndProcessesAreReadMFAIsLeftToTheCLI() throws {
        let env = try files(credentials: Self.credentialsText, config: Self.configText)
        guard case .role("admin", "arn:aws:iam::111122223333:role/Admin", nil, nil, nil, let source) = CredentialChain.resolve(profile: "admin", environment: env) else {
            Issue.record("a role profile was not read")
            return
        }
        #expect(key(source) == "AKIADEFAULT", "the role is assumed with its source profile's keys")
        guard case .role(_, "arn:aws:iam::444455556666:role/Audit", _, "ext-1", _, .role(_, "arn:aws:iam::111122223333:role/Admin", _, _, _, _))
                = CredentialChain.resolve(profile: "chained", environment: env) else {
            Issue.record("a chain of roles was not followed")
            return
        }
        guard case .needsCLI("guarded", "mfa_serial") = CredentialChain.resolve(profile: "guarded", environment: env) else {
            Issue.record("a role that needs an MFA code was not handed to the CLI (which asks for it)")
            return
        }
        guard case .none(let why) = CredentialChain.resolve(profile: "loop", environment: env) else {
            Issue.record("a loop of source profiles was followed")
            return
        }
        #expect(why.contains("more than"))
        guard case .process("helper", #"/opt/bin/creds --account "prod ops""#) = CredentialChain.resolve(profile: "helper", environment: env) else {
            Issue.record("a credential_process was not read")
            return
        }
        guard case .webIdentity("oidc", "arn:aws:iam::111122223333:role/Deployer", "/var/run/secrets/token", nil)
                = CredentialChain.resolve(profile: "oidc", environment: env) else {
            Issue.record("a web identity profile was not read")
            return
        }
    }

    @Test func whatOnlyTheCLIResolvesIsNamed() throws {
        let env = try files(credentials: Self.credentialsText, config: Self.configText)
        guard case .needsCLI(_, "sso_session") = CredentialChain.resolve(profile: "portal", environment: env) else {
            Issue.record("an Identity Center profile was not handed to the CLI")
            return
        }
        guard case .none(let why) = CredentialChain.resolve(profile: "missing", environment: env) else {
            Issue.record("a missing profile gave credentials")
            return
        }
        #expect(why.contains("the profile missing is in neither"))
    }

    /// A FIFO where the credentials file belongs is not waited on.
    @Test func aFIFOIsNotRead() throws {
        var env = try files(credentials: "", config: "")
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        env["AWS_SHARED_CREDENTIALS_FILE"] = fifo
        guard case .none = CredentialChain.resolve(profile: nil, environment: env) else {
            Issue.record("credentials from a FIFO")
            return
        }
    }
}
