import Foundation

/// Files of this repository that tests read as they are on disk (the binary carries only the
/// compiled checklist, not a copy of its JSON).
public enum RepositoryFiles {
    /// The repository root, found from this source file's own path.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Checklists/<name>.json` as bytes (empty when missing, which the loader then reports).
    public static func checklist(_ name: String) -> Data {
        (try? Data(contentsOf: root.appendingPathComponent("Checklists/\(name).json"))) ?? Data()
    }
}
