import Foundation

/// Starts a program the way a shell does: every signal at its default disposition, an empty signal
/// mask, nothing open but the three standard descriptors. Foundation's Process (and Python's
/// subprocess) leave some signals as the test runner set them, which once hid a SIGXFSZ death.
enum ShellSpawn {
    enum Stdout {
        case capture
        case path(String)
        case closed
    }

    struct Running {
        let pid: pid_t
        let stdoutFD: Int32
        let stderrFD: Int32

        /// Reads both pipes to their end, then reaps: the exit status (128 + signal when killed).
        func finish() -> (status: Int32, stdout: Data, stderr: Data) {
            var data = [stdoutFD: Data(), stderrFD: Data()]
            var open = [stdoutFD, stderrFD].filter { $0 >= 0 }
            var buffer = [UInt8](repeating: 0, count: 65536)
            while !open.isEmpty {
                var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                if poll(&polls, nfds_t(polls.count), -1) < 0 {
                    if errno == EINTR { continue }
                    break
                }
                for entry in polls where entry.revents != 0 {
                    let count = read(entry.fd, &buffer, buffer.count)
                    if count > 0 {
                        data[entry.fd]!.append(contentsOf: buffer[..<count])
                    } else if count == 0 || errno != EINTR {
                        close(entry.fd)
                        open.removeAll { $0 == entry.fd }
                    }
                }
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let signal = status & 0x7F
            return (signal == 0 ? (status >> 8) & 0xFF : 128 + signal, data[stdoutFD] ?? Data(), data[stderrFD] ?? Data())
        }
    }

    /// Spawns `path` with `arguments`; stdin is /dev/null.
    static func start(_ path: String, _ arguments: [String], environment: [String: String],
                      stdout: Stdout = .capture) throws -> Running {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&errPipe) == 0 else { throw POSIXError(.EMFILE) }
        if case .capture = stdout { guard pipe(&outPipe) == 0 else { throw POSIXError(.EMFILE) } }
        for fd in outPipe + errPipe where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch stdout {
        case .capture: posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        case .path(let file): posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .closed: posix_spawn_file_actions_addclose(&actions, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Both ends are close-on-exec, so a child started by another test at the same moment holds
        // none of ours (and this child only the two it was given).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([path] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { a in
            (envp + [nil]).withUnsafeBufferPointer { e in posix_spawn(&pid, path, &actions, &attributes, a.baseAddress!, e.baseAddress!) }
        }
        if outPipe[1] >= 0 { close(outPipe[1]) }
        close(errPipe[1])
        guard result == 0 else {
            if outPipe[0] >= 0 { close(outPipe[0]) }
            close(errPipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL)
        }
        return Running(pid: pid, stdoutFD: outPipe[0], stderrFD: errPipe[0])
    }
}
