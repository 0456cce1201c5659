@testable import AWSChecks
import AWSNative
import Foundation
import Testing
import TestSupport

/// What the native backend resolves itself: a credential_process, and roles through moto_server's STS.
@Suite struct NativeCredentialsTests {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-native-creds-\(UUID().uuidString)")

    @Test(arguments: [
        (#"creds --account "prod ops""#, ["creds", "--account", "prod ops"]),
        (#"/bin/x 'a b' c\ d "q\"x" "\n""#, ["/bin/x", "a b", "c d", "q\"x", "\\n"]),
        ("  spaced   out  ", ["spaced", "out"]),
    ])
    func commandLinesSplitAsPOSIXShellsSplit(_ line: String, _ words: [String]) {
        #expect(CredentialProcess.split(line) == words)
    }

    @Test func anUnclosedQuoteIsNoCommand() {
        #expect(CredentialProcess.split(#"creds "open"#) == nil)
    }

    func script(_ body: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("creds-\(UUID().uuidString)")
        try Data(("#!/bin/sh\n" + body).utf8).write(to: url)
        chmod(url.path, 0o700)
        return url.path
    }

    @Test func aCredentialProcessGivesTheCredentialsAndNothingElse() throws {
        let good = try script(#"echo '{"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s3cret", "SessionToken": "tok"}'"#)
        let credentials = try CredentialProcess.run(good + " --ignored 'arg'", environment: [:], timeout: 5, cancelled: { false }).get()
        #expect(credentials.accessKeyID == "AKIAPROC" && credentials.secretAccessKey == "s3cret" && credentials.sessionToken == "tok")
        let cases: [(String, String)] = [
            (#"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s3cret-leak"}'"#, "no Version 1 reply"),
            ("echo s3cret-leak; exit 3", "exited with 3"),
            ("echo not json s3cret-leak", "no JSON object"),
        ]
        for (body, reason) in cases {
            guard case .failure(let failure) = CredentialProcess.run(try script(body), environment: [:], timeout: 5, cancelled: { false }) else {
                Issue.record("\(body) gave credentials"); continue
            }
            #expect(failure.description.contains(reason), "\(failure)")
            #expect(!failure.description.contains("s3cret"), "what the process printed is never repeated")
        }
    }

    @Test(.enabled(if: Emulator.available, "needs aws and moto_server")) func aWebIdentityTokenIsExchangedUnsigned() throws {
        let emulator = try Emulator()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let token = directory.appendingPathComponent("token")
        try Data("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2ln\n".utf8).write(to: token)
        var environment = emulator.environment
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = token.path
        environment["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/Deployer"
        environment["AWS_ROLE_SESSION_NAME"] = "rc-oidc"
        let live = LiveSource.open(.native, profile: nil, region: "us-east-1", timeout: 20, environment: environment)
        #expect(live.description == "the native AWS client (credentials from role arn:aws:iam::123456789012:role/Deployer with a web identity token (the environment))")
        let identity = try live.reply(.callerIdentity, region: "us-east-1").get()
        #expect(identity["Arn"]?.string == "arn:aws:sts::123456789012:assumed-role/Deployer/rc-oidc", "\(identity.values)")
        environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = directory.appendingPathComponent("missing").path
        let unreadable = LiveSource.open(.native, profile: nil, region: "us-east-1", timeout: 20, environment: environment)
        #expect(unreadable.description.contains("web identity token file of the environment cannot be read"), "\(unreadable.description)")
    }

    @Test(.enabled(if: Emulator.available, "needs aws and moto_server")) func aRoleProfileIsAssumedNatively() throws {
        let emulator = try Emulator()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config")
        try Data("""
            [profile base]
            aws_access_key_id = testing
            aws_secret_access_key = testing
            [profile audit]
            role_arn = arn:aws:iam::123456789012:role/Audit
            source_profile = base
            role_session_name = rc-test
            """.utf8).write(to: config)
        var environment = emulator.environment
        environment["AWS_CONFIG_FILE"] = config.path
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        let live = LiveSource.open(.native, profile: "audit", region: "us-east-1", timeout: 20, environment: environment)
        #expect(live.description == "the native AWS client (credentials from role arn:aws:iam::123456789012:role/Audit of profile audit)")
        let identity = try live.reply(.callerIdentity, region: "us-east-1").get()
        #expect(identity["Arn"]?.string == "arn:aws:sts::123456789012:assumed-role/Audit/rc-test", "\(identity.values)")
    }
}

/// A profile's `endpoint_url` and `ca_bundle` reach the native client, after the environment's own.
@Suite struct ProfileReachTests {
    @Test func theProfileNamesTheEndpointAndTheCABundle() throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-reach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config")
        try Data("""
            [profile lab]
            endpoint_url = http://127.0.0.1:4566
            ca_bundle = /etc/corp/ca.pem
            [profile ignoring]
            endpoint_url = http://127.0.0.1:4566
            ignore_configured_endpoint_urls = true
            """.utf8).write(to: config)
        let base = ["AWS_CONFIG_FILE": config.path, "HOME": directory.path]
        let lab = CredentialChain.reachSettings(profile: "lab", environment: base)
        #expect(lab["AWS_ENDPOINT_URL"] == "http://127.0.0.1:4566" && lab["AWS_CA_BUNDLE"] == "/etc/corp/ca.pem")
        var set = base
        set["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000"
        set["AWS_CA_BUNDLE"] = "/etc/env.pem"
        let first = CredentialChain.reachSettings(profile: "lab", environment: set)
        #expect(first["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5000" && first["AWS_CA_BUNDLE"] == "/etc/env.pem", "the environment comes first")
        #expect(CredentialChain.reachSettings(profile: "ignoring", environment: base)["AWS_ENDPOINT_URL"] == nil)
    }

    @Test(.enabled(if: Emulator.available, "needs aws and moto_server")) func aProfilesEndpointIsUsed() throws {
        let emulator = try Emulator()
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-reach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("config")
        var environment = emulator.environment
        let endpoint = try #require(environment["AWS_ENDPOINT_URL"])
        try Data("[profile lab]\naws_access_key_id = testing\naws_secret_access_key = testing\nendpoint_url = \(endpoint)\n".utf8).write(to: config)
        environment["AWS_ENDPOINT_URL"] = nil
        environment["AWS_ACCESS_KEY_ID"] = nil
        environment["AWS_SECRET_ACCESS_KEY"] = nil
        environment["AWS_CONFIG_FILE"] = config.path
        let live = LiveSource.open(.native, profile: "lab", region: "us-east-1", timeout: 20, environment: environment)
        let identity = try live.reply(.callerIdentity, region: "us-east-1").get()
        #expect(identity["Account"]?.string == "123456789012", "\(identity.values)")
    }
}
