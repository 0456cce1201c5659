@testable import AWSChecks
import ChecklistModel
import Foundation
import Testing
import TestSupport

extension Emulator {
    /// A member account of the emulated organization, and the environment of credentials for it
    /// (through OrganizationAccountAccessRole, as a management account reaches its members).
    func memberEnvironment() -> (id: String, environment: [String: String]) {
        aws(["organizations", "create-account", "--email", "member@example.com", "--account-name", "member"])
        let id = aws(["organizations", "list-accounts", "--query", "Accounts[?Name=='member'].Id", "--output", "text"])
        let credentials = aws(["sts", "assume-role", "--role-arn", "arn:aws:iam::\(id):role/OrganizationAccountAccessRole",
                               "--role-session-name", "verify", "--query", "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]",
                               "--output", "text"]).split(whereSeparator: \.isWhitespace).map(String.init)
        var env = environment
        if credentials.count == 3 {
            env["AWS_ACCESS_KEY_ID"] = credentials[0]
            env["AWS_SECRET_ACCESS_KEY"] = credentials[1]
            env["AWS_SESSION_TOKEN"] = credentials[2]
        }
        return (id, env)
    }

    /// A logging multi-Region trail into CloudWatch Logs, the CIS root-use metric filter, an alarm
    /// on it and an SNS topic with an email subscriber.
    func makeRootUsageAlarm() {
        aws(["s3api", "create-bucket", "--bucket", "trail-bucket"])
        aws(["logs", "create-log-group", "--log-group-name", "trail-logs"])
        aws(["cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "trail-bucket", "--is-multi-region-trail",
             "--cloud-watch-logs-log-group-arn", "arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*",
             "--cloud-watch-logs-role-arn", "arn:aws:iam::123456789012:role/trail"])
        aws(["cloudtrail", "start-logging", "--name", "main"])
        aws(["logs", "put-metric-filter", "--log-group-name", "trail-logs", "--filter-name", "root-usage", "--filter-pattern",
             #"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
             "--metric-transformations", "metricName=RootUsage,metricNamespace=CISBenchmark,metricValue=1"])
        let topic = aws(["sns", "create-topic", "--name", "security", "--query", "TopicArn", "--output", "text"])
        aws(["sns", "subscribe", "--topic-arn", topic, "--protocol", "email", "--notification-endpoint", "sec@example.com"])
        aws(["cloudwatch", "put-metric-alarm", "--alarm-name", "root-usage", "--metric-name", "RootUsage", "--namespace", "CISBenchmark",
             "--statistic", "Sum", "--period", "300", "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold",
             "--evaluation-periods", "1", "--alarm-actions", topic])
    }

    /// Makes the emulated account a management account whose organization instance of Identity
    /// Center has an AdministratorAccess permission set assigned on it to group Admins.
    func makeManagementAccountWithAdministrator() {
        aws(["organizations", "create-organization", "--feature-set", "ALL"])
        let instance = aws(["sso-admin", "list-instances", "--query", "Instances[0].InstanceArn", "--output", "text"])
        let store = aws(["sso-admin", "list-instances", "--query", "Instances[0].IdentityStoreId", "--output", "text"])
        let set = aws(["sso-admin", "create-permission-set", "--instance-arn", instance, "--name", "PlatformAdmin",
                       "--query", "PermissionSet.PermissionSetArn", "--output", "text"])
        aws(["sso-admin", "attach-managed-policy-to-permission-set", "--instance-arn", instance, "--permission-set-arn", set,
             "--managed-policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"])
        let group = aws(["identitystore", "create-group", "--identity-store-id", store, "--display-name", "Admins",
                         "--query", "GroupId", "--output", "text"])
        aws(["sso-admin", "create-account-assignment", "--instance-arn", instance, "--target-id", "123456789012",
             "--target-type", "AWS_ACCOUNT", "--permission-set-arn", set, "--principal-type", "GROUP", "--principal-id", group])
        let user = aws(["identitystore", "create-user", "--identity-store-id", store, "--user-name", "alice", "--display-name", "Alice",
                        "--name", "GivenName=Alice,FamilyName=Admin", "--query", "UserId", "--output", "text"])
        aws(["identitystore", "create-group-membership", "--identity-store-id", store, "--group-id", group, "--member-id", "UserId=\(user)"])
        aws(["sso-admin", "provision-permission-set", "--instance-arn", instance, "--permission-set-arn", set,
             "--target-type", "AWS_ACCOUNT", "--target-id", "123456789012"])
    }
}

