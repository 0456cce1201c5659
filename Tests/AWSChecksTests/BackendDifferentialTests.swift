@testable import AWSChecks
import AWSNative
import ChecklistModel
import Foundation
import Testing
import TestSupport

/// Every call the native client makes, asked of moto_server both ways: the reply the checks read
/// from the native client is the reply the AWS CLI prints, and a failure is the same failure.
@Suite(.serialized, .enabled(if: Emulator.available, "needs aws and moto_server: pip install awscli 'moto[server]'"))
struct BackendDifferentialTests {
    /// Resources for every call to find something: an organization with a member, a user with a
    /// key, an Identity Center permission set, a user and group with a membership, a trail, a metric
    /// filter with an alarm, a topic with a subscriber, a rule with a target.
    static func populate(_ emulator: Emulator) -> [String: String] {
        var found: [String: String] = [:]
        emulator.aws(["organizations", "create-organization", "--feature-set", "ALL"])
        emulator.aws(["organizations", "create-account", "--email", "payments-root@example.com", "--account-name", "payments"])
        found["member"] = emulator.aws(["organizations", "list-accounts", "--query", "Accounts[?Name=='payments'].Id", "--output", "text"])
        emulator.aws(["iam", "create-user", "--user-name", "alice"])
        found["key"] = emulator.aws(["iam", "create-access-key", "--user-name", "alice", "--query", "AccessKey.AccessKeyId", "--output", "text"])
        emulator.aws(["iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "spare", "--outfile", "/dev/null", "--bootstrap-method", "QRCodePNG"])
        emulator.aws(["iam", "generate-credential-report"])
        found["instance"] = emulator.aws(["sso-admin", "list-instances", "--query", "Instances[0].InstanceArn", "--output", "text"])
        found["store"] = emulator.aws(["sso-admin", "list-instances", "--query", "Instances[0].IdentityStoreId", "--output", "text"])
        found["set"] = emulator.aws(["sso-admin", "create-permission-set", "--instance-arn", found["instance"]!, "--name", "Admin",
                                     "--query", "PermissionSet.PermissionSetArn", "--output", "text"])
        emulator.aws(["sso-admin", "attach-managed-policy-to-permission-set", "--instance-arn", found["instance"]!, "--permission-set-arn",
                      found["set"]!, "--managed-policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"])
        found["user"] = emulator.aws(["identitystore", "create-user", "--identity-store-id", found["store"]!, "--user-name", "ops",
                                      "--display-name", "Ops", "--name", "GivenName=O,FamilyName=Ps", "--query", "UserId", "--output", "text"])
        found["group"] = emulator.aws(["identitystore", "create-group", "--identity-store-id", found["store"]!, "--display-name", "admins",
                                       "--query", "GroupId", "--output", "text"])
        emulator.aws(["identitystore", "create-group-membership", "--identity-store-id", found["store"]!, "--group-id", found["group"]!,
                      "--member-id", "UserId=\(found["user"]!)"])
        emulator.aws(["s3api", "create-bucket", "--bucket", "trail-logs"])
        emulator.aws(["logs", "create-log-group", "--log-group-name", "CloudTrail/main"])
        found["trail"] = emulator.aws(["cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "trail-logs", "--is-multi-region-trail",
                                       "--query", "TrailARN", "--output", "text"])
        emulator.aws(["cloudtrail", "start-logging", "--name", "main"])
        emulator.aws(["logs", "put-metric-filter", "--log-group-name", "CloudTrail/main", "--filter-name", "root", "--filter-pattern",
                      #"{ $.userIdentity.type = "Root" }"#, "--metric-transformations", "metricName=RootUse,metricNamespace=CIS,metricValue=1"])
        emulator.aws(["cloudwatch", "put-metric-alarm", "--alarm-name", "root-use", "--metric-name", "RootUse", "--namespace", "CIS",
                      "--statistic", "Sum", "--period", "300", "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold",
                      "--evaluation-periods", "1"])
        found["topic"] = emulator.aws(["sns", "create-topic", "--name", "alerts", "--query", "TopicArn", "--output", "text"])
        emulator.aws(["sns", "subscribe", "--topic-arn", found["topic"]!, "--protocol", "email", "--notification-endpoint", "sec@example.com"])
        emulator.aws(["events", "put-rule", "--name", "root-activity", "--event-pattern", #"{"detail-type": ["AWS Console Sign In via CloudTrail"]}"#])
        emulator.aws(["events", "put-targets", "--rule", "root-activity", "--targets", "Id=1,Arn=\(found["topic"]!)"])
        emulator.aws(["account", "put-alternate-contact", "--alternate-contact-type", "SECURITY", "--name", "Sec", "--title", "Lead",
                      "--email-address", "sec@example.com", "--phone-number", "+15555550100"])
        return found
    }

    @Test func everyCallAnswersAlikeThroughBothBackends() throws {
        let emulator = try Emulator()
        let found = Self.populate(emulator)
        let (member, instance, set, store) = (found["member"]!, found["instance"]!, found["set"]!, found["store"]!)
        let calls: [AWSCall] = AWSCall.fixed + [
            .mfaDevices, .currentUser, .accessKeys, .accessKeyLastUsed(found["key"]!), .generateCredentialReport,
            .iamDelegatedAdministrators, .organizationAccount(member), .organizationAccounts, .primaryEmail(account: member),
            .permissionSets(instance: instance), .managedPolicies(instance: instance, permissionSet: set),
            .describePermissionSet(instance: instance, permissionSet: set),
            .accountAssignments(instance: instance, account: member, permissionSet: set), .provisionedSets(instance: instance, account: member),
            .inlinePolicy(instance: instance, permissionSet: set), .groupMemberships(store: store, group: found["group"]!),
            .describeUser(store: store, id: found["user"]!), .describeGroup(store: store, id: found["group"]!),
            .trailStatus(found["trail"]!), .eventSelectors(found["trail"]!), .metricFilters(logGroup: "CloudTrail/main"),
            .alarms(metric: "RootUse", namespace: "CIS"), .subscriptions(topic: found["topic"]!), .ruleTargets("root-activity"),
            AWSCall(["iam", "get-login-profile"]), AWSCall(["iam", "list-signing-certificates"]),
            AWSCall(["organizations", "list-aws-service-access-for-organization"]),
            AWSCall(["sts", "assume-role", "--role-arn", "arn:aws:iam::\(member):role/OrganizationAccountAccessRole", "--role-session-name", "check"]),
            AWSCall(["sts", "assume-role-with-web-identity", "--role-arn", "arn:aws:iam::\(member):role/Deployer", "--role-session-name", "check",
                     "--web-identity-token", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"]),
            AWSCall(["sts", "assume-root", "--target-principal", member, "--task-policy-arn",
                     "arn=\(MemberAccess.auditRootTaskPolicy)", "--duration-seconds", "900"], regional: true),
            .accessKeyLastUsed("AKIANOSUCHKEY0000000"), .subscriptions(topic: "arn:aws:sns:us-east-1:123456789012:nosuch"),
        ]
        let asked = Set(calls.map { $0.arguments.prefix(2).joined(separator: " ") })
        #expect(asked.isSuperset(of: NativeClient.modelledCalls), "calls not compared: \(Set(NativeClient.modelledCalls).subtracting(asked).sorted())")

        let cli = LiveSource.open(.cli, profile: nil, region: "us-east-1", timeout: 30, environment: emulator.environment)
        let native = LiveSource.open(.native, profile: nil, region: "us-east-1", timeout: 30, environment: emulator.environment)
        #expect(native.description.hasPrefix("the native AWS client"), "\(native.description)")
        var answered = 0
        for call in calls {
            let name = call.arguments.joined(separator: " ")
            switch (cli.reply(call, region: "us-east-1"), native.reply(call, region: "us-east-1")) {
            case (.success(let a), .success(let b)):
                answered += 1
                // A new session's secrets differ at every call, and so does moto's made-up caller of get-user.
                let masked = (call.arguments.first == "sts" && call.arguments[1] != "get-caller-identity") || call == .currentUser
                // botocore 1.43 asks CloudWatch in CBOR (epoch numbers); the client in query XML (ISO text).
                let times = call.arguments.first == "cloudwatch"
                // moto reports a trail's latest delivery as the time it is asked: a second apart, the two differ.
                let clock = call.arguments.prefix(2) == ["cloudtrail", "get-trail-status"]
                #expect(Self.comparable(.object(a.values), masked: masked, times: times, clock: clock)
                        == Self.comparable(.object(b.values), masked: masked, times: times, clock: clock),
                        "\(name):\ncli    \(a.values)\nnative \(b.values)")
            case (.failure(let a), .failure(let b)):
                #expect(a.kind == b.kind && a.code == b.code, "\(name): cli \(a.kind) \(a.code ?? "") \(a.message) | native \(b.kind) \(b.code ?? "") \(b.message)")
            case (let a, let b):
                Issue.record("\(name): one backend answered, the other failed:\ncli    \(a)\nnative \(b)")
            }
        }
        #expect(answered >= 30, "moto answered \(answered) of \(calls.count) calls")
    }

    /// Values with a new session's secrets (different at every call) replaced by their kind.
    /// With `times`, a member named …Timestamp as whole milliseconds, from epoch seconds or ISO text.
    static func comparable(_ value: JSONValue, masked: Bool, times: Bool = false, clock: Bool = false) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { key, member in
                if masked && ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "AssumedRoleId", "Arn", "UserId", "CreateDate"].contains(key) {
                    return (key, .string("…"))
                }
                if clock, key.hasSuffix("Time") { return (key, .string(member.string?.isEmpty == true ? "" : "a time")) }
                if times, key.hasSuffix("Timestamp"), let seconds = member.number?.double ?? member.string.flatMap(Self.seconds) {
                    return (key, .string("ms \(Int((seconds * 1000 + 0.01).rounded(.down)))"))
                }
                return (key, comparable(member, masked: masked, times: times, clock: clock))
            }))
        case .array(let elements): return .array(elements.map { comparable($0, masked: masked, times: times, clock: clock) })
        default: return value
        }
    }

    static func seconds(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" }) else {
            return formatter.date(from: text)?.timeIntervalSince1970
        }
        // The formatter keeps milliseconds only: the microseconds are added back.
        let fraction = Double("0" + text[dot..<zone]) ?? 0
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: String(text[..<dot] + text[zone...])).map { $0.timeIntervalSince1970 + fraction }
    }
}
