import SystemImports
import ChecklistModel

/// The checklist definitions compiled into the binary from `Checklists/`.
public enum BundledChecklists {
    /// The checklist used when none is named.
    public static let defaultName = "aws-root-user"

    /// File name → checklist, validated when the program was built: nothing to parse at start-up.
    public static let checklists: [String: Checklist] = {
        var result: [String: Checklist] = [:]
        for entry in GeneratedChecklists.checklists { result[entry.name] = entry.checklist }
        return result
    }()
}
