import Foundation

/// Turns a JSON parser's "around character N" into a line and column a person can jump to.
enum JSONPosition {
    static func describe(_ error: Error, in data: Data) -> String {
        let text = "\(error)"
        let offset: Int
        if text.contains("end of file") {
            offset = data.count
        } else if let range = text.range(of: "character "),
                  let parsed = Int(text[range.upperBound...].prefix { $0.isNumber }) {
            offset = parsed
        } else {
            return "syntax error"
        }
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        let what = text.contains("Too many nested") ? "nested too deeply"
            : text.contains("end of file") ? "the file ends early" : "syntax error"
        return "\(what) at line \(line), column \(column)"
    }
}
