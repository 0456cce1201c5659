import ChecklistModel
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where replies come from: the live AWS CLI, or files saved earlier.
public protocol ReplySource: Sendable {
    var source: CheckSource { get }
    /// The JSON object the call returned, or why there is none.
    func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure>
}

extension ReplySource {
    static func parseObject(_ data: Data, what: String) -> Result<JSONReply, CallFailure> {
        guard let members = (try? JSONParser.parse(data))?.object else {
            return .failure(CallFailure(.malformed, "\(what) did not return a JSON object"))
        }
        return .success(JSONReply(members))
    }
}

/// A parsed JSON object.
public struct JSONReply: Sendable {
    public let values: [String: JSONValue]
    public init(_ values: [String: JSONValue]) { self.values = values }
    public subscript(key: String) -> JSONValue? { values[key] }
}

/// Replies saved with `aws … > FILE` for air-gapped review (see `AWSCall.fileName`).
public struct FileReplies: ReplySource {
    public let directory: URL
    public var source: CheckSource { .file }
    static let maxReplySize = 8 * 1024 * 1024

    public init(directory: URL) {
        self.directory = directory
    }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        let json = directory.appendingPathComponent(call.fileName)
        // Read with a cap: a saved reply is kilobytes, and a huge file must not fill memory first.
        if let data = SafeFileRead.contents(of: json, limit: Self.maxReplySize + 1) {
            guard data.count <= Self.maxReplySize else { return .failure(CallFailure(.malformed, "\(call.fileName) is too large")) }
            return Self.parseObject(data, what: call.fileName)
        }
        let errorFile = directory.appendingPathComponent(String(call.fileName.dropLast(5)) + ".error")
        if let data = SafeFileRead.contents(of: errorFile, limit: 4096) {
            return .failure(CallFailure.classify(stderr: String(decoding: data, as: UTF8.self), exitCode: 254))
        }
        return .failure(CallFailure(.missingFile, "no saved reply \(call.fileName) in \(directory.path)"))
    }
}
