import SystemImports

/// Environment variables, looked up one name at a time: the process's own through getenv, or a
/// fixed set that tests give. Not an allow-list: any name reads the real environment.
/// (`ProcessInfo.environment` copies the whole environment, which costs more than drawing the
/// walkthrough's first frame.)
public struct Environment: Sendable, ExpressibleByDictionaryLiteral {
    private let fixed: [String: String]?

    /// The running process's environment.
    public static let process = Environment(fixed: nil)

    private init(fixed: [String: String]?) {
        self.fixed = fixed
    }

    public init(_ values: [String: String]) {
        fixed = values
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        fixed = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> String? {
        if let fixed { return fixed[name] }
        return getenv(name).map { String(cString: $0) }
    }
}
