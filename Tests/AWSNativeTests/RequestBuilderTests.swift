@testable import AWSNative
import Foundation
import Testing

/// Requests built for the calls the checks make, held to the requests botocore prepares for the
/// same operations and parameters (captured before sending, so nothing leaves the machine).
@Suite struct RequestBuilderTests {
    static let calls: [[String]] = [
        ["sts", "get-caller-identity"],
        ["sts", "assume-role", "--role-arn", "arn:aws:iam::444455556666:role/OrganizationAccountAccessRole", "--role-session-name", "root-checklist-verify"],
        ["sts", "assume-root", "--target-principal", "444455556666", "--task-policy-arn",
         "arn=arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", "--duration-seconds", "900"],
        ["iam", "get-account-summary"], ["iam", "generate-credential-report"], ["iam", "get-credential-report"],
        ["iam", "list-virtual-mfa-devices", "--assignment-status", "Assigned"], ["iam", "list-mfa-devices"], ["iam", "list-access-keys"],
        ["iam", "get-access-key-last-used", "--access-key-id", "AKIAEXAMPLE12345"], ["iam", "list-organizations-features"],
        ["organizations", "describe-organization"], ["organizations", "describe-account", "--account-id", "444455556666"],
        ["organizations", "list-accounts"], ["organizations", "list-aws-service-access-for-organization"],
        ["account", "get-contact-information"], ["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY"],
        ["account", "get-primary-email", "--account-id", "444455556666"],
        ["sso-admin", "list-instances"], ["sso-admin", "list-permission-sets", "--instance-arn", "arn:aws:sso:::instance/ssoins-1"],
        ["identitystore", "describe-user", "--identity-store-id", "d-1", "--user-id", "u-1"],
        ["cloudtrail", "describe-trails"], ["cloudtrail", "get-trail-status", "--name", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"],
        ["logs", "describe-metric-filters", "--log-group-name", "CloudTrail/main"],
        ["sns", "list-subscriptions-by-topic", "--topic-arn", "arn:aws:sns:eu-west-1:111122223333:alerts"],
        ["events", "list-rules"], ["events", "list-targets-by-rule", "--rule", "root-activity"],
    ]

    @Test func everyCheckCallIsReadFromItsArguments() {
        for call in Self.calls { #expect(Operation(cliArguments: call) != nil, "\(call)") }
        let root = Operation(cliArguments: Self.calls[2])
        #expect(root?.name == "AssumeRoot")
        #expect(root?.parameters.map(\.name) == ["TargetPrincipal", "TaskPolicyArn", "DurationSeconds"])
        #expect(root?.parameters.last?.value == .integer(900))
        #expect(Operation(cliArguments: ["iam", "list-users", "--max-items"]) == nil, "a flag without its value")
    }

    @Test(.enabled(if: SigV4Tests.botocoreAvailable, "needs botocore: pip install awscli"))
    func botocorePreparesTheSameRequests() throws {
        var cases: [[String: Any]] = []
        var ours: [[String: Any]] = []
        for call in Self.calls {
            let operation = try #require(Operation(cliArguments: call))
            let endpoint = try #require(Endpoint.resolve(operation.service, region: "eu-west-1", environment: [:]))
            let request = RequestBuilder.build(operation, endpoint: endpoint)
            var params: [String: Any] = [:]
            for (name, value) in operation.parameters {
                switch value {
                case .string(let text): params[name] = text
                case .integer(let number): params[name] = number
                case .structure(let members): params[name] = members
                }
            }
            cases.append(["service": operation.service.rawValue, "operation": operation.name, "params": params])
            ours.append(["method": request.method, "path": request.path,
                         "contentType": request.headers.first { $0.name == "Content-Type" }?.value ?? "",
                         "target": request.headers.first { $0.name == "X-Amz-Target" }?.value ?? "",
                         "body": String(decoding: request.body, as: UTF8.self)])
        }
        let script = """
            import json, sys
            from urllib.parse import parse_qsl, urlsplit
            import botocore.session
            from botocore.awsrequest import AWSResponse
            s = botocore.session.get_session()
            out = []
            for c in json.load(sys.stdin):
                client = s.create_client(c['service'], region_name='eu-west-1', aws_access_key_id='x', aws_secret_access_key='y')
                seen = {}
                def capture(request, **kwargs):
                    seen['request'] = request
                    return AWSResponse(request.url, 200, {}, None)
                client.meta.events.register('before-send', capture)
                name = c['operation']
                method = client.meta.method_to_api_mapping
                py = {v: k for k, v in method.items()}[name]
                error = ''
                try:
                    getattr(client, py)(**c['params'])
                except Exception as e:
                    error = repr(e)
                if 'request' not in seen:
                    out.append({'method': 'not sent: ' + name + ' ' + error[:300], 'path': '', 'contentType': '', 'target': '', 'body': ''})
                    continue
                r = seen['request']
                body = r.body.decode() if isinstance(r.body, bytes) else (r.body or '')
                out.append({'method': r.method, 'path': urlsplit(r.url).path or '/', 'contentType': r.headers.get('Content-Type', b''),
                            'target': r.headers.get('X-Amz-Target', b''), 'body': body})
            def text(v):
                return v.decode() if isinstance(v, bytes) else v
            print(json.dumps([{k: text(v) for k, v in o.items()} for o in out]))
            """
        let result = try SigV4Tests.run(["python3", "-c", script], input: try JSONSerialization.data(withJSONObject: cases))
        #expect(result.status == 0, "\(result.error)")
        let theirs = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: String]])
        #expect(theirs.count == Self.calls.count)
        for (index, (mine, boto)) in zip(ours, theirs).enumerated() {
            let call = Self.calls[index].joined(separator: " ")
            #expect(mine["method"] as? String == boto["method"], "\(call)")
            #expect(mine["path"] as? String == boto["path"], "\(call)")
            #expect(mine["contentType"] as? String == boto["contentType"], "\(call)")
            #expect(mine["target"] as? String == boto["target"], "\(call)")
            #expect(Self.same(mine["body"] as? String ?? "", boto["body"] ?? ""), "\(call): \(mine["body"] ?? "") vs \(boto["body"] ?? "")")
        }
    }

    /// Bodies compared by meaning: JSON as values, forms as their decoded pairs.
    static func same(_ ours: String, _ theirs: String) -> Bool {
        if ours.hasPrefix("{") || theirs.hasPrefix("{") {
            let parse = { (text: String) in (try? JSONSerialization.jsonObject(with: Data((text.isEmpty ? "{}" : text).utf8))) as? NSDictionary }
            return parse(ours) == parse(theirs)
        }
        func pairs(_ text: String) -> [String] {
            text.split(separator: "&").map { pair in
                pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    .map { ($0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)) }.joined(separator: "=")
            }.sorted()
        }
        return pairs(ours) == pairs(theirs)
    }
}
