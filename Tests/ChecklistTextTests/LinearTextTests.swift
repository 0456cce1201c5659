import ChecklistModel
import ChecklistText
import TestSupport
import Testing

/// Class: cost that grows faster than the input. The linear wrap must give exactly the lines the
/// old, quadratic one gave; the benchmark measures the time (`scripts/benchmark`).
@Suite struct LinearTextTests {
    /// The former algorithm, kept here as the reference: cut a prefix, re-measure the rest.
    func referenceWrap(_ text: String, columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for wordSub in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(wordSub)
                var wordWidth = DisplayWidth.of(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= columns {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                let isURL = word.hasPrefix("https://")
                while wordWidth > columns && !isURL {
                    let head = DisplayWidth.prefix(word, columns: columns)
                    lines.append(head)
                    word = String(word.dropFirst(head.count))
                    wordWidth = DisplayWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    @Test func wrapAgreesWithTheReferenceOnRandomText() {
        var generator = SplitMix64(seed: 11)
        let pieces = ["a", "bb", "word", " ", " ", "\n", "日", "本語", "🔐", "e\u{301}", "https://docs.aws.amazon.com/x", "-", "looooooooooooooong"]
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let columns = Int.random(in: 2..<30, using: &generator) // the reference never ends on a wide character in one column
            #expect(DisplayWidth.wrap(text, columns: columns) == referenceWrap(text, columns: columns), "\(text) at \(columns)")
        }
    }

    @Test func aLongUnbrokenWordWrapsIntoFullLines() {
        let lines = DisplayWidth.wrap(String(repeating: "x", count: 100_000) + " tail", columns: 80)
        #expect(lines.count == 1251)
        #expect(lines.dropLast(2).allSatisfy { $0.count == 80 })
        #expect(lines.last == "tail")
    }
}
