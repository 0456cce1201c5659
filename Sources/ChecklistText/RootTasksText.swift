import ChecklistModel
import SystemImports

/// The root-only tasks of a checklist as wrapped plain text.
public enum RootTasksText {
    public static func lines(_ checklist: Checklist, width: Int) -> [String] {
        var out: [String] = []
        out += DisplayWidth.wrap("Tasks that need the root user. For everything else, sign in as your "
                                 + "IAM Identity Center administrator.", columns: width)
        for group in checklist.rootTasks {
            out.append("")
            out.append(PlainText.sanitizeLine(group.service))
            for task in group.tasks {
                let wrapped = DisplayWidth.wrap("\(PlainText.sanitizeLine(task.task)): \(PlainText.sanitizeLine(task.detail))",
                                                columns: width - 4)
                for (index, line) in wrapped.enumerated() { out.append((index == 0 ? "  - " : "    ") + line) }
            }
        }
        return out
    }

    public static func render(_ checklist: Checklist, width: Int) -> String {
        lines(checklist, width: width).joined(separator: "\n") + "\n"
    }
}
