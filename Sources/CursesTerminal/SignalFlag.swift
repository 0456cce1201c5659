import SystemImports
import Synchronization

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a flag; the main loop reads it, saves and restores the terminal.
public enum SignalFlag {
    private static let received = Atomic<Int32>(0)

    public static func install() {
        _ = received.load(ordering: .relaxed)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(signalNumber) { number in SignalFlag.received.store(number, ordering: .relaxed) }
        }
    }

    /// The last signal received, if any.
    public static var pending: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
