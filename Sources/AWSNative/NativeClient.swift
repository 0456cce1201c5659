import AsyncHTTPClient
import Dispatch
import JSONFormat
import NIOCore
import Synchronization
import SystemImports

/// Why a native call gave no reply: the service's own error (its code and words), or no answer.
public struct NativeFailure: Error, Sendable, Equatable {
    public var status: Int?
    public var code: String?
    public var message: String
}

/// The native AWS client: a call from the CLI arguments the checks name, resolved to its endpoint,
/// built in its protocol, signed, sent over the shared HTTP client, and its JSON reply read. The
/// JSON protocols (Organizations, SSO Admin, Identity Store, CloudTrail, CloudWatch Logs,
/// EventBridge) and the Account API are read here; the query protocols' XML is not yet.
public enum NativeClient {
    /// Largest reply read; a credential report is the largest the checks ask for.
    static let maxReply = 16 * 1024 * 1024

    public static func call(_ arguments: [String], region: String, credentials: AWSCredentials, environment: [String: String],
                            timeout: TimeInterval = 20, now: Date = Date()) -> Result<JSONValue, NativeFailure> {
        guard let operation = Operation(cliArguments: arguments) else {
            return .failure(NativeFailure(status: nil, code: nil, message: "not a call this client reads: \(arguments.prefix(2).joined(separator: " "))"))
        }
        guard let endpoint = Endpoint.resolve(operation.service, region: region, environment: environment) else {
            return .failure(NativeFailure(status: nil, code: nil, message: "no endpoint for \(operation.service.rawValue) in \(region)"))
        }
        let signed = SigV4.sign(RequestBuilder.build(operation, endpoint: endpoint), credentials: credentials,
                                region: endpoint.signingRegion, service: endpoint.signingName, date: now)
        let base = endpoint.url.hasSuffix("/") ? String(endpoint.url.dropLast()) : endpoint.url
        switch send(signed, url: base + signed.path, timeout: timeout) {
        case .failure(let failure): return .failure(failure)
        case .success(let reply):
            if case .query = RequestBuilder.wire(operation.service) {
                guard (200..<300).contains(reply.status) else { return .failure(queryError(reply.status, reply.body)) }
                guard let value = QueryXML.json(reply.body, operation: operation.name) else {
                    return .failure(NativeFailure(status: reply.status, code: nil, message: "the reply is not the \(operation.name) document"))
                }
                return .success(value)
            }
            let body = reply.body.isEmpty ? [UInt8]("{}".utf8) : reply.body
            guard (200..<300).contains(reply.status) else { return .failure(serviceError(reply.status, body)) }
            guard let value = try? JSONParser.parse(Data(body)) else {
                return .failure(NativeFailure(status: reply.status, code: nil, message: "the reply is not JSON"))
            }
            return .success(withoutNulls(value))
        }
    }

    /// The CLI prints no member whose value is null (botocore's parser drops them).
    static func withoutNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.filter { !$0.value.isNull }.mapValues(withoutNulls))
        case .array(let elements): .array(elements.map(withoutNulls))
        default: value
        }
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
        return NativeFailure(status: status, code: find(root, "Code"), message: find(root, "Message") ?? "HTTP \(status)")
    }

    /// A JSON protocol's error: `__type` (its last part after `#`) and `message`/`Message`.
    static func serviceError(_ status: Int, _ body: [UInt8]) -> NativeFailure {
        let object = (try? JSONParser.parse(Data(body)))?.object ?? [:]
        let type = (object["__type"]?.string ?? object["code"]?.string).map { String($0.split(separator: "#").last ?? "") }
        let message = object["message"]?.string ?? object["Message"]?.string ?? "HTTP \(status)"
        return NativeFailure(status: status, code: type, message: message)
    }

    /// Sends on the shared client from a synchronous caller (the checks run on worker threads).
    static func send(_ request: SignableRequest, url: String, timeout: TimeInterval) -> Result<(status: Int, body: [UInt8]), NativeFailure> {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<(status: Int, body: [UInt8]), NativeFailure>?>(nil)
        var http = HTTPClientRequest(url: url)
        http.method = .RAW(value: request.method)
        for (name, value) in request.headers where name.lowercased() != "host" { http.headers.add(name: name, value: value) }
        http.body = .bytes(request.body)
        let sendable = http
        Task {
            let result: Result<(status: Int, body: [UInt8]), NativeFailure>
            do {
                let response = try await HTTPClient.shared.execute(sendable, timeout: .milliseconds(Int64(timeout * 1000)))
                let buffer = try await response.body.collect(upTo: maxReply)
                result = .success((Int(response.status.code), Array(buffer.readableBytesView)))
            } catch {
                result = .failure(NativeFailure(status: nil, code: nil, message: "no answer from \(url.prefix { $0 != "?" }): \(error)"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return outcome.withLock { $0 } ?? .failure(NativeFailure(status: nil, code: nil, message: "no answer"))
    }
}
