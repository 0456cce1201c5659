import SystemImports
import ChecklistModel
import ChecklistStore

/// Where replies come from: the live AWS CLI, or files saved earlier.
public protocol ReplySource: Sendable {
    var source: CheckSource { get }
    /// True when Identity Center calls are answered by the organization's management account
    /// for the account being checked (a fleet run), so a member's assignments can be seen.
    var identityCenterFromManagement: Bool { get }
    /// In a fleet run, the organization's management account, for what it holds for every member
    /// (an organization trail and the alarms on it); nil otherwise.
    var organizationManagement: (any ReplySource)? { get }
    /// The JSON object the call returned, or why there is none.
    func reply(_ call: AWSCall, region: String?) -> Result<JSONReply, CallFailure>
}

extension ReplySource {
    public var identityCenterFromManagement: Bool { false }
    public var organizationManagement: (any ReplySource)? { nil }

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
        let errorName = String(call.fileName.dropLast(5)) + ".error"
        switch Self.saved(directory.appendingPathComponent(call.fileName), limit: Self.maxReplySize) {
        case .success(let data?): return Self.parseObject(data, what: call.fileName)
        case .failure(let failure): return .failure(failure)
        case .success(nil): break
        }
        switch Self.saved(directory.appendingPathComponent(errorName), limit: 4096) {
        case .success(let data?): return .failure(CallFailure.classify(stderr: String(decoding: data, as: UTF8.self), exitCode: 254))
        case .failure(let failure): return .failure(failure)
        case .success(nil): return .failure(CallFailure(.missingFile, "no saved reply \(call.fileName) in \(directory.path)"))
        }
    }

    /// A saved file's bytes, nil when there is no such file. Read only from a regular file, never
    /// through a link (a planted one could point anywhere), and with a cap: a reply is kilobytes.
    static func saved(_ url: URL, limit: Int) -> Result<Data?, CallFailure> {
        do {
            let data = try SafeFileRead.read(url, limit: limit + 1, followSymlinks: false)
            guard data.count <= limit else { return .failure(CallFailure(.malformed, "\(url.lastPathComponent) is too large")) }
            return .success(data)
        } catch .cannotOpen(errno: ENOENT) {
            return .success(nil)
        } catch {
            return .failure(CallFailure(.malformed, "cannot read the saved reply \(url.lastPathComponent): \(error)"))
        }
    }
}
