import JSONFormat
import SystemImports

/// The query protocols' XML replies (IAM, STS, SNS, CloudWatch) read into the JSON the AWS CLI
/// prints: the `…Result` element's content, typed by the operation's output shape
/// (`ReplyShaping`). A reply the reader cannot take whole is refused, never half read.
enum QueryXML {
    struct Element {
        var name: String
        var children: [Element] = []
        var text = ""
    }

    /// The operation's result as the CLI prints it, or nil when the reply is not that document.
    static func json(_ bytes: [UInt8], operation: OperationShape) -> JSONValue? {
        guard let root = parse(bytes), root.name == operation.name + "Response" else { return nil }
        guard let output = operation.output, let wrapper = operation.resultWrapper,
              let result = root.children.first(where: { $0.name == wrapper }) else { return .object([:]) }
        return try? ReplyShaping.xml(result, shape: output)
    }

    /// A small reader for the replies AWS writes: elements, text, the five entities and numeric
    /// references; attributes, the declaration and comments are skipped.
    static func parse(_ bytes: [UInt8]) -> Element? {
        var stack: [Element] = []
        var root: Element?
        var index = 0
        func text(_ raw: ArraySlice<UInt8>) -> String? {
            var out = ""
            var rest = Substring(String(decoding: raw, as: UTF8.self))
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                guard let semi = rest[amp...].firstIndex(of: ";") else { return nil }
                let name = rest[rest.index(after: amp)..<semi]
                switch name {
                case "amp": out += "&"
                case "lt": out += "<"
                case "gt": out += ">"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let number = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                    guard let number, let scalar = Unicode.Scalar(number) else { return nil }
                    out.unicodeScalars.append(scalar)
                }
                rest = rest[rest.index(after: semi)...]
            }
            return out + rest
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                let start = index
                while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
                guard let value = text(bytes[start..<index]) else { return nil }
                if !stack.isEmpty { stack[stack.count - 1].text += value }
                continue
            }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            let tag = bytes[(index + 1)..<close]
            index = close + 1
            if tag.first == UInt8(ascii: "?") || tag.first == UInt8(ascii: "!") { continue }
            if tag.first == UInt8(ascii: "/") {
                guard var element = stack.popLast(), String(decoding: tag.dropFirst(), as: UTF8.self).trimmingSpaces() == element.name else { return nil }
                if !element.children.isEmpty { element.text = "" }
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                continue
            }
            let selfClosing = tag.last == UInt8(ascii: "/")
            let name = String(decoding: tag.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            guard !name.isEmpty, stack.count < 64 else { return nil }
            if selfClosing {
                if stack.isEmpty { root = Element(name: name) } else { stack[stack.count - 1].children.append(Element(name: name)) }
            } else {
                stack.append(Element(name: name))
            }
        }
        return stack.isEmpty ? root : nil
    }
}
