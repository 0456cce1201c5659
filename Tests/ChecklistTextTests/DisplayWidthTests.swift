import ChecklistText
import Testing

@Suite struct DisplayWidthTests {
    @Test func widthCountsColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("🔐") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👩‍💻") == 2)
        #expect(DisplayWidth.pad("日本語", columns: 5) == "日本…")
        #expect(DisplayWidth.of(DisplayWidth.pad("日本語", columns: 5)) == 5)
        #expect(DisplayWidth.of(DisplayWidth.pad("a", columns: 4)) == 4)
    }

    @Test func wrapKeepsLinesWithinWidth() {
        let text = "The quick brown fox jumps over the lazy dog and keeps running through 日本語の文章 fields."
        for width in [10, 20, 33, 80] {
            for line in DisplayWidth.wrap(text, columns: width) {
                #expect(DisplayWidth.of(line) <= width, "\(width): \(line)")
            }
        }
        #expect(DisplayWidth.wrap("see https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html",
                                  columns: 20).contains { $0.hasPrefix("https://") })
    }
}
