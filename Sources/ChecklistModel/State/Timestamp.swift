import SystemImports

/// Timestamps are kept to whole seconds so what is saved is exactly what is loaded back.
public enum Timestamp {
    public static func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
}
