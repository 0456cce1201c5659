import SystemImports

/// One API call as the client makes it: the service, the operation, and its parameters, read from
/// the AWS CLI arguments the checks already name (`organizations describe-account --account-id …`)
/// by the operation's model, as the CLI reads them.
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
    let shape: OperationShape

    /// `[service, command, --flag, value, …]`; nil for an operation outside the client's models, a
    /// flag the operation does not have, or a value of a type the client does not write.
    public init?(cliArguments arguments: [String]) {
        guard arguments.count >= 2, let service = AWSService(rawValue: arguments[0]), arguments.count % 2 == 0,
              let shape = OperationShapes.operation(service: service, command: arguments[1]) else { return nil }
        let members: [Member]
        if let input = shape.input, case .structure(let fields)? = OperationShapes.shape(input) { members = fields } else { members = [] }
        self.service = service
        self.shape = shape
        name = shape.name
        var parameters: [(String, Value)] = []
        var index = 2
        while index + 1 < arguments.count {
            let flag = arguments[index], raw = arguments[index + 1]
            guard flag.hasPrefix("--"), !raw.hasPrefix("--"), let key = shape.flags[String(flag.dropFirst(2))],
                  let member = members.first(where: { $0.name == key }), let kind = OperationShapes.shape(member.shape) else { return nil }
            switch kind {
            case .string:
                parameters.append((key, .string(raw)))
            case .integer:
                guard let number = Int(raw) else { return nil }
                parameters.append((key, .integer(number)))
            case .structure(let fields):
                // The CLI's shorthand for a structure of strings: `name=value,name=value`.
                var values: [String: String] = [:]
                for pair in raw.split(separator: ",") {
                    guard let equals = pair.firstIndex(of: "="), let field = fields.first(where: { $0.name == pair[..<equals] }),
                          case .string? = OperationShapes.shape(field.shape) else { return nil }
                    values[field.name] = String(pair[pair.index(after: equals)...])
                }
                parameters.append((key, .structure(values)))
            default:
                return nil
            }
            index += 2
        }
        self.parameters = parameters
    }
}
