import Dispatch
import ProcessSupport
import Synchronization

/// Runs blocking work (each item waits on aws) on a bounded number of workers, each on a queue of
/// its own, taking the next index as one finishes; a signal stops the taking. What each finished
/// index produced comes back in order (nil for those never started).
enum WorkerPool {
    static func run<Output: Sendable>(count: Int, jobs: Int, label: String, _ work: @escaping @Sendable (Int) -> Output) -> [Output?] {
        let next = Mutex(0)
        let results = Mutex([Output?](repeating: nil, count: count))
        let group = DispatchGroup()
        for worker in 0..<max(0, min(jobs, count)) {
            DispatchQueue(label: "root-checklist.\(label).\(worker)").async(group: group) {
                while SignalFlag.pending == nil {
                    let index = next.withLock { value -> Int in
                        defer { value += 1 }
                        return value
                    }
                    guard index < count else { break }
                    let output = work(index)
                    results.withLock { $0[index] = output }
                }
            }
        }
        group.wait()
        return results.withLock { $0 }
    }
}
