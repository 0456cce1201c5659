import SystemImports

/// Why a state document does not read, located by its JSON path: "$.items.root-mfa.status must be
/// one of pending, done, skipped, not-applicable (found \"finished\")".
public struct StateFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path) \(problem)" }
}

/// How one kind of JSON value is read into a Swift value and written back.
struct StoredValue<T>: Sendable {
    /// What a wrong value should have been, for the error: "a string", "an ISO 8601 time".
    let expected: String
    let read: @Sendable (JSONValue) -> T?
    let write: @Sendable (T) -> JSONValue
}

extension StoredValue where T == String {
    static var string: StoredValue { StoredValue(expected: "must be a string", read: { $0.string }, write: { .string($0) }) }
}

extension StoredValue where T == Int {
    static var wholeNumber: StoredValue {
        StoredValue(expected: "must be a whole number", read: { $0.number?.wholeNumber }, write: { .number(JSONNumber($0)) })
    }
}

extension StoredValue where T == Date {
    /// Times are kept to whole seconds (see `Timestamp`); a hand-edited fraction is dropped on load.
    static var time: StoredValue {
        StoredValue(expected: "must be an ISO 8601 time such as 2026-11-30T09:00:00Z",
                    read: { $0.string.flatMap(ISODate.parseAnyForm) }, write: { .string(ISODate.format($0)) })
    }
}

extension StoredValue where T == [String: String] {
    static var stringMap: StoredValue {
        StoredValue(expected: "must be an object of strings", read: { value in
            guard let members = value.object else { return nil }
            var map: [String: String] = [:]
            for (key, member) in members {
                guard let text = member.string else { return nil }
                map[key] = text
            }
            return map
        }, write: { .object($0.mapValues(JSONValue.string)) })
    }
}

extension StoredValue where T == [ItemVersion] {
    /// The versions an item changed by both holds: `[{"by", "at", "values"}]`, two or more.
    static var versions: StoredValue {
        StoredValue(expected: "must be a list of two or more versions, each with by, at and values", read: { value in
            guard let elements = value.array, elements.count >= 2 else { return nil }
            var versions: [ItemVersion] = []
            for element in elements {
                guard let members = element.object, let by = members["by"]?.string,
                      let values = members["values"].flatMap(StoredValue<[String: String]>.stringMap.read) else { return nil }
                var at: Date?
                if let time = members["at"], !time.isNull {
                    guard let parsed = time.string.flatMap(ISODate.parseAnyForm) else { return nil }
                    at = parsed
                }
                versions.append(ItemVersion(by: by, at: at, values: values))
            }
            return versions
        }, write: { versions in
            .array(versions.map { version in
                var members: [String: JSONValue] = ["by": .string(version.by), "values": .object(version.values.mapValues(JSONValue.string))]
                if let at = version.at { members["at"] = .string(ISODate.format(at)) }
                return .object(members)
            })
        })
    }
}

extension StoredValue where T: RawRepresentable & CaseIterable & Sendable, T.RawValue == String {
    /// One of an enumeration's spellings.
    static var oneOf: StoredValue {
        StoredValue(expected: "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))",
                    read: { $0.string.flatMap(T.init(rawValue:)) }, write: { .string($0.rawValue) })
    }
}

/// Where reading has got to: the JSON path for errors, and the unknown fields kept for the save.
struct StateReadContext {
    /// Member keys and array indexes from the root; made safe to show only when an error names them.
    enum Step { case key(String), index(Int) }
    var path: [Step] = []
    var preserved = PreservedFields()
    /// The item being read, for the location of its check's unknown fields.
    var item: String?

    /// Reads a member with its key on the path, for errors inside it.
    mutating func descend<T>(_ key: String, _ body: (inout StateReadContext) throws(StateFormatError) -> T) throws(StateFormatError) -> T {
        path.append(.key(key))
        defer { path.removeLast() }
        return try body(&self)
    }

    var pathText: String {
        "$" + path.map { step in
            switch step {
            case .key(let key): Self.component(key)
            case .index(let index): "[\(index)]"
            }
        }.joined()
    }

    /// A member key from the file, made safe to show (it may hold anything) before it enters a path.
    static func component(_ key: String) -> String {
        let clean = UntrustedText.line(key, limit: 64)
        let plain = clean.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        return plain && !clean.isEmpty ? ".\(clean)" : "[\"\(clean)\"]"
    }

    func error(_ key: String? = nil, _ problem: String, found: JSONValue? = nil) -> StateFormatError {
        var where_ = pathText
        if let key { where_ += Self.component(key) }
        var text = problem
        if let found { text += " (found \(Self.describe(found)))" }
        return StateFormatError(path: where_, problem: text)
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let number): UntrustedText.line(number.text, limit: 40)
        case .string(let text): "\"\(UntrustedText.line(text, limit: 40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One stored field of `Owner`: its key in the file, and how to read it into and write it from
/// the Swift value. Each stored type lists its fields once (`StateFields`), and the reader and
/// the writer both walk that list, so a new field is one line there.
struct StoredField<Owner>: Sendable {
    let key: String
    /// Reads the member (nil when absent) into the value being built.
    let read: @Sendable (inout Owner, JSONValue?, inout StateReadContext) throws(StateFormatError) -> Void
    /// The member to write, or nil to leave it out.
    let write: @Sendable (Owner, StateWriteContext) -> JSONValue?

