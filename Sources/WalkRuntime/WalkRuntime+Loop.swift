import ChecklistUI
import ProcessSupport
import SystemImports

extension WalkRuntime {
    /// Runs until the reducer quits or a signal arrives, on one `poll` of the terminal and the inbox:
    /// a key, a worker's answer and a signal each wake it at once; timers only set how long it sleeps.
    public func run(on terminal: some TerminalPort) {
        self.terminal = terminal
        SignalFlag.wake(inbox.wakeDescriptor)
        defer {
            SignalFlag.wake(-1)
            self.terminal = nil
        }
        let size = terminal.size
        pending.insert(.resize(width: size.width, height: size.height), at: 0)
        var painted: AppState?
        var firstFrame = true
        var timers = LoopTimers(now: ProcessRunner.monotonicSeconds())
        while !state.quitting {
            pending += inbox.take()
            drain()
            if SignalFlag.pending != nil {
                // A signal quits on every screen, the "too small" notice and forms included, and saves the cursor.
                dispatch(.signal)
                drain()
                break
            }
            if state.quitting { break }
            if painted != state {
                paint()
                painted = state
            }
            if firstFrame {
                firstFrame = false
                pending += performer.afterFirstFrame(state)
                if !pending.isEmpty { continue }
            }
            let now = ProcessRunner.monotonicSeconds()
            let due = timers.due(state, at: now)
            if due.tick { pending.append(.tick) }
            if due.minute { pending.append(.minute) }
            if due.look, let changed = performer.lookForChanges() { pending.append(changed) }
            if !pending.isEmpty { continue }
            Self.wait(for: [terminal.inputDescriptor, inbox.descriptor], milliseconds: timers.sleep(state, at: now))
            // Everything that arrived, before the next frame: a paste of hundreds of keys is one frame, not hundreds.
            while pending.count < 4096, let event = terminal.readArrived() {
                pending.append(event.msg)
            }
        }
        performer.finish()
    }

    /// Sleeps until one descriptor is readable, a signal lands, or the time is up.
    static func wait(for descriptors: [Int32], milliseconds: Int32) {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        _ = poll(&fds, nfds_t(fds.count), milliseconds)
    }
}

/// The loop's clocks: the spinner while a check runs, the list's "3 h ago" each minute, and a look
/// at the state directory each second while the list shows.
struct LoopTimers {
    static let tick = 0.1
    static let minute = 60.0
    static let look = 1.0
    /// The longest sleep: a resize signalled just before `poll` (ncurses owns SIGWINCH) waits no longer.
    static let longest: Int32 = 250

    var lastTick: Double
    var lastMinute: Double
    var lastLook: Double

    init(now: Double) {
        lastTick = now
        lastMinute = now
        lastLook = now
    }

    mutating func due(_ state: AppState, at now: Double) -> (tick: Bool, minute: Bool, look: Bool) {
        let onList = state.screen.kind == .accountList
        let tick = state.checking != nil && now - lastTick >= Self.tick
        let minute = onList && now - lastMinute >= Self.minute
        let look = onList && now - lastLook >= Self.look
        if tick || state.checking == nil { lastTick = now }
        if minute { lastMinute = now }
        if look { lastLook = now }
        return (tick, minute, look)
    }

    /// How long the loop may sleep before a timer is due.
    func sleep(_ state: AppState, at now: Double) -> Int32 {
        var next = Double(Self.longest) / 1000
        if state.checking != nil { next = min(next, lastTick + Self.tick - now) }
        if state.screen.kind == .accountList {
            next = min(next, lastMinute + Self.minute - now, lastLook + Self.look - now)
        }
        return Int32(max(0, min(Double(Self.longest), (next * 1000).rounded(.up))))
    }
}
