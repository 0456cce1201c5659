import Foundation
import Testing

/// A real terminal for the walkthrough: a detached tmux session on its own socket.
final class Tmux {
    let socket = "rc-test-\(UUID().uuidString.prefix(8))"
    let workDir: URL

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    /// Starts `root-checklist ARGS` in a pane; after it exits the pane prints `EXIT=<code>` and the
    /// terminal settings, so tests can check the exit code and that the terminal was restored.
    init(_ arguments: [String], stateDir: URL, width: Int = 100, height: Int = 30, term: String = "xterm-256color",
         environment: [String: String] = [:], wrapper: String = "") throws {
        workDir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        var env = ["TERM": term, "LANG": "C.UTF-8", "ROOT_CHECKLIST_STATE_DIR": stateDir.path, "HOME": workDir.path,
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   // No test asks a real instance for its role, whatever machine runs it.
                   "AWS_EC2_METADATA_DISABLED": "true"]
        for (key, value) in environment { env[key] = value }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let args = arguments.map(Self.quote).joined(separator: " ")
        let before = workDir.appendingPathComponent("stty-before").path
        let after = workDir.appendingPathComponent("stty-after").path
        let script = "stty -a > \(before); \(wrapper) env -i \(exports) \(Self.quote(Binary.url.path)) \(args); code=$?; "
            + "stty -a > \(after); echo EXIT=$code; sleep 120"
        try run(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
    }

    deinit { _ = try? run(["kill-server"]) }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        if arguments.first == "new-session" {
            // The tmux server forked here would inherit Foundation's process-watching descriptors
            // and keep them open, so Process.waitUntilExit never returns; spawn it by hand instead.
            try spawnDetached(["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts the tmux server with no descriptor of ours but /dev/null. Closing them must happen in
    /// the child after the fork: a list taken before it races with pipes that tests running in
    /// parallel are opening, and a server that inherits one keeps a reader waiting for minutes.
    private func spawnDetached(_ argv: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Every signal back to its default and none blocked, as a login shell starts: Python itself
        // ignores SIGPIPE and SIGXFSZ, and an ignored signal stays ignored across exec.
        let script = "import os,sys,signal\n"
            + "for s in range(1, signal.NSIG):\n"
            + "    try: signal.signal(s, signal.SIG_DFL)\n"
            + "    except (OSError, ValueError): pass\n"
            + "signal.pthread_sigmask(signal.SIG_SETMASK, [])\n"
            + "os.closerange(3, 65536); os.execvp(sys.argv[1], sys.argv[1:])"
        process.arguments = ["python3", "-c", script] + argv
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    /// Sends tmux key names (Enter, Escape, Tab, BSpace, C-c…) and waits until the program has handled them.
    func keys(_ names: String...) throws {
        let before = readBytes()
        for name in names { try run(["send-keys", "-t", "main", name]) }
        settle(after: before, bytes: names.map(Self.byteCount).reduce(0, +))
    }

    /// Types text literally and waits until the program has handled it.
    func type(_ text: String) throws {
        let before = readBytes()
        try run(["send-keys", "-t", "main", "-l", text])
        settle(after: before, bytes: text.utf8.count)
    }

    /// What a tmux key name sends: an escape sequence for the arrows and function keys, else one byte.
    static func byteCount(_ name: String) -> Int {
        switch name {
        case "Up", "Down", "Left", "Right", "Home", "End": 3
        case "PageUp", "PPage", "PageDown", "NPage", "DC", "Delete", "IC": 4
        case "BTab": 3
        default: name.count == 1 ? name.utf8.count : 1
        }
    }

    /// Bytes the program has read so far (`rchar`), or nil when it is not running.
    private func readBytes() -> Int? {
        guard let pid = cachedPID(), let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) else { return nil }
        return io.split(separator: "\n").first { $0.hasPrefix("rchar:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }

    /// Waits, instead of a fixed sleep, until the program has read what was sent, is back asleep in
    /// its loop's poll (two descriptors: the terminal and its inbox), and tmux shows a steady screen.
    private func settle(after before: Int?, bytes: Int, seconds: Double = 5) {
        let deadline = Date().addingTimeInterval(seconds)
        guard let before, let pid = cachedPID() else {
            usleep(60_000)  // no program to watch (it has not started, or has ended): the old pause
            return
        }
        while Date() < deadline, (readBytes() ?? .max) < before + bytes { usleep(1_000) }
        while Date() < deadline, !Self.asleepInLoop(pid) { usleep(1_000) }
        var last = (try? screen()) ?? ""
        while Date() < deadline {
            usleep(5_000)
            let next = (try? screen()) ?? ""
            if next == last { return }
            last = next
        }
    }

    /// The main thread blocked in poll(2) on two descriptors: the walkthrough loop with nothing to do
    /// (ncurses' own wait for the rest of an escape sequence polls one), or the process gone.
    static func asleepInLoop(_ pid: pid_t) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else { return true }
        let fields = text.split(separator: " ")
        // x86_64: 7 is poll, 271 ppoll; aarch64 has only ppoll (73).
        guard fields.count > 2, let number = Int(fields[0]), [7, 271, 73].contains(number) else { return false }
        return fields[2] == "0x2"
    }

    private var pid: pid_t?
    private func cachedPID() -> pid_t? {
        if let pid, kill(pid, 0) == 0 { return pid }
        pid = try? programPID()
        return pid
    }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", "main"]) }

    /// The screen with what scrolled off above it (output printed after the walkthrough ended).
    func scrollback() throws -> String { try run(["capture-pane", "-p", "-S", "-200", "-t", "main"]) }

    /// Waits until the screen contains `text`; returns the screen either way.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 8, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        Issue.record("screen never showed \"\(text)\":\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
        usleep(150_000)
    }

    /// The pid of root-checklist inside the pane.
    func programPID() throws -> pid_t? {
        let shell = try run(["list-panes", "-t", "main", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        for child in children.split(separator: " ") {
            let pid = pid_t(child) ?? 0
            let env = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            if env.hasPrefix("root-checklist") { return pid }
            let grandchildren = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            if let first = grandchildren.split(separator: " ").first { return pid_t(first) }
        }
        return nil
    }

    var sttyBefore: String { (try? String(contentsOf: workDir.appendingPathComponent("stty-before"), encoding: .utf8)) ?? "before" }
    var sttyAfter: String { (try? String(contentsOf: workDir.appendingPathComponent("stty-after"), encoding: .utf8)) ?? "after" }
}
