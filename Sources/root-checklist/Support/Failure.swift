import ArgumentParser
import ChecklistModel
import Foundation

/// A runtime failure with a sentence for the operator; exits 1.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("root-checklist: error: \(TerminalText.sanitizeLine(message))\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("root-checklist: warning: \(TerminalText.sanitizeLine(message))\n".utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// True when the locale can show Unicode glyphs.
    static func localeIsUTF8(_ environment: [String: String] = ProcessEnvironment.current()) -> Bool {
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
        Output.error("\(error)")
        throw ExitCode(1)
    }
}
