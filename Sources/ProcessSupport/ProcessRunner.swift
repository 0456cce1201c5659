import SystemImports

/// Runs a child process with a deadline, reading its stdout and stderr together so neither pipe can
/// fill up and stall it. Built on posix_spawn and poll: Foundation's Process would bring the whole of
/// Foundation into the binary for this one use.
public enum ProcessRunner {
    public enum Outcome: Sendable {
        case exited(Int32, Data, Data)
        case timedOut
        case cancelled
        case failedToStart(String)
    }

    /// Output beyond this is dropped: no reply the checks read comes near it.
    public static let outputLimit = 16 * 1024 * 1024

    /// Runs the child in a process group of its own, so that whatever it starts ends with it: on the
    /// deadline, on `cancelled()` (polled at least every 100 ms) and once it has exited, the whole
    /// group is stopped.
    /// `input`, when given, is written to the child's stdin (else stdin is /dev/null). `keeping`
    /// names descriptors the child inherits (lock files: a child that outlives us holds our locks
    /// until it is done, so nothing of ours runs beside it).
    public static func run(_ executable: URL, arguments: [String], environment: [String: String], timeout: TimeInterval,
                           input: Data? = nil, keeping: [Int32] = [], background: Bool = false,
                           errorLimit: Int = outputLimit, cancelled: () -> Bool = { false }) -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { return .failedToStart(String(cString: strerror(errno))) }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            return .failedToStart(String(cString: strerror(errno)))
        }
        var inPipe: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&inPipe) == 0 else {
                for fd in outPipe + errPipe { close(fd) }
                return .failedToStart(String(cString: strerror(errno)))
            }
        }
        for fd in outPipe + errPipe + inPipe where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        guard let pid = spawn(executable.path, arguments: arguments, environment: environment,
                              stdin: inPipe[0], stdout: outPipe[1], stderr: errPipe[1], keeping: keeping) else {
            let message = String(cString: strerror(errno))
            for fd in outPipe + errPipe + inPipe where fd >= 0 { close(fd) }
            return .failedToStart(message)
        }
        // Work nobody waits for (a walkthrough's commits) yields the CPU to the keys that are waited for.
        if background { setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(pid), 10) }
        close(outPipe[1])
        close(errPipe[1])
        if inPipe[0] >= 0 { close(inPipe[0]) }
        var inputFD = inPipe[1]
        if inputFD >= 0 { _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK) }
        let inputBytes = [UInt8](input ?? Data())
        var inputOffset = 0
        defer {
            close(outPipe[0])
            close(errPipe[0])
            if inputFD >= 0 { close(inputFD) }
        }
        let deadline = monotonicSeconds() + timeout
        var streams = [(fd: outPipe[0], data: Data(), open: true), (fd: errPipe[0], data: Data(), open: true)]
        var exitStatus: Int32?
        var drainUntil = Double.infinity
        var buffer = [UInt8](repeating: 0, count: 65536)
        while streams.contains(where: \.open) {
            let now = monotonicSeconds()
            if now >= deadline || cancelled() {
                stop(pid, reaped: exitStatus != nil, grace: now >= deadline ? 2 : 0.2)
                return now >= deadline ? .timedOut : .cancelled
            }
            // A grandchild may keep a pipe open after the child exits: give it a moment, then stop reading.
            if now >= drainUntil { break }
            if inputFD >= 0 && inputOffset == inputBytes.count {
                close(inputFD)
                inputFD = -1
            }
            var polls = streams.filter(\.open).map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            if inputFD >= 0 { polls.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
            let waitMilliseconds = Int32(max(1, min(100, (min(deadline, drainUntil) - now) * 1000)))
            if poll(&polls, nfds_t(polls.count), waitMilliseconds) < 0 && errno != EINTR { break }
            for entry in polls where entry.revents != 0 {
                if entry.fd == inputFD {
                    // The child stopped reading (closed stdin or exited): the rest of the input is not wanted.
                    let written = writeWithoutSIGPIPE(inputFD, inputBytes, from: inputOffset)
                    if written > 0 { inputOffset += written } else if errno != EAGAIN && errno != EINTR { inputOffset = inputBytes.count }
                    continue
                }
                guard let index = streams.firstIndex(where: { $0.fd == entry.fd }) else { continue }
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    let limit = index == 0 ? outputLimit : errorLimit
                    if streams[index].data.count < limit {
                        streams[index].data.append(contentsOf: buffer[..<min(count, limit - streams[index].data.count)])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    streams[index].open = false
                }
            }
            if exitStatus == nil, let status = reap(pid, block: false) {
                exitStatus = status
                drainUntil = monotonicSeconds() + 1
            }
        }
        if exitStatus == nil {
            // Both pipes are closed, so the child is exiting; still, never wait past the deadline. The
            // pause starts at 50 µs and doubles: a fixed 2 ms sleep cost 2 ms on nearly every call
            // (measured against swift-subprocess: 4.9 ms a run, 3.0 ms for theirs).
            var pause: useconds_t = 50
            while exitStatus == nil {
                if monotonicSeconds() >= deadline || cancelled() {
                    stop(pid, reaped: false, grace: 0.2)
                    return monotonicSeconds() >= deadline ? .timedOut : .cancelled
                }
                exitStatus = reap(pid, block: false)
                if exitStatus == nil {
                    usleep(pause)
                    pause = min(pause * 2, 2_000)
                }
            }
        }
        // Anything the child left running in its group (a credential helper, a pager) ends now.
        kill(-pid, SIGKILL)
        return .exited(exitStatus ?? 1, streams[0].data, streams[1].data)
    }

    /// Starts the child with stdin on the given pipe or /dev/null, default signal handling and an
    /// empty signal mask, so it does not inherit the walkthrough's handlers.
    private static func spawn(_ path: String, arguments: [String], environment: [String: String],
                              stdin: Int32, stdout: Int32, stderr: Int32, keeping: [Int32]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if stdin >= 0 {
            posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Nothing else of ours reaches aws: not the terminal's duplicated descriptors, not another
        // thread's half-written file. A descriptor kept is dup'ed onto itself, which clears its
        // close-on-exec flag; those below it are all opened close-on-exec by this program.
        for fd in keeping where fd > 2 { posix_spawn_file_actions_adddup2(&actions, fd, fd) }
        _ = closeFrom?(&actions, (keeping.max() ?? 2) + 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH] { sigaddset(&handled, signal) }
        posix_spawnattr_setsigdefault(&attributes, &handled)
        // A session of its own (which is also a process group of its own, for stopping it whole):
        // without a controlling terminal nothing the child starts (ssh asking to trust a host or for
        // a passphrase, aws asking for an MFA code) can prompt on a terminal nobody can answer from.
        // POSIX_SPAWN_SETSID is a glibc macro Swift does not import.
        let setSession: Int32 = 0x80
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | setSession))

        let argv = ([path] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        var result: Int32 = 0
        // ETXTBSY: another thread's child had the executable open for writing for an instant
        // (between its fork and exec); that passes, so try again shortly.
        for attempt in 0..<5 {
            result = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
                (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
                    posix_spawn(&pid, path, &actions, &attributes, argvBuffer.baseAddress!, envpBuffer.baseAddress!)
                }
            }
            guard result == ETXTBSY else { break }
            usleep(useconds_t(20_000 << attempt))
        }
        guard result == 0 else {
            errno = result
            return nil
        }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module
    /// does not declare; looked up at run time, so older systems just skip it.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// A write to a pipe whose reader has gone raises SIGPIPE, which would end this process: it is
    /// blocked on this thread for the write, and one it raised is taken off before unblocking.
    private static func writeWithoutSIGPIPE(_ fd: Int32, _ bytes: [UInt8], from offset: Int) -> Int {
        var pipeSignal = sigset_t(), previous = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, min(65536, bytes.count - offset)) }
        let code = errno
        if written < 0 && code == EPIPE {
            var none = timespec()
            _ = sigtimedwait(&pipeSignal, nil, &none)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        errno = code
        return written
    }

    /// The exit status once the child has ended: its exit code, or 128 + the signal that ended it.
    private static func reap(_ pid: pid_t, block: Bool) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, block ? 0 : WNOHANG)
        guard result == pid else { return result < 0 && errno != EINTR ? 1 : nil }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Asks the child's whole process group to stop, then makes sure it has.
    private static func stop(_ pid: pid_t, reaped: Bool, grace: Double) {
        kill(-pid, SIGTERM)
        var done = reaped
        let giveUp = monotonicSeconds() + grace
        while !done && monotonicSeconds() < giveUp {
            done = reap(pid, block: false) != nil
            if !done { usleep(10_000) }
        }
        kill(-pid, SIGKILL)
        if !done { _ = reap(pid, block: true) }
    }

    /// Seconds on a clock that never jumps (deadlines, pauses), shared by whoever times work.
    public static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
