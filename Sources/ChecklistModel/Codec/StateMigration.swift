import SystemImports

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
