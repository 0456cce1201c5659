import AWSChecks
import ChecklistModel
import Foundation
import Testing
import TestSupport

/// moto_server with its request authentication on: a request the native client signs is accepted
/// in every protocol the checks use, and one signed with a wrong secret or an unknown key is refused,
/// so a wrong signature cannot pass unnoticed.
@Suite(.serialized, .enabled(if: Emulator.available, "needs aws and moto_server: pip install awscli 'moto[server]'"))
struct SignedRequestsEmulatorTests {
    @Test func signaturesAreCheckedAndAccepted() throws {
        // Three requests unauthenticated (a user with a key who may do anything), then every one is checked.
        let emulator = try Emulator(serverEnvironment: ["INITIAL_NO_AUTH_ACTION_COUNT": "3"])
        emulator.aws(["iam", "create-user", "--user-name", "auditor"])
        emulator.aws(["iam", "put-user-policy", "--user-name", "auditor", "--policy-name", "all", "--policy-document",
                      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#])
        let key = emulator.aws(["iam", "create-access-key", "--user-name", "auditor", "--query", "AccessKey.[AccessKeyId,SecretAccessKey]",
                                "--output", "text"]).split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(key.count == 2, "no access key: \(key)")
        func live(_ id: String, _ secret: String) -> any LiveReplies {
            var environment = emulator.environment
            environment["AWS_ACCESS_KEY_ID"] = id
            environment["AWS_SECRET_ACCESS_KEY"] = secret
            return LiveSource.open(.native, profile: nil, region: "us-east-1", timeout: 20, environment: environment)
        }
        let good = live(key[0], key[1])
        let identity = try good.reply(.callerIdentity, region: "us-east-1").get()
        #expect(identity["Arn"]?.string == "arn:aws:iam::123456789012:user/auditor", "\(identity.values)")
        #expect((try? good.reply(.accessKeys, region: "us-east-1").get()) != nil, "query protocol (IAM)")
        switch good.reply(.organization, region: "us-east-1") {
        case .success: break
        case .failure(let failure): #expect(failure.kind == .notInOrganization, "JSON protocol signed and read: \(failure)")
        }
        switch good.reply(.securityContact, region: "us-east-1") {
        case .success: break
        case .failure(let failure): #expect(failure.kind == .notFound || failure.kind == .unsupported, "REST-JSON signed: \(failure)")
        }

        let wrongSecret = live(key[0], String(key[1].reversed()))
        guard case .failure(let refused) = wrongSecret.reply(.callerIdentity, region: "us-east-1") else {
            Issue.record("a request signed with the wrong secret was accepted"); return
        }
        #expect(refused.kind == .expiredCredentials && refused.code == "SignatureDoesNotMatch", "\(refused)")
        guard case .failure(let unknown) = live("AKIA0000000000000000", key[1]).reply(.accountSummary, region: "us-east-1") else {
            Issue.record("a request with an unknown key was accepted"); return
        }
        #expect(unknown.kind == .expiredCredentials && unknown.code == "InvalidClientTokenId", "\(unknown)")
    }
}
