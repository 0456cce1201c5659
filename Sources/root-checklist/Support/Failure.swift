import ArgumentParser
import ChecklistModel
import ChecklistStore
import ProcessSupport
import SystemImports

/// A runtime failure with a sentence for the operator; exits 1.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Output {
    static func error(_ message: String) {
        write("root-checklist: error: \(PlainText.sanitizeLine(message))\n", to: STDERR_FILENO)
    }

    static func warning(_ message: String) {
        write("root-checklist: warning: \(PlainText.sanitizeLine(message))\n", to: STDERR_FILENO)
    }

    /// Writes to standard output; a failed write (a full disk, a closed descriptor, a reader gone)
    /// is a failure of the command, not a silent exit 0.
    static func print(_ text: String) throws {
        let code = write(PlainText.sanitizeOutput(text), to: STDOUT_FILENO)
        if code != 0 { throw Failure("cannot write to standard output: \(String(cString: strerror(code)))") }
    }

    /// Writes all of `text`, unbuffered, so nothing is lost if the process exits straight after.
    /// Returns 0 or the errno of the failed write.
    @discardableResult
    static func write(_ text: String, to fd: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// True when the locale can show Unicode glyphs.
    static func localeIsUTF8(_ environment: Environment = .process) -> Bool {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}

/// Runs a command body, turning every known failure into one line on stderr and exit code 1.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        Output.error(commandLineMessage(error))
        throw ExitCode(1)
    }
}
