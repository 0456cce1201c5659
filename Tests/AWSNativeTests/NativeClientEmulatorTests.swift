import AWSNative
import Foundation
import JSONFormat
import Testing
import TestSupport

/// The native client against moto_server: for the JSON-protocol calls the checks make, the reply
/// read natively is the reply the AWS CLI prints for the same call (timestamps compared as instants:
/// the wire has epoch seconds where the CLI prints ISO dates).
@Suite(.serialized, .enabled(if: Emulator.available, "needs aws and moto_server"))
struct NativeClientEmulatorTests {
    @Test func theJSONCallsAnswerAsTheCLIPrintsThem() throws {
        let emulator = try Emulator()
        emulator.aws(["organizations", "create-organization", "--feature-set", "ALL"])
        emulator.aws(["logs", "create-log-group", "--log-group-name", "CloudTrail/main"])
        emulator.aws(["logs", "put-metric-filter", "--log-group-name", "CloudTrail/main", "--filter-name", "root", "--filter-pattern",
                      #"{ $.userIdentity.type = "Root" }"#, "--metric-transformations", "metricName=Root,metricNamespace=CIS,metricValue=1"])
        emulator.aws(["events", "put-rule", "--name", "root-activity", "--event-pattern", #"{"detail-type": ["AWS Console Sign In via CloudTrail"]}"#])
        let calls: [[String]] = [
            ["organizations", "describe-organization"], ["organizations", "list-accounts"],
            ["sso-admin", "list-instances"], ["cloudtrail", "describe-trails"],
            ["logs", "describe-metric-filters", "--log-group-name", "CloudTrail/main"],
            ["events", "list-rules"], ["events", "list-targets-by-rule", "--rule", "root-activity"],
            ["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY"],
            ["sts", "get-caller-identity"], ["iam", "get-account-summary"], ["iam", "list-mfa-devices"], ["iam", "list-access-keys"],
            ["iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned"],
            ["sns", "list-subscriptions-by-topic", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:nosuch"],
        ]
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")
        for call in calls {
            let cli = emulator.awsResult(call + ["--output", "json"])
            let native = NativeClient(credentials: credentials, environment: emulator.environment).call(call, region: "us-east-1")
            switch native {
            case .success(let value):
                #expect(cli.status == 0, "\(call): the CLI failed where the native client did not: \(cli.error)")
                let printed = try JSONParser.parse(Data(cli.output.utf8))
                #expect(Self.same(value, printed), "\(call.joined(separator: " ")):\nnative \(value)\ncli    \(printed)")
            case .failure(let failure):
                #expect(cli.status != 0, "\(call): the native client failed (\(failure)) where the CLI answered")
                #expect(failure.code.map { cli.error.contains($0) } ?? false, "\(call): \(failure) vs \(cli.error)")
            }
        }
    }

    /// Equal values (`a` native, `b` the CLI's), a number of seconds and an ISO date equal when they
    /// are the same instant. Every member the CLI prints must be there alike; the native reply may
    /// hold more: members outside the API's model (an emulator sends some), which botocore drops.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return x.count == y.count && y.allSatisfy { key, value in x[key].map { same($0, value) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.number(let n), .string(let s)), (.string(let s), .number(let n)):
            guard let seconds = Double(n.text), let date = ISO8601DateFormatter.lenient(s) else { return false }
            return abs(date.timeIntervalSince1970 - seconds) < 1
        default:
            return a == b
        }
    }
}

extension ISO8601DateFormatter {
    static func lenient(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
