import ChecklistModel
import Foundation

/// Where replies come from: the live AWS CLI, or files saved earlier.
public protocol ReplySource: Sendable {
    var source: CheckSource { get }
    /// The JSON object the call returned, or why there is none.
    func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure>
}

extension ReplySource {
    static func parseObject(_ data: Data, what: String) -> Result<JSONReply, CallFailure> {
        guard let object = try? JSONSerialization.jsonObject(with: data), let dictionary = object as? [String: Any] else {
            return .failure(CallFailure(.malformed, "\(what) did not return a JSON object"))
        }
        return .success(JSONReply(dictionary))
    }
}

/// A parsed JSON object. JSONSerialization's values are immutable once parsed, so sharing is safe.
public struct JSONReply: @unchecked Sendable {
    public let values: [String: Any]
    public init(_ values: [String: Any]) { self.values = values }
    public subscript(key: String) -> Any? { values[key] }
}

/// Replies saved with `aws … > FILE` for air-gapped review (see `AWSCall.fileName`).
public struct FileReplies: ReplySource {
    public let directory: URL
    public var source: CheckSource { .file }

    public init(directory: URL) {
        self.directory = directory
    }

    public func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure> {
        let json = directory.appendingPathComponent(call.fileName)
        if let data = FileManager.default.contents(atPath: json.path) {
            guard data.count < 8 * 1024 * 1024 else { return .failure(CallFailure(.malformed, "\(call.fileName) is too large")) }
            return Self.parseObject(data, what: call.fileName)
        }
        let errorFile = directory.appendingPathComponent(String(call.fileName.dropLast(5)) + ".error")
        if let data = FileManager.default.contents(atPath: errorFile.path) {
            return .failure(CallFailure.classify(stderr: String(decoding: data.prefix(4096), as: UTF8.self), exitCode: 254))
        }
        return .failure(CallFailure(.missingFile, "no saved reply \(call.fileName) in \(directory.path)"))
    }
}
