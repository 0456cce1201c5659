import SystemImports

/// A reply's ISO 8601 timestamps (`2024-05-01T12:00:00Z`, `…00.123Z`, `…00+02:00`), read to hold
/// them to their shape. Written by hand: Foundation's ISO 8601 style takes either fractions or not,
/// per style, and this reader is one pass over the bytes.
enum CLITimestamp {
    /// `2024-05-01T12:00:00Z`, `…00.123Z`, `…00+02:00`: seconds since 1970.
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(bytes[$1] - 48) }
        }
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116, bytes[13] == 58, bytes[16] == 58,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == 46 {
            var scale = 0.1
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { fraction += Double(bytes[index] - 48) * scale; scale /= 10; index += 1 }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        if bytes[index] == 43 || bytes[index] == 45 {
            guard index + 6 == bytes.count, bytes[index + 3] == 58,
                  let h = number(index + 1..<index + 3), let m = number(index + 4..<index + 6) else { return nil }
            offset = (h * 3600 + m * 60) * (bytes[index] == 43 ? 1 : -1)
        } else {
            guard bytes[index] == 90 || bytes[index] == 122, index + 1 == bytes.count else { return nil }
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }
}
