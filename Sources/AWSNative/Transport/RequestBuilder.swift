import JSONFormat
import SystemImports

/// The HTTP request of an operation in its service's protocol: query (form body with Action and
/// Version), JSON 1.1 (X-Amz-Target), or REST-JSON (the Account API: a path per operation).
public enum RequestBuilder {
    enum Wire {
        case query(version: String)
        case json(target: String)
        case restJSON
    }

    static func wire(_ service: AWSService) -> Wire {
        switch service {
        case .sts: .query(version: "2011-06-15")
        case .iam: .query(version: "2010-05-08")
        case .sns: .query(version: "2010-03-31")
        // CloudWatch also answers the query protocol (botocore moved to CBOR; the query form is kept).
        case .cloudwatch: .query(version: "2010-08-01")
        case .organizations: .json(target: "AWSOrganizationsV20161128")
        case .ssoAdmin: .json(target: "SWBExternalService")
        case .identitystore: .json(target: "AWSIdentityStore")
        case .cloudtrail: .json(target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101")
        case .logs: .json(target: "Logs_20140328")
        case .events: .json(target: "AWSEvents")
        case .account: .restJSON
        }
    }

    public static func build(_ operation: Operation, endpoint: Endpoint) -> SignableRequest {
        let host = endpoint.url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
        switch wire(operation.service) {
        case .query(let version):
            var pairs = [("Action", operation.name), ("Version", version)]
            for (name, value) in operation.parameters {
                switch value {
                case .string(let text): pairs.append((name, text))
                case .integer(let number): pairs.append((name, String(number)))
                case .structure(let members): for (key, member) in members.sorted(by: { $0.key < $1.key }) { pairs.append(("\(name).\(key)", member)) }
                }
            }
            let body = pairs.map { SigV4.encode($0.0) + "=" + SigV4.encode($0.1) }.joined(separator: "&")
            return SignableRequest(method: "POST", path: "/", headers: [("Host", host), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                                   body: Array(body.utf8))
        case .json(let target):
            return SignableRequest(method: "POST", path: "/",
                                   headers: [("Host", host), ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "\(target).\(operation.name)")],
                                   body: jsonBody(operation))
        case .restJSON:
            let path = "/" + operation.name.prefix(1).lowercased() + operation.name.dropFirst()
            return SignableRequest(method: "POST", path: path, headers: [("Host", host), ("Content-Type", "application/json")], body: jsonBody(operation))
        }
    }

    static func jsonBody(_ operation: Operation) -> [UInt8] {
        var members: [String: JSONValue] = [:]
        for (name, value) in operation.parameters {
            switch value {
            case .string(let text): members[name] = .string(text)
            case .integer(let number): members[name] = .number(JSONNumber(number))
            case .structure(let fields): members[name] = .object(fields.mapValues(JSONValue.string))
            }
        }
        return JSONPrettyWriter.bytes(.object(members))
    }
}
