import JSONFormat
import SystemImports

/// A reply read by its output shape into the JSON the AWS CLI prints: members outside the model are
/// dropped and nulls left out (botocore's parsers do both), a query protocol's XML typed (lists,
/// maps, numbers, booleans), timestamps as the service sent them (epoch seconds in JSON, ISO text
/// in XML), which is what the CLI prints by default (v1's `cli_timestamp_format` is `none`; the
/// checks read both that and v2's ISO form). A value that does not
/// fit its shape makes the whole reply refused: a check never reads half a reply.
enum ReplyShaping {
    struct Mismatch: Error {}

    /// A JSON protocol's reply; nil for null.
    static func json(_ value: JSONValue, shape key: String) throws -> JSONValue? {
        guard let shape = OperationShapes.shape(key) else { throw Mismatch() }
        if value.isNull { return nil }
        switch shape {
        case .structure(let members):
            guard let object = value.object else { throw Mismatch() }
            var out: [String: JSONValue] = [:]
            for member in members {
                if let field = object[member.name], let shaped = try json(field, shape: member.shape) { out[member.name] = shaped }
            }
            return .object(out)
        case .list(let member, _, _):
            guard let elements = value.array else { throw Mismatch() }
            // A null element stays (botocore keeps it): a list must never read shorter than it came.
            return .array(try elements.map { element in try json(element, shape: member) ?? .null })
        case .map(_, let valueShape, _, _, _):
            guard let object = value.object else { throw Mismatch() }
            var out: [String: JSONValue] = [:]
            for (name, field) in object { out[name] = try json(field, shape: valueShape) ?? .null }
            return .object(out)
        case .timestamp:
            // Epoch seconds, as JSON protocols send them (some services send ISO text).
            if value.number != nil { return value }
            guard let text = value.string, CLITimestamp.parse(text) != nil else { throw Mismatch() }
            return value
        case .string, .blob, .integer, .double, .boolean:
            // botocore's JSON parser passes a scalar on as the service sent it (moto sends a number
            // where the model says string): the checks hold each value they read to its type.
            guard value.object == nil, value.array == nil else { throw Mismatch() }
            return value
        }
    }

    /// A query protocol's element (the `…Result`, or a member of it).
    static func xml(_ element: QueryXML.Element, shape key: String) throws -> JSONValue {
        guard let shape = OperationShapes.shape(key) else { throw Mismatch() }
        switch shape {
        case .structure(let members):
            var out: [String: JSONValue] = [:]
            for member in members {
                guard let memberShape = OperationShapes.shape(member.shape) else { throw Mismatch() }
                if case .list(let item, let tag, true) = memberShape {
                    let items = element.children.filter { $0.name == member.tag }
                    if !items.isEmpty { out[member.name] = .array(try items.map { child in try xml(child, shape: item) }) }
                    _ = tag
                    continue
                }
                if let child = element.children.first(where: { $0.name == member.tag }) { out[member.name] = try xml(child, shape: member.shape) }
            }
            return .object(out)
        case .list(let member, let tag, _):
            return .array(try element.children.filter { $0.name == tag }.map { child in try xml(child, shape: member) })
        case .map(_, let valueShape, let keyTag, let valueTag, _):
            var out: [String: JSONValue] = [:]
            for entry in element.children where entry.name == "entry" {
                guard let name = entry.children.first(where: { $0.name == keyTag })?.text,
                      let value = entry.children.first(where: { $0.name == valueTag }) else { throw Mismatch() }
                out[name] = try xml(value, shape: valueShape)
            }
            return .object(out)
        case .string, .blob:
            return .string(element.text)
        case .integer:
            guard let number = Int(element.text.trimmingSpaces()) else { throw Mismatch() }
            return .number(JSONNumber(number))
        case .double:
            guard let number = JSONNumber(element.text.trimmingSpaces()) else { throw Mismatch() }
            return .number(number)
        case .boolean:
            switch element.text.trimmingSpaces() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw Mismatch()
            }
        case .timestamp:
            guard CLITimestamp.parse(element.text.trimmingSpaces()) != nil else { throw Mismatch() }
            return .string(element.text.trimmingSpaces())
        }
    }
}
