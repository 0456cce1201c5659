import ChecklistModel

extension WalkRequest {
    /// Reads the everyday walkthrough command lines (`[walk] [--account ID] [--checklist X]
    /// [--state-dir DIR] [--ascii] [--no-color] [--sync]`) without swift-argument-parser.
    ///
    /// The full parser reflects over every command's properties, and those first dynamic casts cost
    /// more than all the rest of start-up; the walkthrough is the one command whose start a person
    /// waits for. Anything else — help, a repeated or unknown option, a missing or odd value, a bad
    /// account id — returns nil so the full parser decides, with its own messages. A test holds the
    /// two parsers to the same result on every line this one accepts.
    static func quickParse(_ arguments: [String]) -> WalkRequest? {
        var request = WalkRequest()
        var rest = arguments[...]
        if rest.first == "walk" { rest.removeFirst() }
        var seen: Set<String> = []
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { return nil }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard seen.insert(name).inserted else { return nil }
            switch name {
            case "--ascii", "--no-color", "--sync":
                guard inline == nil else { return nil }
                switch name {
                case "--ascii": request.ascii = true
                case "--sync": request.sync = true
                default: request.noColor = true
                }
            case "--account", "--checklist", "--state-dir":
                let value: String
                if let inline {
                    guard !inline.isEmpty else { return nil }
                    value = inline
                } else {
                    guard let next = rest.popFirst(), !next.isEmpty, !next.hasPrefix("-") else { return nil }
                    value = next
                }
                switch name {
                case "--account":
                    guard let id = EvidenceValidator.normalizedAccountID(value) else { return nil }
                    request.account = id
                case "--checklist": request.checklist = value
                default: request.stateDir = value
                }
            default:
                return nil
            }
        }
        if let account = request.account, !EvidenceValidator.isAccountID(account) { return nil }
        return request
    }
}
