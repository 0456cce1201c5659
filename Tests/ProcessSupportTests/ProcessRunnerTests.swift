@testable import ProcessSupport
import Foundation
import Testing
import TestSupport

/// The posix_spawn runner under the CLI checks: output, exit status, deadlines, signals.
@Suite struct ProcessRunnerTests {
    func shell(_ script: String, timeout: TimeInterval = 10) -> ProcessRunner.Outcome {
        ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script],
                          environment: ["PATH": "/usr/bin:/bin", "GREETING": "hello"], timeout: timeout)
    }

    @Test func collectsBothStreamsAndTheExitCode() throws {
        guard case .exited(let status, let out, let err) = shell("printf \"$GREETING\"; printf oops >&2; exit 3") else {
            Issue.record("did not exit")
            return
        }
        #expect(status == 3)
        #expect(String(decoding: out, as: UTF8.self) == "hello")
        #expect(String(decoding: err, as: UTF8.self) == "oops")
    }

    /// Megabytes on both pipes at once: reading them together means neither fills up and stalls the child.
    @Test func largeOutputOnBothPipesDoesNotDeadlock() {
        let outcome = shell("head -c 3000000 /dev/zero; head -c 2000000 /dev/zero >&2; head -c 1000000 /dev/zero")
        guard case .exited(0, let out, let err) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(out.count == 4_000_000)
        #expect(err.count == 2_000_000)
    }

    /// A failing child's megabytes of stderr are kept to the first `errorLimit` bytes, read to its end
    /// so the child is never stalled.
    @Test func stderrIsCappedAtTheErrorLimit() {
        let outcome = ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "head -c 20000000 /dev/zero >&2; printf done; exit 254"],
                                        environment: ["PATH": "/usr/bin:/bin"], timeout: 30, errorLimit: 65536)
        guard case .exited(254, let out, let err) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(err.count == 65536)
        #expect(String(decoding: out, as: UTF8.self) == "done")
    }

    @Test func stdinIsEmptyNotTheTerminal() {
        guard case .exited(0, let out, _) = shell("wc -c") else {
            Issue.record("did not exit")
            return
        }
        #expect(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func aHangIsStoppedAtTheDeadline() {
        let started = Date()
        guard case .timedOut = shell("sleep 30", timeout: 0.5) else {
            Issue.record("did not time out")
            return
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// A child that ignores SIGTERM is killed after the grace period.
    @Test func aChildIgnoringTerminateIsKilled() {
        let started = Date()
        guard case .timedOut = shell("trap '' TERM; while :; do sleep 1; done", timeout: 0.5) else {
            Issue.record("did not time out")
            return
        }
        #expect(Date().timeIntervalSince(started) < 8)
    }

    /// The child exits but leaves a grandchild holding its stdout: the reply still comes back.
    @Test func aGrandchildHoldingThePipeDoesNotHoldTheReply() {
        let started = Date()
        guard case .exited(0, let out, _) = shell("(sleep 20 &) ; printf done", timeout: 15) else {
            Issue.record("did not exit")
            return
        }
        #expect(String(decoding: out, as: UTF8.self) == "done")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func aSignalledChildReportsTheSignal() {
        guard case .exited(let status, _, _) = shell("kill -9 $$") else {
            Issue.record("did not exit")
            return
        }
        #expect(status == 128 + 9)
    }

    @Test func aMissingExecutableFailsToStart() {
        let outcome = ProcessRunner.run(URL(fileURLWithPath: "/nonexistent/aws"), arguments: [], environment: [:], timeout: 5)
        guard case .failedToStart(let message) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(!message.isEmpty)
    }
}

extension ProcessRunnerTests {
    /// A descriptor this process has open without close-on-exec does not reach the child.
    @Test func theChildGetsOnlyItsThreeStandardDescriptors() {
        let fd = open("/dev/null", O_RDONLY)
        defer { close(fd) }
        guard case .exited(0, let out, _) = shell("ls /proc/self/fd") else {
            Issue.record("did not exit")
            return
        }
        let listed = String(decoding: out, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        // Besides 0, 1 and 2, only the descriptor ls opens to read the directory.
        #expect(listed.filter { $0 > 2 }.count <= 1, "\(listed) while \(fd) is open here")
    }
}

/// Class: blocking forever. Whatever aws starts ends with it, on every path out.
extension ProcessRunnerTests {
    func pidFile() -> String { Fixtures.tempDirectory().appendingPathComponent("grandchild.pid").path }

    func isAlive(_ path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return false
        }
        // A zombie still answers kill(0); its state letter says it is gone.
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !stat.contains(") Z ")
    }

    func waitUntilDead(_ path: String) -> Bool {
        for _ in 0..<100 where isAlive(path) { usleep(20_000) }
        return !isAlive(path)
    }

    @Test func aTimedOutChildTakesItsChildrenWithIt() {
        let file = pidFile()
        guard case .timedOut = shell("sleep 300 & echo $! > \(file); wait", timeout: 0.5) else {
            Issue.record("did not time out")
            return
        }
        #expect(waitUntilDead(file), "the grandchild outlived the timeout")
    }

    @Test func aChildThatExitsLeavesNothingRunning() {
        let file = pidFile()
        guard case .exited(0, _, _) = shell("sleep 300 >/dev/null 2>&1 & echo $! > \(file); exit 0") else {
            Issue.record("did not exit")
            return
        }
        #expect(waitUntilDead(file))
    }

    @Test func cancellingEndsTheCallAtOnce() {
        let file = pidFile()
        let started = Date()
        let outcome = ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "sleep 300 & echo $! > \(file); wait"],
                                        environment: ["PATH": "/usr/bin:/bin"], timeout: 60,
                                        cancelled: { Date().timeIntervalSince(started) > 0.3 })
        guard case .cancelled = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(waitUntilDead(file))
    }
}

/// Input for the child's stdin (git reads the exact bytes of a save from it).
extension ProcessRunnerTests {
    @Test func writesTheInputToTheChildsStdin() throws {
        let input = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })  // more than a pipe holds
        let outcome = ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "cat"], environment: [:], timeout: 10, input: input)
        guard case .exited(0, let out, _) = outcome else {
            Issue.record("cat did not exit cleanly: \(outcome)")
            return
        }
        #expect(out == input)
    }

    @Test func aChildThatStopsReadingDoesNotEndThisProcess() throws {
        let input = Data(repeating: 65, count: 1_000_000)
        let outcome = ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", "head -c 10 >/dev/null; exit 4"], environment: [:],
                                        timeout: 10, input: input)
        guard case .exited(4, _, _) = outcome else {
            Issue.record("expected exit 4: \(outcome)")
            return
        }
    }
}
