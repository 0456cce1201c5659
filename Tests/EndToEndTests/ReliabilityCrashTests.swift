import ChecklistModel
import ChecklistStore
import Foundation
import Testing

@Suite struct ReliabilityCrashTests {
    /// Kills `mark` with SIGKILL at random moments while it saves; the file must always hold the
    /// state before or after that save, never a torn one, and no temp files may pile up.
    @Test func sigkillDuringSaveLeavesOldOrNewState() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let store = StateStore(directory: bin.stateDir)
        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        var previous = try store.load("111122223333")
        for round in 0..<220 {
            let status = round % 2 == 0 ? "skipped" : "pending"
            let reason = status == "skipped" ? ["--reason", "round \(round)"] : []
            let running = try bin.start(["mark", "111122223333", "sign-out-root", status] + reason)
            usleep(UInt32.random(in: 0...25_000, using: &generator))
            kill(running.pid, SIGKILL)
            if running.finish().status == 128 + SIGKILL { killedMidway += 1 }

            let now = try store.load("111122223333")
            let unchanged = now == previous
            let advancedByOne = now.history.count == previous.history.count + 1
                && now.record("sign-out-root").status.rawValue == status
                && Array(now.history.prefix(previous.history.count)) == previous.history
            #expect(unchanged || advancedByOne, "round \(round): neither the old nor the new state")
            previous = now
        }
        #expect(killedMidway > 100, "only \(killedMidway) runs were killed before finishing")
        let finish = try bin.run(["mark", "111122223333", "sign-out-root", "pending"])
        #expect(finish.status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: bin.stateDir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temp files left: \(leftovers)")
    }

    /// Two writers at once: both changes land (the lock queues them) or the loser says the account is in use.
    @Test func concurrentMarksNeverLoseAChange() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        for round in 0..<15 {
            let items = ["sign-out-root", "split-recovery-control"]
            let processes = try items.map { item in
                try bin.start(["mark", "111122223333", item] + (round % 2 == 0 ? ["skipped", "--reason", "r\(round)"] : ["pending"]))
            }
            var succeeded: [String] = []
            for (index, running) in processes.enumerated() {
                let (status, _, err) = running.finish()
                let message = String(decoding: err, as: UTF8.self)
                if status == 0 {
                    succeeded.append(items[index])
                } else {
                    #expect(message.contains("in use by"), "round \(round): \(message)")
                }
            }
            let state = try StateStore(directory: bin.stateDir).load("111122223333")
            for item in succeeded {
                #expect(state.record(item).status.rawValue == (round % 2 == 0 ? "skipped" : "pending"), "round \(round) lost \(item)")
            }
        }
    }
}
