import ChecklistModel
import ChecklistText
import Testing
import TestSupport

@Suite struct StepCommandTests {
    @Test(arguments: ["Console only: Security credentials > Account details", "Manual: review who can open the vault",
                      "", "  ", "Sign in as root"])
    func instructionsAreNotCommands(_ text: String) {
        #expect(StepCommand.parse(text, accountID: "111122223333", region: nil) == nil)
    }

    @Test func fillsKnownPlaceholdersAndKeepsTheRemarkApart() throws {
        let command = try #require(StepCommand.parse("aws account get-primary-email --account-id ACCOUNT_ID (from the management account)",
                                                     accountID: "111122223333", region: nil))
        #expect(command.text == "aws account get-primary-email --account-id 111122223333")
        #expect(command.note == "from the management account")
        #expect(command.unfilled.isEmpty)
        let regional = try #require(StepCommand.parse("aws sso-admin list-instances --region HOME_REGION", accountID: nil, region: nil))
        #expect(regional.unfilled == ["HOME_REGION"])
    }

    /// Every command of the bundled checklist, at every width: no line wider than the width, breaks
    /// only between words outside quotes, and the lines read back (continuations removed) as the
    /// exact command.
    @Test func layoutNeverBreaksAWordAndReadsBackExactly() throws {
        let commands = Fixtures.defaultChecklist.items.compactMap(\.verify?.command)
            .compactMap { StepCommand.parse($0, accountID: "111122223333", region: "eu-west-1") }
        #expect(commands.count >= 8)
        for command in commands {
            for width in 24...120 {
                let lines = command.lines(width: width)
                #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(width): \(lines)")
                #expect(lines[0].hasPrefix("$ "))
                var words: [String] = []
                var wordContinues = false
                for line in lines {
                    var body = line
                    if body.hasPrefix("$ ") { body.removeFirst(2) } else if body.hasPrefix("    ") { body.removeFirst(4) }
                    let splitsWord = body.hasSuffix("↩")
                    if splitsWord { body.removeLast() }
                    if body.hasSuffix(" \\") { body.removeLast(2) }
                    var parts = body.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                    if wordContinues, let first = parts.first { words[words.count - 1] += first; parts.removeFirst() }
                    words += parts
                    wordContinues = splitsWord
                }
                #expect(words.joined(separator: " ") == command.text, "\(width): \(lines)")
                // A word is split only when it is wider than a whole line.
                for (index, line) in lines.enumerated() where line.hasSuffix("↩") {
                    let next = index + 1 < lines.count ? lines[index + 1] : ""
                    #expect(DisplayWidth.of(line) + DisplayWidth.of(next) > width, "\(width): \(lines)")
                }
            }
        }
    }

    /// A Region given on the command line is untrusted text: no control character reaches the
    /// command shown on screen or copied to the clipboard.
    @Test func filledValuesAreMadePlain() throws {
        let command = try #require(StepCommand.parse("aws sso-admin list-instances --region HOME_REGION", accountID: nil,
                                                     region: "eu-west-1\u{1B}]52;c;ZXZpbA==\u{07} ; rm -rf ~"))
        #expect(command.text == "aws sso-admin list-instances --region HOME_REGION", "not a Region code: left to fill by hand")
        #expect(command.unfilled == ["HOME_REGION"])
    }

    @Test func quotedArgumentsStayWhole() {
        let command = StepCommand(text: "aws x --query \"A[?B=='c d e']\" --output text", note: nil, unfilled: [])
        for width in 30...60 {
            #expect(!command.lines(width: width).contains { $0.contains("'c d") && !$0.contains("e']") }, "\(width)")
        }
    }
}
