import CNCurses
import ChecklistModel
import ChecklistUI
import SystemImports

/// Why the full-screen interface cannot start.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// The ncurses screen. The only type in the program that talks to ncurses.
public final class CursesTerminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    private let colors: Bool
    private var open = true
    private var painted: Grid?

    /// Refuses before touching the terminal when there is none to use.
    /// `term`: the TERM the program was started with.
    public static func checkAvailable(term: String?) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalUnavailable(description: "the walkthrough needs a terminal on stdin and stdout: use `root-checklist summary` and `root-checklist mark` in scripts")
        }
        let term = term ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw TerminalUnavailable(description: "TERM is \(term.isEmpty ? "not set" : "dumb"), so the walkthrough cannot draw: set TERM (e.g. xterm-256color) or use `root-checklist summary` and `root-checklist mark`")
        }
    }

    /// Opens the full-screen interface. Install signal handlers before this: ncurses only leaves
    /// alone the signals that already have one.
    public init(color: Bool) throws {
        setlocale(LC_ALL, "")
        guard let input = fdopen(dup(STDIN_FILENO), "r"), let output = fdopen(dup(STDOUT_FILENO), "w") else {
            throw TerminalUnavailable(description: "cannot open the terminal")
        }
        guard let screen = newterm(nil, output, input) else {
            fclose(input)
            fclose(output)
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            throw TerminalUnavailable(description: "the terminal type \"\(PlainText.sanitizeLine(term))\" is unknown: set TERM to one your system knows (e.g. xterm-256color) or use `root-checklist summary` and `root-checklist mark`")
        }
        self.screen = screen
        self.input = input
        self.output = output
        set_term(screen)
        // The screen's own window: ncurses resizes it on SIGWINCH before delivering KEY_RESIZE.
        window = rc_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        // Never waits: the walkthrough's loop sleeps in poll(2) on the descriptor instead.
        wtimeout(window, 0)
        leaveok(window, false)
        var usesColor = false
        if color && has_colors() {
            start_color()
            use_default_colors()
            init_pair(Int16(Tint.accent.rawValue), Int16(COLOR_CYAN), -1)
            init_pair(Int16(Tint.good.rawValue), Int16(COLOR_GREEN), -1)
            init_pair(Int16(Tint.warn.rawValue), Int16(COLOR_YELLOW), -1)
            init_pair(Int16(Tint.bad.rawValue), Int16(COLOR_RED), -1)
            init_pair(Int16(Tint.muted.rawValue), -1, -1)
            usesColor = true
        }
        colors = usesColor
        // Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~, so a paste can
        // never press keys (a "q" in a pasted note must not quit).
        fputs("\u{1B}[?2004h", output)
        fflush(output)
    }

    deinit { close() }

    /// Restores the terminal: echo, cursor, main screen.
    public func close() {
        guard open else { return }
        open = false
        fputs("\u{1B}[?2004l", output)
        fflush(output)
        curs_set(1)
        endwin()
        delscreen(screen)
        fclose(input)
        fclose(output)
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// The terminal's input, for the loop's poll(2).
    public var inputDescriptor: Int32 { fileno(input) }

    /// A key, paste or resize that has already arrived, without waiting for one.
    public func readArrived() -> TerminalEvent? {
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == rc_err() { return nil }
        if result == rc_key_code_yes() {
            if Int32(code) == KEY_RESIZE {
                // The terminal may have reflowed or cleared what was on it: draw the next frame whole.
                painted = nil
                return .resize(width: size.width, height: size.height)
            }
            return KeyDecoder.functionKey(Int32(code)).map(TerminalEvent.key)
        }
        if code == 27, let pasted = readPaste() { return .paste(pasted) }
        return KeyDecoder.character(UInt32(code)).map(TerminalEvent.key)
    }

    /// After an ESC: when `[200~` follows, the text up to `ESC[201~` (read with a deadline, so a
    /// terminal that never ends the paste cannot hold the loop); otherwise the characters read
    /// are handed back to ncurses and the ESC stays a key.
    private func readPaste() -> String? {
        let start: [UInt32] = [0x5B, 0x32, 0x30, 0x30, 0x7E]
        var seen: [wint_t] = []
        for expected in start {
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            guard result != rc_err(), result != rc_key_code_yes() else { break }
            seen.append(code)
            if UInt32(code) != expected { break }
        }
        guard seen.count == start.count, seen.map({ UInt32($0) }).elementsEqual(start) else {
            for code in seen.reversed() { unget_wch(wchar_t(code)) }
            return nil
        }
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var text: [UInt32] = []
        wtimeout(window, 200)
        defer { wtimeout(window, 0) }
        while text.count < 1_000_000 {
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == rc_err() { break }
            if result == rc_key_code_yes() { continue }
            text.append(UInt32(code))
            if text.count >= end.count && text.suffix(end.count).elementsEqual(end) {
                text.removeLast(end.count)
                break
            }
        }
        var scalars = String.UnicodeScalarView()
        for value in text { if let scalar = Unicode.Scalar(value) { scalars.append(scalar == "\r" ? "\n" : scalar) } }
        return String(scalars)
    }

    /// Asks the terminal to put `text` on the system clipboard (OSC 52). The sequence moves no
    /// cursor and prints nothing, so it goes straight to the terminal between frames, after what
    /// ncurses has buffered. Terminals that do not allow it ignore it.
    public func copyToClipboard(_ text: String) {
        fflush(output)
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        var bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeMutableBytes { writeAll(UnsafeRawBufferPointer($0), to: fileno(output)) }
    }

    /// Paints a frame: rows that differ from the last frame go to ncurses, which then sends only the
    /// cells that changed. Runs of one style go out as one wide-character string, built in a reused
    /// buffer: handing ncurses code points spares it decoding UTF-8 byte by byte.
    public func paint(_ grid: Grid, cursor: (row: Int, column: Int)?) {
        var characters: [wchar_t] = []
        characters.reserveCapacity(grid.width * 2 + 1)
        // Only this type writes to the window, so rows equal to the last frame are already there.
        let rows = grid.changedRows(since: painted)
        painted = grid
        grid.cells.withUnsafeBufferPointer { cells in
            for row in rows {
                let base = row * grid.width
                var column = 0
                while column < grid.width {
                    let style = cells[base + column].style
                    let start = column
                    characters.removeAll(keepingCapacity: true)
                    while column < grid.width && cells[base + column].style == style {
                        for scalar in cells[base + column].text.unicodeScalars { characters.append(wchar_t(scalar.value)) }
                        column += 1
                    }
                    characters.append(0)
                    wattr_set(window, attributes(style), Int16(colors ? (style.tint?.rawValue ?? 0) : 0), nil)
                    // The bottom-right cell makes ncurses report an error after drawing it; that is expected.
                    characters.withUnsafeBufferPointer { buffer in
                        _ = mvwaddnwstr(window, Int32(row), Int32(start), buffer.baseAddress, Int32(buffer.count - 1))
                    }
                }
            }
        }
        wattr_set(window, 0, 0, nil)
        if let cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        if !grid.links.isEmpty { paintLinks(grid) }
    }

    /// Turns linked spans into terminal hyperlinks (OSC 8): ncurses cannot, so the span's text is
    /// written again between the link's open and close sequences, with the cursor saved and
    /// restored around it so ncurses' idea of the screen stays true. Terminals without OSC 8
    /// ignore the sequences and show the same text. URLs are plain text (checked when the
    /// checklist loads, and made plain again before drawing): no control character reaches here.
    private func paintLinks(_ grid: Grid) {
        fflush(output)
        var out = "\u{1B}7"
        for link in grid.links where link.row < grid.height && link.column < grid.width {
            let text = (link.column..<min(grid.width, link.column + link.width))
                .map { grid.cells[link.row * grid.width + $0].text }.joined()
            let url = PlainText.sanitizeLine(link.url).filter { $0 != "\u{1B}" && $0 != "\u{07}" }
            out += "\u{1B}[\(link.row + 1);\(link.column + 1)H\u{1B}[2m\u{1B}]8;;\(url)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\\u{1B}[0m"
        }
        out += "\u{1B}8"
        var bytes = Array(out.utf8)
        _ = bytes.withUnsafeMutableBytes { writeAll(UnsafeRawBufferPointer($0), to: fileno(output)) }
    }

    private func attributes(_ style: CellStyle) -> attr_t {
        var value: attr_t = 0
        if style.bold { value |= rc_attr_bold() }
        if style.reverse { value |= rc_attr_reverse() }
        if style.underline { value |= rc_attr_underline() }
        if style.dim && !colors { value |= rc_attr_dim() }
        return value
    }
}
