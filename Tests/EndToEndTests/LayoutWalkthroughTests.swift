import Foundation
import Testing

/// The layout rules, in a real terminal at the smallest supported size, the design size and a very
/// wide one: the account id is never cut, nothing runs past the edge, what is cut ends in an
/// ellipsis, text keeps a readable width, hints are shown whole and errors never sit on an input.
@Suite(.enabled(if: Tmux.available)) struct LayoutWalkthroughTests {
    static func width(_ line: Substring) -> Int { line.unicodeScalars.reduce(0) { $0 + (($1.properties.isEmojiPresentation || (0x1100...0x115F).contains($1.value) || (0x2E80...0xA4CF).contains($1.value)) ? 2 : 1) } }

    func check(_ screen: String, width: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(Self.width(line) <= width, "\(what): a line wider than \(width): \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [(60, 16), (80, 24), (140, 40), (200, 50)])
    func everyScreenKeepsTheRules(width: Int, height: Int) throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "payments-production-eu-central-with-a-long-name"])
        try bin.run(["add", "444455556666", "--alias", "dev"])
        let tmux = try Tmux([], stateDir: bin.stateDir, width: width, height: height)

        let list = try tmux.waitFor("444455556666")
        check(list, width: width, "account list")
        #expect(list.contains("111122223333"), "the id is whole in the list")
        #expect(list.contains("payments-production-eu-central-with-a-long-name") || list.contains("…"), "a cut alias ends in an ellipsis")

        try tmux.keys("/")
        try tmux.type("1111")
        try tmux.keys("Enter", "Enter")
        try tmux.waitFor("Step 1 of 13")
        try tmux.keys("h")
        let overview = try tmux.waitFor("Secure the AWS account root user")
        check(overview, width: width, "overview")
        let header = overview.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("111122223333"), "the header never cuts the id: \(header)")
        for title in ["Delete every root access key", "Sign out of root and stop using it"] where !overview.contains(title) {
            // A title shown cut ends in an ellipsis (or is below the fold at this height).
            let prefix = String(title.prefix(12))
            if let line = overview.split(separator: "\n").first(where: { $0.contains(prefix) }) {
                #expect(line.contains("…"), "cut without an ellipsis: \(line)")
            }
        }

        try tmux.keys("G", "Enter")
        try tmux.waitFor("Step 13 of 13")
        for _ in 0..<40 { try tmux.keys("j") }
        let step = try tmux.waitFor("References")
        check(step, width: width, "step")
        // From 140 columns the step is the pane right of the overview: its own text keeps the width.
        let textLines = step.split(separator: "\n").dropFirst(2).dropLast(2).map { line in
            width >= 140 ? (line.split(separator: "│", maxSplits: 1).dropFirst().first ?? "") : line
        }
        #expect(textLines.allSatisfy { Self.width($0) <= 102 }, "step text keeps a readable width")
        if width >= 140 {
            #expect(step.contains("│ Sign out of root and stop using it") == false && step.contains("Sign out of root"),
                    "the overview beside the step: \(step)")
        }
        #expect(!step.contains("best-practices.…"), "a URL is never cut")

        try tmux.keys("h", "h", "n")
        let form = try tmux.waitFor("Account id")
        check(form, width: width, "onboarding form")
        #expect(form.contains("12 digits from the account menu (dashes are fine)"), "the hint is whole: \(form)")
        try tmux.type("1234")
        try tmux.keys("Enter")
        let error = try tmux.waitFor("12 digits")
        check(error, width: width, "form error")
        let inputRow = error.split(separator: "\n").first { $0.contains("1234") } ?? ""
        #expect(!inputRow.contains("exactly"), "the error never sits on the input: \(inputRow)")
        try tmux.keys("Escape", "q")
        try tmux.waitFor("EXIT=0")
    }

    /// At 200×50 the step beside the overview says what the single step screen says at 100 columns.
    @Test func theTwoPaneStepHasTheSingleScreensContent() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--alias", "prod"])
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 200, height: 50)
        let wide = try tmux.waitFor("│ Status:")
        try tmux.resize(width: 100, height: 50)
        let single = try tmux.waitFor("Step 1 of 13")
        func words(_ lines: [Substring]) -> [Substring] { lines.flatMap { $0.split(separator: " ") } }
        let pane = wide.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: "│", maxSplits: 1).dropFirst().first }
        let body = single.split(separator: "\n").dropFirst(2).dropLast(2)
        #expect(Array(words(Array(pane)).prefix(120)) == Array(words(Array(body)).prefix(120)))
        #expect(!single.contains("│ Status:"), "below 140 columns nothing changes")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }
}