@Suite(.serialized, .enabled(if: Emulator.available, "needs aws and moto_server: pip install awscli 'moto[server]'"))
struct EmulatorTests {
    @Test func checksAgainstTheEmulator() throws {
        let emulator = try Emulator()
        let verifier = Verifier(source: CLIReplies(environment: emulator.environment))
        let standalone = try verifier.verify(state: Support.account("123456789012"), checklist: Support.checklist, now: Support.now)
        #expect(standalone.detected?.kind == .standalone)
        let results = Dictionary(uniqueKeysWithValues: standalone.results.map { ($0.itemID, $0.result) })
        #expect(results["root-mfa"]?.outcome == .fail, "moto reports AccountMFAEnabled 0")
        #expect(results["no-root-access-keys"]?.outcome == .pass)
        #expect(results["identity-center-admin"]?.outcome == .fail, "standalone: the instance is an account instance")
        #expect(results["security-contact"]?.outcome == .fail)
        #expect(results["kms-recovery-phone"]?.outcome == .unknown, "not emulated: unknown, never a crash")
        #expect(results["organizations-root-access"]?.outcome == .notApplicable, "not in an organization")
        #expect(results["sign-out-root"]?.outcome == .unknown, "moto's report has no root row")
        #expect(results["monitor-root-usage"]?.outcome == .fail, "no trail, no rule: \(results["monitor-root-usage"]?.reason ?? "")")
        for result in results.values { #expect(result.source == .awsCLI) }

        emulator.aws(["account", "put-alternate-contact", "--alternate-contact-type", "SECURITY", "--email-address",
                      "security@example.com", "--name", "Security", "--phone-number", "+15555550100", "--title", "SecOps"])
        var recorded = Support.account("123456789012")
        recorded.items["security-contact"] = ItemRecord(evidence: ["email": "security@example.com"])
        let after = try verifier.run(state: recorded, checklist: Support.checklist, only: ["security-contact"], now: Support.now)
        #expect(after.first?.result.outcome == .pass)
        #expect(after.first?.result.reason.contains("security@example.com") == true)

        emulator.makeManagementAccountWithAdministrator()
        emulator.makeRootUsageAlarm()
        var administrator = Support.account("123456789012")
        administrator.items["identity-center-admin"] = ItemRecord(evidence: ["admin-user": "alice"])
        let managementRun = try verifier.verify(state: administrator, checklist: Support.checklist, now: Support.now)
        #expect(managementRun.detected?.kind == .management)
        let managed = Dictionary(uniqueKeysWithValues: managementRun.results.map { ($0.itemID, $0.result) })
        #expect(managed["identity-center-admin"]?.outcome == .pass, "\(managed["identity-center-admin"]?.reason ?? "")")
        #expect(managed["identity-center-admin"]?.reason.contains("group Admins") == true)
        #expect(managed["organizations-root-access"]?.outcome == .unknown, "list-organizations-features is not emulated")
        // moto keeps no CloudWatch Logs delivery time: the rest of the chain is whole, and that one link is unknown.
        #expect(managed["monitor-root-usage"]?.outcome == .unknown, "\(managed["monitor-root-usage"]?.reason ?? "")")
        #expect(managed["monitor-root-usage"]?.reason.hasPrefix("trail arn:aws:cloudtrail:us-east-1:123456789012:trail/main shows no delivery to CloudWatch Logs") == true,
                "\(managed["monitor-root-usage"]?.reason ?? "")")

        let member = emulator.memberEnvironment()
        let memberRun = try Verifier(source: CLIReplies(environment: member.environment))
            .verify(state: Support.account(member.id), checklist: Support.checklist, now: Support.now)
        #expect(memberRun.detected?.kind == .member)
        #expect(memberRun.detected?.managementAccountId == "123456789012")
        let seen = Dictionary(uniqueKeysWithValues: memberRun.results.map { ($0.itemID, $0.result) })
        #expect(seen["identity-center-admin"]?.outcome == .unknown, "a member cannot see the organization instance")
        #expect(seen["organizations-root-access"]?.outcome == .unknown, "asked from a member")
    }

    @Test func refusesCredentialsOfAnotherAccount() throws {
        let emulator = try Emulator(accountID: "999988887777")
        let verifier = Verifier(source: CLIReplies(environment: emulator.environment))
        #expect(throws: VerifyError.wrongAccount(expected: "123456789012", actual: "999988887777")) {
            try verifier.run(state: Support.account("123456789012"), checklist: Support.checklist, now: Support.now)
        }
    }
}
