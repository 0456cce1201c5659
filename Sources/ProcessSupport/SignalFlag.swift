import SystemImports
import Synchronization

/// Every signal whose default would end the program (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1,
/// SIGUSR2, SIGALRM) only sets a flag; the main loop reads it, saves and restores the terminal.
public enum SignalFlag {
    private static let received = Atomic<Int32>(0)
    /// Written to when a signal arrives, so a loop asleep in `poll` wakes at once (-1: none).
    private static let wakeDescriptor = Atomic<Int32>(-1)

    public static let quitting = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM]

    public static func install() {
        _ = received.load(ordering: .relaxed)
        for signalNumber in quitting {
            signal(signalNumber) { number in
                SignalFlag.received.store(number, ordering: .relaxed)
                let descriptor = SignalFlag.wakeDescriptor.load(ordering: .relaxed)
                if descriptor >= 0 {
                    var byte: UInt8 = 1
                    _ = write(descriptor, &byte, 1)
                }
            }
        }
    }

    /// A signal also writes a byte here (a pipe's non-blocking write end); -1 stops it.
    public static func wake(_ descriptor: Int32) {
        wakeDescriptor.store(descriptor, ordering: .relaxed)
    }

    /// For a program that owns the terminal: a write to a reader that has gone fails with EPIPE
    /// instead of ending the program with the terminal left raw.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// The last signal received, if any.
    public static var pending: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
