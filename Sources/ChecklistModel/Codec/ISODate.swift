import SystemImports

/// Parses the one time format this program writes, `2026-11-29T08:00:00Z`, without Foundation's
/// general parser: a fleet summary reads tens of dates per account and this is its hot path.
public enum ISODate {
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
                  bytes[16] == 0x3A, bytes[19] == 0x5A else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for index in from..<(from + count) {
                    let digit = Int(bytes[index]) - 48
                    guard digit >= 0 && digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                  hour < 24, minute < 60, second < 61 else { return nil }
            let days = CivilCalendar.days(year: year, month: month, day: day)
            return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
        }
    }

    /// True when `text` is exactly how `format` writes the time it names (a leap second `:60` reads
    /// as the next minute, so it is not): such text needs no keeping beside the parsed time.
    static func isCanonical(_ text: String) -> Bool {
        guard parse(text) != nil else { return false }
        let bytes = Array(text.utf8)
        return !(bytes[17] == UInt8(ascii: "6") && bytes[18] == UInt8(ascii: "0"))
    }

    /// A time as this program writes it, or another ISO 8601 form (fractions, offsets) a person
    /// may have typed; a calendar date that does not exist (February 30) is refused, never moved.
    public static func parseAnyForm(_ text: String) -> Date? {
        if let fast = ISODate.parse(text) { return fast }
        let digits = text.utf8.prefix(10).map { Int($0) - 48 }
        guard digits.count == 10, text.utf8.count > 10 else { return nil }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[5] * 10 + digits[6]
        let day = digits[8] * 10 + digits[9]
        guard (1...12).contains(month), day >= 1, day <= ISODate.daysIn(month: month, year: year) else { return nil }
        let date = (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        guard let date, date.timeIntervalSince1970.isFinite else { return nil }
        return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// 28 to 31: a day past the month's end is not quietly moved into the next month.
    static func daysIn(month: Int, year: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Calendar fields of a UTC time.
    static func fields(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        CivilCalendar.fields(Int(date.timeIntervalSince1970.rounded(.down)))
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    /// Years are always four digits (`0987`), as ISO 8601 and the parser expect.
    static func four(_ value: Int) -> String { value >= 0 && value < 1000 ? String(repeating: "0", count: 4 - String(value).count) + String(value) : "\(value)" }

    /// `2026-11-29T08:00:00Z`.
    public static func format(_ date: Date) -> String {
        let f = fields(date)
        return "\(four(f.year))-\(two(f.month))-\(two(f.day))T\(two(f.hour)):\(two(f.minute)):\(two(f.second))Z"
    }

    /// `2026-11-29 08:00 UTC`, for people.
    public static func readable(_ date: Date) -> String {
        let f = fields(date)
        return "\(four(f.year))-\(two(f.month))-\(two(f.day)) \(two(f.hour)):\(two(f.minute)) UTC"
    }
}
