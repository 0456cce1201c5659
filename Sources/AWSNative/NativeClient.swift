import JSONFormat
import SystemImports

/// Why a native call gave no reply: the service's own error (its code and words), or no answer.
public struct NativeFailure: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The service answered with an error (`code`).
        case service
        /// No answer: the connection failed or broke.
        case transport
        case timedOut, cancelled
        /// An answer that is not the operation's reply.
        case malformed
        /// Not a call the client makes (its model is not carried), or no endpoint for it.
        case unsupported
    }
    public var kind: Kind
    public var status: Int?
    public var code: String?
    public var message: String

    public init(_ kind: Kind, status: Int? = nil, code: String? = nil, _ message: String) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
    }
}

/// The native AWS client: a call from the CLI arguments the checks name, read by its model,
/// resolved to its endpoint, built in its protocol, signed, sent (tried again as the SDKs' standard
/// retry mode does), every page followed, and the reply read into the JSON the CLI prints for it.
public struct NativeClient: Sendable {
    public var credentials: AWSCredentials
    public var environment: [String: String]
    /// For one request, retries not included.
    public var timeout: TimeInterval
    /// Polled while a request is in flight: true ends it at once.
    public var cancelled: @Sendable () -> Bool
    var transport: any HTTPTransport
    /// Until when a throttled call may be tried more often than the standard three times (a fleet
    /// run slows down instead of failing; each retry is still paid from the service's budget).
    public var throttledUntil: Date?

    /// Largest reply read; a credential report is the largest the checks ask for.
    static let maxReply = 16 * 1024 * 1024
    /// A paginated call that keeps giving pages past this is refused rather than followed forever.
    static let maxPages = 1000

    public init(credentials: AWSCredentials, environment: [String: String], timeout: TimeInterval = 20,
                cancelled: @escaping @Sendable () -> Bool = { false }) {
        self.init(credentials: credentials, environment: environment, timeout: timeout, cancelled: cancelled, transport: CurlTransport.shared.trusting(environment["AWS_CA_BUNDLE"]))
    }

    init(credentials: AWSCredentials, environment: [String: String], timeout: TimeInterval, cancelled: @escaping @Sendable () -> Bool,
         transport: any HTTPTransport) {
        self.credentials = credentials
        self.environment = environment
        self.timeout = timeout
        self.cancelled = cancelled
        self.transport = transport
    }

    /// Why requests cannot be made on this machine (libcurl missing), or nil.
    public static var unavailable: String? { CurlTransport.unavailable }

    /// The call's reply as `aws … --output json` prints it: pages joined as the CLI joins them.
    public func call(_ arguments: [String], region: String) -> Result<JSONValue, NativeFailure> {
        guard let operation = Operation(cliArguments: arguments) else {
            return .failure(NativeFailure(.unsupported, "not a call this client reads: \(arguments.prefix(2).joined(separator: " "))"))
        }
        guard let endpoint = Endpoint.resolve(operation.service, region: region, environment: environment) else {
            return .failure(NativeFailure(.unsupported, "no endpoint for \(operation.service.rawValue) in \(region)"))
        }
        guard let paginator = operation.shape.paginator else { return page(operation, endpoint: endpoint) }
        var merged: [String: JSONValue] = [:]
        var current = operation
        var seen: Set<[String]> = []
        for number in 0..<Self.maxPages {
            let reply: [String: JSONValue]
            switch page(current, endpoint: endpoint) {
            case .failure(let failure): return .failure(failure)
            case .success(let value): reply = value.object ?? [:]
            }
            for key in paginator.resultKeys {
                if let items = reply[key]?.array { merged[key] = .array((merged[key]?.array ?? []) + items) }
                else if number == 0, let value = reply[key] { merged[key] = value }
            }
            if number == 0 { for key in paginator.nonAggregateKeys { merged[key] = reply[key] } }
            let tokens = paginator.outputTokens.map { reply[$0]?.string ?? "" }
            let more = paginator.moreResults.map { reply[$0]?.bool ?? false } ?? tokens.contains { !$0.isEmpty }
            guard more, tokens.contains(where: { !$0.isEmpty }) else { return .success(.object(merged)) }
            // botocore stops a paginator whose token comes back unchanged: it would loop forever.
            guard seen.insert(tokens).inserted else {
                return .failure(NativeFailure(.malformed, "\(operation.name) gave the same page token twice"))
            }
            current.parameters.removeAll { name, _ in paginator.inputTokens.contains(name) }
            for (name, token) in zip(paginator.inputTokens, tokens) where !token.isEmpty { current.parameters.append((name, .string(token))) }
        }
        return .failure(NativeFailure(.malformed, "\(operation.name) gave more than \(Self.maxPages) pages"))
    }