    /// A field every file has; absent or null is an error.
    static func required<T>(_ key: String, _ get: @escaping @Sendable (Owner) -> T, _ set: @escaping @Sendable (inout Owner, T) -> Void,
                            _ type: StoredValue<T>) -> StoredField {
        StoredField(key: key, read: { owner, member, context throws(StateFormatError) in
            guard let member else { throw context.error(key, "is missing") }
            guard let value = type.read(member) else { throw context.error(key, type.expected, found: member) }
            set(&owner, value)
        }, write: { owner, _ in type.write(get(owner)) })
    }

    /// A field read as `fallback` when absent or null, and always written.
    static func defaulted<T: Sendable>(_ key: String, _ get: @escaping @Sendable (Owner) -> T, _ set: @escaping @Sendable (inout Owner, T) -> Void,
                                       _ type: StoredValue<T>, _ fallback: T) -> StoredField {
        StoredField(key: key, read: { owner, member, context throws(StateFormatError) in
            guard let member, !member.isNull else { set(&owner, fallback); return }
            guard let value = type.read(member) else { throw context.error(key, type.expected, found: member) }
            set(&owner, value)
        }, write: { owner, _ in type.write(get(owner)) })
    }

    /// A field holding an object of its own, whose unknown fields are kept at `location`.
    static func object<T>(_ key: String, _ get: @escaping @Sendable (Owner) -> T, _ set: @escaping @Sendable (inout Owner, T) -> Void,
                          _ type: StoredObject<T>, at location: FieldLocation) -> StoredField {
        StoredField(key: key, read: { owner, member, context throws(StateFormatError) in
            guard let member else { throw context.error(key, "is missing") }
            set(&owner, try context.descend(key) { (inner: inout StateReadContext) throws(StateFormatError) in
                try type.read(member, at: location, &inner)
            })
        }, write: { owner, context in type.write(get(owner), at: location, context) })
    }

    /// An item's object that may be absent or null, whose unknown fields are kept per item.
    static func optionalObject<T>(_ key: String, _ get: @escaping @Sendable (Owner) -> T?, _ set: @escaping @Sendable (inout Owner, T?) -> Void,
                                  _ type: StoredObject<T>, at location: @escaping @Sendable (String) -> FieldLocation) -> StoredField {
        StoredField(key: key, read: { owner, member, context throws(StateFormatError) in
            guard let member, !member.isNull else { set(&owner, nil); return }
            let place = location(context.item ?? "")
            set(&owner, try context.descend(key) { (inner: inout StateReadContext) throws(StateFormatError) in
                try type.read(member, at: place, &inner)
            })
        }, write: { owner, context in
            get(owner).map { type.write($0, at: location(context.item ?? ""), context) }
        })
    }

    /// A field that may be absent or null (read as nil, and left out when nil).
    static func optional<T>(_ key: String, _ get: @escaping @Sendable (Owner) -> T?, _ set: @escaping @Sendable (inout Owner, T?) -> Void,
                            _ type: StoredValue<T>) -> StoredField {
        StoredField(key: key, read: { owner, member, context throws(StateFormatError) in
            guard let member, !member.isNull else { set(&owner, nil); return }
            guard let value = type.read(member) else { throw context.error(key, type.expected, found: member) }
            set(&owner, value)
        }, write: { owner, _ in get(owner).map(type.write) })
    }
}

/// What writing needs besides the value: the fields kept from the file it was read from.
struct StateWriteContext {
    let preserved: PreservedFields
    /// The item being written, for the location of its check's unknown fields.
    var item: String?
}

/// A stored object type: a blank value to fill, its fields, and where its unknown fields are kept.
struct StoredObject<Owner: Sendable>: Sendable {
    let blank: Owner
    let fields: [StoredField<Owner>]
    let known: Set<String>

    init(blank: Owner, fields: [StoredField<Owner>]) {
        self.blank = blank
        self.fields = fields
        known = Set(fields.map(\.key))
    }

    /// Reads `value` as this type at the context's path; unknown members are kept at `location`.
    func read(_ value: JSONValue, at location: FieldLocation, _ context: inout StateReadContext) throws(StateFormatError) -> Owner {
        guard let members = value.object else { throw context.error(nil, "must be an object", found: value) }
        var owner = blank
        var found = 0
        for field in fields {
            let member = members[field.key]
            if member != nil { found += 1 }
            try field.read(&owner, member, &context)
        }
        // Field keys are distinct, so when every member was found by a field there is nothing unknown:
        // no second hash of each key (most objects, nearly always).
        if found < members.count {
            let unknown = members.filter { !known.contains($0.key) }
            if !unknown.isEmpty { context.preserved.unknown[location, default: [:]].merge(unknown) { _, new in new } }
        }
        return owner
    }

    /// Writes `owner` with what was kept at `location` added back; what this program writes wins on a clash.
    func write(_ owner: Owner, at location: FieldLocation, _ context: StateWriteContext) -> JSONValue {
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(fields.count)
        for field in fields {
            if let value = field.write(owner, context) { members[field.key] = value }
        }
        if let unknown = context.preserved.unknown[location] {
            members.merge(unknown) { known, _ in known }
        }
        return .object(members)
    }
}
