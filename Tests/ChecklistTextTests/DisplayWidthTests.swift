@testable import ChecklistText
import Glibc
import Testing
import TestSupport

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

    /// The byte path for ASCII wraps exactly as the character path does, on random text with
    /// runs of spaces, blank lines, long words and long URLs.
    @Test func asciiWrappingAgreesWithTheCharacterPath() {
        var random = SplitMix64(seed: 27)
        let pieces = ["a", "word", "longerword", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html", " ", "  ", "\n",
                      "\n\n", "x", "supercalifragilisticexpialidocious", "--state-dir", "(1)", ""]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...25, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let columns = Int.random(in: 1...40, using: &random)
            for keepURLs in [true, false] {
                #expect(DisplayWidth.wrapASCII(text, columns: columns, keepURLs: keepURLs)
                        == DisplayWidth.wrapCharacters(text, columns: columns, keepURLs: keepURLs), "\(columns) \(text.debugDescription)")
            }
        }
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

/// glibc declares wcwidth only under _XOPEN_SOURCE, which the Glibc module is not built with.
@_silgen_name("wcwidth") private func cWcwidth(_ character: Int32) -> Int32

/// ncurses places characters by the C library's wcwidth; a width counted otherwise misplaces every
/// cell after it. Held over every assigned scalar of the pinned Unicode version.
@Suite struct DisplayWidthAgainstWcwidthTests {
    @Test func everyAssignedScalarHasTheCLibrarysWidth() throws {
        let saved = setlocale(LC_CTYPE, nil).map { String(cString: $0) }
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil, "the C.UTF-8 locale is needed to ask wcwidth")
        defer { _ = setlocale(LC_CTYPE, saved) }
        let pinned = DisplayWidth.unicodeVersion
        var compared = 0
        var differing: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age,
                  (age.major, age.minor) <= (pinned.major, pinned.minor),
                  scalar.properties.generalCategory != .unassigned else { continue }
            let theirs = Int(cWcwidth(Int32(bitPattern: value)))
            guard theirs >= 0 else { continue }  // unprintable to the C library: stripped before display
            compared += 1
            if DisplayWidth.of(scalar) != theirs {
                differing.append("U+\(String(value, radix: 16, uppercase: true)): \(DisplayWidth.of(scalar)) vs \(theirs)")
            }
        }
        #expect(compared > 140_000)
        #expect(differing.isEmpty, "\(differing.count) differ: \(differing.prefix(20).joined(separator: ", "))")
    }
}
