import SystemImports

/// One API call as the client makes it: the service, the operation, and its parameters, read from
/// the AWS CLI arguments the checks already name (`organizations describe-account --account-id …`).
public struct Operation: Sendable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        /// A structure of strings (`--task-policy-arn arn=…`, the CLI's shorthand).
        case structure([String: String])
    }

    public var service: AWSService
    /// `DescribeAccount`.
    public var name: String
    public var parameters: [(name: String, value: Value)]

    /// Parameters the API takes as numbers.
    static let integers: Set<String> = ["DurationSeconds", "MaxResults", "MaxItems"]
    /// Parameters the API takes as structures, written in the CLI's `key=value,…` shorthand.
    static let structures: Set<String> = ["TaskPolicyArn"]

    /// `[service, command, --flag, value, …]`; nil for anything but flags with one value each.
    public init?(cliArguments arguments: [String]) {
        guard arguments.count >= 2, let service = AWSService(rawValue: arguments[0]), arguments.count % 2 == 0 else { return nil }
        self.service = service
        name = Self.pascal(arguments[1], acronyms: true)
        var parameters: [(String, Value)] = []
        var index = 2
        while index + 1 < arguments.count {
            let flag = arguments[index], raw = arguments[index + 1]
            guard flag.hasPrefix("--"), !raw.hasPrefix("--") else { return nil }
            var key = Self.pascal(String(flag.dropFirst(2)))
            // CloudWatch Logs names its members in lower camel case (logGroupName).
            if service == .logs { key = key.prefix(1).lowercased() + key.dropFirst() }
            if Self.integers.contains(key) {
                guard let number = Int(raw) else { return nil }
                parameters.append((key, .integer(number)))
            } else if Self.structures.contains(key) {
                var members: [String: String] = [:]
                for pair in raw.split(separator: ",") {
                    guard let equals = pair.firstIndex(of: "=") else { return nil }
                    members[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
                }
                parameters.append((key, .structure(members)))
            } else {
                parameters.append((key, .string(raw)))
            }
            index += 2
        }
        self.parameters = parameters
    }

    /// Words operation names spell in capitals (`ListVirtualMFADevices`, `ListAWSServiceAccessForOrganization`).
    static let acronyms: [Substring: String] = ["mfa": "MFA", "aws": "AWS"]

    /// `describe-account` → `DescribeAccount`; `--account-id` → `AccountId`.
    static func pascal(_ kebab: String, acronyms: Bool = false) -> String {
        kebab.split(separator: "-").map { word in
            (acronyms ? Self.acronyms[word] : nil) ?? word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }
}
