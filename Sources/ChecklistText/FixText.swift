import ChecklistModel

/// A fix's calls as history keeps them, in words: "aws account put-alternate-contact … (request 1a2b…)".
public enum FixText {
    public static func calls(_ values: [String: String]) -> [String] {
        var lines: [String] = []
        var index = 1
        while let command = values["call\(index)"] {
            let result = values["call\(index).result"].map { " (\(PlainText.sanitizeLine($0)))" } ?? ""
            lines.append("aws \(PlainText.sanitizeLine(command))\(result)")
            index += 1
        }
        return lines
    }
}
