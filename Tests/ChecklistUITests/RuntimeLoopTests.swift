import ChecklistModel
import ChecklistUI
import Foundation
import Synchronization
import Testing
import WalkRuntime

/// A terminal in memory: keys pushed from the test wake the loop through a real pipe; every frame is kept as text.
final class FakeTerminal: TerminalPort, @unchecked Sendable {
    private let events = Mutex<[TerminalEvent]>([])
    private let frames = Mutex<[String]>([])
    private let copied = Mutex<[String]>([])
    private let ends: [Int32]
    let size: (width: Int, height: Int)

    init(width: Int = 80, height: Int = 24) {
        var pair: [Int32] = [-1, -1]
        _ = pipe(&pair)
        _ = fcntl(pair[0], F_SETFL, fcntl(pair[0], F_GETFL) | O_NONBLOCK)
        ends = pair
        size = (width, height)
    }

    deinit { ends.forEach { close($0) } }

    var inputDescriptor: Int32 { ends[0] }

    /// Delivers events as a terminal would: all at once, readable on the descriptor.
    func push(_ new: [TerminalEvent]) {
        events.withLock { $0 += new }
        var byte: UInt8 = 1
        _ = write(ends[1], &byte, 1)
    }

    func readArrived() -> TerminalEvent? {
        events.withLock { queued in
            guard !queued.isEmpty else {
                var buffer = [UInt8](repeating: 0, count: 64)
                while read(ends[0], &buffer, buffer.count) > 0 {}
                return nil
            }
            return queued.removeFirst()
        }
    }

    func paint(_ grid: Grid, cursor: (row: Int, column: Int)?) { frames.withLock { $0.append(grid.text) } }
    func copyToClipboard(_ text: String) { copied.withLock { $0.append(text) } }

    var painted: [String] { frames.withLock { $0 } }
    var clipboard: [String] { copied.withLock { $0 } }

    /// Waits (up to `seconds`) for a frame that contains `text`; nil when none came.
    func waitForFrame(containing text: String, seconds: Double = 5) -> String? {
        waitForFrame(seconds: seconds) { $0.contains(text) }
    }

    func waitForFrame(seconds: Double = 5, where matches: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let frame = painted.last(where: matches) { return frame }
            usleep(2_000)
        }
        return nil
    }
}

/// Runs the runtime's loop on a thread of its own, as the program runs it on the main one.
final class LoopThread: @unchecked Sendable {
    let harness: Harness
    let terminal: FakeTerminal
    private let done = DispatchSemaphore(value: 0)

    init(_ harness: Harness, terminal: FakeTerminal) {
        self.harness = harness
        self.terminal = terminal
        Thread.detachNewThread { [self] in
            self.harness.runtime.run(on: self.terminal)
            done.signal()
        }
    }

    /// True when the loop ended within `seconds`.
    func ended(within seconds: Double = 5) -> Bool { done.wait(timeout: .now() + seconds) == .success }
}

/// The production loop (`run(on:)`) on a fake terminal: what wakes it, what it draws, how it ends.
@Suite struct RuntimeLoopTests {
    /// A worker's answer posted to the inbox while the loop sleeps in poll is taken and drawn.
    @Test func aWorkersAnswerWakesTheLoop() throws {
        let app = Harness.opened()
        let passed = CheckResult(outcome: .pass, reason: "AccountMFAEnabled is 1", at: app.now, source: .awsCLI)
        app.performer.checkAnswer = { account, item in
            .checkFinished(accountID: account, itemID: item, verification: VerificationResult(results: [.init(itemID: item, result: passed)]))
        }
        app.performer.checkDelay = 0.3
        var opened = app
        opened.openStep("root-mfa")
        let terminal = FakeTerminal()
        let loop = LoopThread(opened, terminal: terminal)
        #expect(terminal.waitForFrame(containing: "Turn on MFA") != nil)
        terminal.push([.key(.char("v"))])
        #expect(terminal.waitForFrame(containing: "Checking root-mfa against AWS") != nil, "the spinner is drawn while it runs")
        let answered = terminal.waitForFrame(containing: "AWS check pass: AccountMFAEnabled is 1")
        #expect(answered != nil, "\(terminal.painted.last ?? "")")
        terminal.push([.key(.char("q"))])
        #expect(loop.ended())
        #expect(app.performer.finished)
        #expect(app.record("root-mfa").check?.outcome == .pass)
        #expect(app.saved.last?.record("root-mfa").check?.outcome == .pass, "the answer's effect (the save) was performed")
    }

    /// Keys that arrived together are handled before the next frame: a paste-sized burst is a few frames, not one per key.
    @Test func aBurstOfKeysIsOneFrame() throws {
        let app = Harness.opened()
        let terminal = FakeTerminal()
        let loop = LoopThread(app, terminal: terminal)
        #expect(terminal.waitForFrame(containing: "Step 1 of") != nil)
        let before = terminal.painted.count
        terminal.push(Array(repeating: .key(.char("j")), count: 300) + [.key(.char("o"))])
        #expect(terminal.waitForFrame(containing: "Note") != nil)
        #expect(terminal.painted.count - before <= 2, "\(terminal.painted.count - before) frames for 301 keys")
        terminal.push([.key(.escape), .key(.char("q"))])
        #expect(loop.ended())
    }

    /// The clipboard effect goes to the terminal; a resize is drawn at the new size; q ends the loop at once.
    @Test func clipboardAndResizeReachTheTerminal() throws {
        let app = Harness.opened()
        var onStep = app
        onStep.openStep("no-root-access-keys")
        let terminal = FakeTerminal()
        let loop = LoopThread(onStep, terminal: terminal)
        #expect(terminal.waitForFrame(containing: "Delete every root access key") != nil)
        terminal.push([.key(.char("c"))])
        #expect(terminal.waitForFrame(containing: "Copied to the clipboard") != nil)
        #expect(terminal.clipboard.first?.contains("aws") == true, "\(terminal.clipboard)")
        terminal.push([.resize(width: 100, height: 30)])
        #expect(terminal.waitForFrame { $0.split(separator: "\n", omittingEmptySubsequences: false).count == 30 } != nil)
        terminal.push([.key(.char("q"))])
        #expect(loop.ended())
        #expect(app.state.width == 100)
        #expect(app.performer.effects.last == .quit)
    }

    /// Leaving the open account for the list tells the performer (a live one lets go of the lock).
    @Test func leavingTheAccountLetsItGo() {
        var app = Harness.opened()
        app.press(.escape)
        #expect(app.performer.left == 0, "the overview still holds the account")
        app.press(.escape)
        #expect(app.screen == .accountList(selected: 0))
        #expect(app.performer.left == 1)
        app.press(.enter, .escape, .escape)
        #expect(app.performer.left == 2)
    }

    /// A notice that meets a message already up is said after the next key, not over it.
    @Test func aNoticeWaitsForTheMessageUp() {
        var app = Harness.opened()
        app.state.flash = Flash("Synced: received 2 commits.", .success)
        app.send(.notice("You are recorded as git's user.name \u{1B}[31mAlice"))
        #expect(app.state.flash?.text == "Synced: received 2 commits.")
        app.press(.char("j"))
        #expect(app.state.flash?.text == "You are recorded as git's user.name [31mAlice" || app.state.flash?.text.hasPrefix("You are recorded") == true)
        #expect(app.state.flash?.text.contains("\u{1B}") == false)
        app.press(.char("j"))
        #expect(app.state.flash == nil)
    }
}
