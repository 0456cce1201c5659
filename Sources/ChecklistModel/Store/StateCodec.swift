#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns state files into `AccountState` and back, migrating older schema versions.
public enum StateCodec {
    /// Largest state file accepted; one with 10,000 history entries is about 2 MiB.
    public static let maxFileSize = 32 * 1024 * 1024

    /// The file's bytes: sorted keys and indentation keep diffs readable for teams that keep the
    /// directory in git. Written directly (`StateWriter`, `JSONPrettyWriter`) in exactly the layout
    /// JSONEncoder would give, at a fraction of its cost on the save path.
    public static func encode(_ state: AccountState) -> Data {
        var bytes = JSONPrettyWriter.bytes(StateWriter.document(state))
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }

    /// The same text as `.iso8601`, without Foundation's formatter (the JSON summary uses it).
    static let encodeDate: JSONEncoder.DateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(ISODate.format(date))
    }

    /// Times are kept to whole seconds (see `Timestamp`); a hand-edited fraction is dropped on load
    /// so that what loads is exactly what saves.
    static let dateStrategy: JSONDecoder.DateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = ISODate.parseAnyForm(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text.prefix(40))\" is not an ISO 8601 time")
        }
        return date
    }

    public static func decode(_ data: Data, path: String) throws -> AccountState {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw ModelError.corruptState(path: path, detail: "not valid JSON: \(error)")
        }
        guard let root = document.object else {
            throw ModelError.corruptState(path: path, detail: "the top level is not a JSON object")
        }
        if let state = StateReader.read(document) {
            try validate(state, path: path)
            return state
        }
        // The slow path runs only for files that need explaining or migrating.
        guard let version = root["schemaVersion"]?.number?.wholeNumber, version >= 1 else {
            throw ModelError.corruptState(path: path, detail: "schemaVersion is missing or not a positive whole number")
        }
        if version > AccountState.currentSchemaVersion {
            throw ModelError.newerSchema(path: path, found: version, supported: AccountState.currentSchemaVersion)
        }
        var bytes = data
        if version < AccountState.currentSchemaVersion {
            let migrated = JSONValue.object(StateMigration.migrate(root, from: version))
            if let state = StateReader.read(migrated) {
                try validate(state, path: path)
                return state
            }
            bytes = Data(JSONPrettyWriter.bytes(migrated))
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = dateStrategy
            let state = try decoder.decode(AccountState.self, from: bytes)
            try validate(state, path: path)
            return state
        } catch let error as DecodingError {
            throw ModelError.corruptState(path: path, detail: describe(error))
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.corruptState(path: path, detail: "\(error)")
        }
    }

    /// Checks what the types cannot: a well-formed account id, ids within reason.
    static func validate(_ state: AccountState, path: String) throws {
        guard EvidenceValidator.isAccountID(state.account.id) else {
            throw ModelError.corruptState(path: path, detail: "$.account.id is not a 12-digit account id")
        }
        if state.items.keys.contains(where: { $0.isEmpty || $0.count > 63 }) {
            throw ModelError.corruptState(path: path, detail: "$.items has an empty or over-long item id")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            "$" + codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)) is not valid: \(context.debugDescription)"
        @unknown default:
            return "it does not match the state format"
        }
    }
}

/// Upgrades older state layouts, one version at a time, on the parsed JSON.
enum StateMigration {
    static func migrate(_ object: [String: JSONValue], from version: Int) -> [String: JSONValue] {
        var current = object
        var version = version
        while version < AccountState.currentSchemaVersion {
            switch version {
            case 1: current = v1ToV2(current)
            // 3 only added optional account fields (kind and organization): nothing to move.
            case 2: current["schemaVersion"] = .number(JSONNumber(3))
            default: break
            }
            version += 1
        }
        return current
    }

    /// Version 1 (the first pre-release) kept the account fields flat and had no cursor.
    static func v1ToV2(_ old: [String: JSONValue]) -> [String: JSONValue] {
        var new = old
        var account: [String: JSONValue] = ["id": old["accountId"] ?? .string("")]
        if let alias = old["alias"] { account["alias"] = alias }
        if let email = old["rootEmail"] { account["rootEmail"] = email }
        new["account"] = .object(account)
        new["checklist"] = .object(["id": old["checklistId"] ?? .string("aws-root-user"),
                                    "version": old["checklistVersion"] ?? .number(JSONNumber(1))])
        for key in ["accountId", "alias", "rootEmail", "checklistId", "checklistVersion"] { new[key] = nil }
        new["history"] = old["history"] ?? .array([])
        new["items"] = old["items"] ?? .object([:])
        new["schemaVersion"] = .number(JSONNumber(2))
        return new
    }
}
