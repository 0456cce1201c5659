import ArgumentParser
import Testing
import TestSupport
@testable import root_checklist

/// The quick walkthrough parser must agree with swift-argument-parser on every line it accepts.
@Suite struct QuickWalkParseTests {
    /// What swift-argument-parser makes of a line, as a walk request; nil when it is not a walk.
    func fullParse(_ arguments: [String]) -> WalkRequest? {
        guard let command = try? RootChecklist.parseAsRoot(arguments) as? WalkCommand else { return nil }
        return command.request
    }

    @Test(arguments: [
        [],
        ["walk"],
        ["--account", "111122223333"],
        ["--account=111122223333"],
        ["walk", "--account", "111122223333", "--ascii", "--no-color"],
        ["--state-dir", "/tmp/x", "--account", "111122223333"],
        ["--checklist=./my list.json", "--no-color"],
        ["--account", "111122223333", "--state-dir", "dir with=equals"],
        ["--account", "1111-2222-3333"],
        ["--account=1111 2222 3333", "--ascii"],
        ["walk", "--sync", "--account", "111122223333"],
    ])
    func everydayLinesAreTakenQuicklyAndAgree(_ arguments: [String]) throws {
        let quick = try #require(WalkRequest.quickParse(arguments))
        #expect(quick == fullParse(arguments))
    }

    @Test func valuesLandInTheRightFields() throws {
        let request = try #require(WalkRequest.quickParse(
            ["--account=111122223333", "--checklist", "c", "--state-dir", "/s", "--ascii"]))
        #expect(request == WalkRequest(account: "111122223333", checklist: "c", noColor: false, ascii: true, stateDir: "/s"))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["walk", "--help"], ["--version"], ["help"],
        ["summary"], ["list"], ["add", "111122223333"],
        ["--account"], ["--account", "12"], ["--account="], ["--account", "--ascii"], ["--state-dir="],
        ["--state-dir", "", "--checklist", "aws-root-user"],
        ["--account", "-1"], ["--ascii=yes"], ["--ascii", "--ascii"],
        ["--account", "111122223333", "--account", "111122223334"],
        ["--bogus"], ["-a"], ["stray"], ["--", "--ascii"], ["--ascii", "walk"],
        ["--generate-completion-script", "bash"],
    ])
    func anythingElseGoesToTheFullParser(_ arguments: [String]) {
        #expect(WalkRequest.quickParse(arguments) == nil)
    }

    /// Random lines from the options' vocabulary: whenever the quick parser accepts one, the full
    /// parser must read the same request from it.
    @Test func randomLinesAgree() {
        let vocabulary = ["walk", "--account", "111122223333", "12", "--account=111122223333", "--checklist",
                          "aws-root-user", "--checklist=x.json", "--state-dir", "/tmp/s", "--state-dir=",
                          "--ascii", "--no-color", "-h", "--", "-", "=", "--no-color=1", "summary", ""]
        var generator = SplitMix64(seed: 7)
        var accepted = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<6, using: &generator)
            let line = (0..<count).map { _ in vocabulary.randomElement(using: &generator)! }
            guard let quick = WalkRequest.quickParse(line) else { continue }
            accepted += 1
            #expect(quick == fullParse(line), "line: \(line)")
        }
        #expect(accepted > 100)
    }
}
