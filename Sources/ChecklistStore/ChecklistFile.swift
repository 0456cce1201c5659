import ChecklistModel
import SystemImports

extension ChecklistLoader {
    /// Loads a checklist from a file path.
    public static func load(path: String) throws -> Checklist {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try SafeFileRead.read(url, limit: maxFileSize + 1)
        } catch {
            throw ChecklistError.unreadable(path: path, reason: error.description)
        }
        return try load(data: data, source: path)
    }
}
