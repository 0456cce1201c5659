@testable import ChecklistModel
import Foundation
import Testing
import TestSupport

@Suite struct ISODateTests {
    @Test func fastPathAgreesWithFoundation() {
        var rng = SplitMix64(seed: 3)
        let formatter = ISO8601DateFormatter()
        for _ in 0..<5000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: -2_000_000_000...4_000_000_000, using: &rng)))
            let text = formatter.string(from: date)
            #expect(ISODate.parse(text) == date, "\(text)")
        }
    }

    @Test func rejectsOtherShapes() {
        for text in ["2026-11-29T08:00:00.5Z", "2026-11-29 08:00:00Z", "2026-13-29T08:00:00Z", "2026-11-29T08:00:00+01:00",
                     "2026-1a-29T08:00:00Z", ""] {
            #expect(ISODate.parse(text) == nil, "\(text)")
        }
    }
}

@Suite struct ISODateFormatTests {
    @Test func formatAgreesWithFoundation() {
        var rng = SplitMix64(seed: 5)
        let formatter = ISO8601DateFormatter()
        for _ in 0..<5000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int.random(in: -2_000_000_000...4_000_000_000, using: &rng)))
            #expect(ISODate.format(date) == formatter.string(from: date))
            #expect(ISODate.parse(ISODate.format(date)) == date)
        }
        #expect(ISODate.readable(Date(timeIntervalSince1970: 1_800_000_000)) == "2027-01-15 08:00 UTC")
    }
}