    /// One request, tried again while the standard retry mode allows, and its reply read.
    func page(_ operation: Operation, endpoint: Endpoint) -> Result<JSONValue, NativeFailure> {
        let request = RequestBuilder.build(operation, endpoint: endpoint)
        let base = endpoint.url.hasSuffix("/") ? String(endpoint.url.dropLast()) : endpoint.url
        let budget = RetryBudget.shared(for: operation.service)
        let attempts = StandardRetry.maxAttempts(environment)
        var attempt = 0
        while true {
            // Signed again for each attempt: the signature carries the time.
            let signed = operation.shape.unsigned ? request
                : SigV4.sign(request, credentials: credentials, region: endpoint.signingRegion, service: endpoint.signingName, date: Date())
            let answer = transport.send(signed, url: base + signed.path, timeout: timeout, cancelled: cancelled)
                .flatMap { read($0, operation: operation) }
            guard case .failure(let failure) = answer, let cost = StandardRetry.cost(failure),
                  attempt + 1 < StandardRetry.limit(attempts, for: failure, until: throttledUntil),
                  budget.take(cost) else {
                if case .success = answer { budget.refund(attempt > 0 ? StandardRetry.retryCost : 0) }
                return answer
            }
            attempt += 1
            if !StandardRetry.pause(attempt: attempt, cancelled: cancelled) { return .failure(NativeFailure(.cancelled, "the check was cancelled")) }
        }
    }

    func read(_ reply: HTTPReply, operation: Operation) -> Result<JSONValue, NativeFailure> {
        if case .query = RequestBuilder.wire(operation.service) {
            guard (200..<300).contains(reply.status) else { return .failure(Self.queryError(reply.status, reply.body)) }
            guard let value = QueryXML.json(reply.body, operation: operation.shape) else {
                return .failure(NativeFailure(.malformed, status: reply.status, "the reply is not the \(operation.name) document"))
            }
            return .success(value)
        }
        let body = reply.body.isEmpty ? [UInt8]("{}".utf8) : reply.body
        guard (200..<300).contains(reply.status) else { return .failure(Self.serviceError(reply.status, body)) }
        guard let parsed = try? JSONParser.parse(Data(body)) else {
            return .failure(NativeFailure(.malformed, status: reply.status, "the \(operation.name) reply is not JSON"))
        }
        guard let output = operation.shape.output else { return .success(.object([:])) }
        let shaped: JSONValue?
        do { shaped = try ReplyShaping.json(parsed, shape: output) } catch {
            return .failure(NativeFailure(.malformed, status: reply.status, "the \(operation.name) reply does not have the shape of its API"))
        }
        return .success(shaped ?? .object([:]))
    }

    /// A query protocol's error: `<Error><Code>…</Code><Message>…</Message></Error>`.
    static func queryError(_ status: Int, _ body: [UInt8]) -> NativeFailure {
        func find(_ element: QueryXML.Element?, _ name: String) -> String? {
            guard let element else { return nil }
            if element.name == name { return element.text }
            for child in element.children { if let found = find(child, name) { return found } }
            return nil
        }
        let root = QueryXML.parse(body)
        return NativeFailure(.service, status: status, code: find(root, "Code"), find(root, "Message") ?? "HTTP \(status)")
    }

    /// A JSON protocol's error: `__type` (its last part after `#`; some services add `:` and a URL)
    /// and `message`/`Message`. A body that is not such a document (a proxy's page) is, as botocore
    /// reads it, an error coded by the HTTP status with the body as its message.
    static func serviceError(_ status: Int, _ body: [UInt8]) -> NativeFailure {
        let object = (try? JSONParser.parse(Data(body)))?.object ?? [:]
        let type = (object["__type"]?.string ?? object["code"]?.string ?? object["Code"]?.string)
            .map { String($0.split(separator: "#").last ?? "").split(separator: ":").first.map(String.init) ?? "" }
        guard let type, !type.isEmpty else {
            return NativeFailure(.service, status: status, code: String(status), String(decoding: body.prefix(1024), as: UTF8.self))
        }
        let message = object["message"]?.string ?? object["Message"]?.string ?? "HTTP \(status)"
        return NativeFailure(.service, status: status, code: type, message)
    }
}
