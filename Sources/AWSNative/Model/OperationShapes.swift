/// The API models of the operations the client makes, as botocore carries them (generated into
/// `Generated/OperationModels.swift` by `scripts/generate-aws-shapes`): what the CLI knows of a
/// call and the client needs to make it the same way and print the same reply.
enum OperationShapes {
    static func operation(service: AWSService, command: String) -> OperationShape? {
        operations[service.rawValue + " " + command]
    }

    static func shape(_ key: String) -> Shape? { shapes[key] }
}

/// One operation: its API name, the CLI's flags for its input members, its input and output shapes
/// (`service.ShapeName`), the query protocols' result element, and how its pages are followed.
struct OperationShape: Sendable {
    var name: String
    /// `account-id` → `AccountId`.
    var flags: [String: String]
    var input: String?
    var output: String?
    var resultWrapper: String?
    var paginator: Paginator?
    /// Called without a signature (AssumeRoleWithWebIdentity: the token is the proof).
    var unsigned = false
}

/// The CLI follows every page of a paginated call and prints one reply: the result keys' lists
/// joined, the non-aggregate keys of the first page, and neither tokens nor "more results" flags.
struct Paginator: Sendable {
    var inputTokens: [String]
    var outputTokens: [String]
    var moreResults: String?
    var resultKeys: [String]
    var nonAggregateKeys: [String]
}

/// A member of a structure: its name in JSON and in the API, its XML element name, and its shape.
struct Member: Sendable {
    var name: String
    var tag: String
    var shape: String

    init(_ name: String, tag: String, shape: String) {
        self.name = name
        self.tag = tag
        self.shape = shape
    }
}

indirect enum Shape: Sendable {
    case string, integer, double, boolean, timestamp, blob
    case structure([Member])
    case list(member: String, tag: String, flattened: Bool)
    case map(key: String, value: String, keyTag: String, valueTag: String, flattened: Bool)
}

extension NativeClient {
    /// The calls the client carries models for, as `service command`.
    public static var modelledCalls: [String] { OperationShapes.operations.keys.sorted() }
}
