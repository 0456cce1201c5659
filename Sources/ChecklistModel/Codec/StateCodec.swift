import SystemImports

/// The one reader and the one writer of state files: `AccountState` to bytes and back, older
/// schema versions migrated on the parsed document, every damaged file explained by the JSON path
/// of what is wrong (and a syntax error by line and column).
public enum StateCodec {
    /// Largest state file accepted; one with 10,000 history entries is about 2 MiB.
    public static let maxFileSize = 32 * 1024 * 1024

    /// The file's bytes: sorted keys and two-space indentation keep diffs readable for teams that
    /// keep the directory in git (the layout JSONEncoder's pretty printing gives, held to recorded
    /// files), with the fields this program does not know written back as they were read.
    public static func encode(_ state: AccountState) -> Data {
        var bytes = JSONPrettyWriter.bytes(document(state))
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }

    /// The file's bytes, refused when they would be larger than the reader accepts (`maxFileSize`):
    /// every writer (a save, a merge) goes through this, so no file is written that could never be
    /// read again.
    public static func encodeForWriting(_ state: AccountState, path: String) throws(ModelError) -> Data {
        let bytes = encode(state)
        guard bytes.count <= maxFileSize else {
            throw ModelError.stateTooLarge(path: path, size: bytes.count, limit: maxFileSize)
        }
        return bytes
    }

    /// The state as the JSON document it is saved as.
    public static func document(_ state: AccountState) -> JSONValue {
        StateFields.state.write(state, at: .root, StateWriteContext(preserved: state.preserved))
    }

    /// An account's details as the state file writes them (the JSON summary shows the same shape).
    public static func document(_ account: AccountInfo) -> JSONValue {
        StateFields.account.write(account, at: .account, StateWriteContext(preserved: PreservedFields()))
    }

    /// A checklist reference as the state file writes it.
    public static func document(_ checklist: ChecklistRef) -> JSONValue {
        StateFields.checklist.write(checklist, at: .checklist, StateWriteContext(preserved: PreservedFields()))
    }

    /// A check result as the state file writes it.
    public static func document(_ check: CheckResult) -> JSONValue {
        StateFields.check.write(check, at: .check(item: ""), StateWriteContext(preserved: PreservedFields()))
    }

    /// Reads a state file's bytes; `path` names the file in errors.
    public static func decode(_ data: Data, path: String) throws(ModelError) -> AccountState {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw ModelError.corruptState(path: path, detail: "not valid JSON: \(error)")
        }
        return try read(document, path: path)
    }

    /// Reads a parsed state document: an older schema is migrated first, a newer one refused.
    public static func read(_ document: JSONValue, path: String) throws(ModelError) -> AccountState {
        guard let root = document.object else {
            throw ModelError.corruptState(path: path, detail: "the top level is not a JSON object")
        }
        guard let version = root["schemaVersion"]?.number?.wholeNumber, version >= 1 else {
            let detail = root["schemaVersion"] == nil ? "$.schemaVersion is missing" : "$.schemaVersion must be a positive whole number"
            throw ModelError.corruptState(path: path, detail: detail)
        }
        if version > AccountState.currentSchemaVersion {
            throw ModelError.newerSchema(path: path, found: version, supported: AccountState.currentSchemaVersion)
        }
        let current = version < AccountState.currentSchemaVersion
            ? JSONValue.object(StateMigration.migrate(root, from: version)) : document
        var context = StateReadContext()
        var state: AccountState
        do {
            state = try StateFields.state.read(current, at: .root, &context)
        } catch {
            throw ModelError.corruptState(path: path, detail: error.description)
        }
        guard EvidenceValidator.isAccountID(state.account.id) else {
            throw ModelError.corruptState(path: path, detail: "$.account.id must be a 12-digit account id")
        }
        state.preserved = context.preserved
        return state
    }
}

