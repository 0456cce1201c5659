import AWSNative
import ChecklistModel
import JSONFormat
import ProcessSupport
import SystemImports

/// A profile's `credential_process`, run as the CLI runs it: the command split as a POSIX shell
/// splits words (no shell runs it), its stdout read in memory as `{"Version": 1, "AccessKeyId": …}`.
/// What it prints is never shown: the reason for a failure names only what was wrong.
enum CredentialProcess {
    static func run(_ command: String, environment: [String: String], timeout: TimeInterval,
                    cancelled: @escaping @Sendable () -> Bool) -> Result<AWSCredentials, ProcessFailure> {
        guard let words = split(command), let program = words.first else {
            return .failure(ProcessFailure("its credential_process is not a command line"))
        }
        let executable = program.contains("/") ? URL(fileURLWithPath: program) : ExecutableSearch.find(program, path: environment["PATH"])
        guard let executable else { return .failure(ProcessFailure("its credential_process \(UntrustedText.line(program, limit: 80)) is not on PATH")) }
        switch ProcessRunner.run(executable, arguments: Array(words.dropFirst()), environment: environment, timeout: timeout,
                                 errorLimit: 4096, cancelled: cancelled) {
        case .exited(0, let stdout, _):
            guard let object = (try? JSONParser.parse(stdout))?.object else { return .failure(ProcessFailure("its credential_process printed no JSON object")) }
            guard object["Version"]?.number?.wholeNumber == 1 else { return .failure(ProcessFailure("its credential_process gave no Version 1 reply")) }
            guard let key = object["AccessKeyId"]?.string, let secret = object["SecretAccessKey"]?.string else {
                return .failure(ProcessFailure("its credential_process gave no AccessKeyId and SecretAccessKey"))
            }
            return .success(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: object["SessionToken"]?.string))
        case .exited(let status, _, _): return .failure(ProcessFailure("its credential_process exited with \(status)"))
        case .timedOut: return .failure(ProcessFailure("its credential_process did not finish within \(Int(timeout)) s"))
        case .cancelled: return .failure(ProcessFailure("cancelled"))
        case .failedToStart(let why): return .failure(ProcessFailure("its credential_process could not start (\(UntrustedText.line(why, limit: 120)))"))
        }
    }

    struct ProcessFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Words as `shlex.split` (POSIX mode) gives them: whitespace separates, single quotes keep
    /// everything, double quotes keep all but `\"` `\\` `\$` `` \` ``, a backslash outside quotes
    /// escapes the next character. nil for an unclosed quote.
    static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = Array(line).makeIterator()
        while let c = iterator.next() {
            switch c {
            case " ", "\t", "\n":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                while true { guard let q = iterator.next() else { return nil }; if q == "'" { break }; word.append(q) }
            case "\"":
                inWord = true
                while true {
                    guard let q = iterator.next() else { return nil }
                    if q == "\"" { break }
                    if q == "\\" {
                        guard let next = iterator.next() else { return nil }
                        if !"\"\\$`".contains(next) { word.append("\\") }
                        word.append(next)
                    } else { word.append(q) }
                }
            case "\\":
                inWord = true
                if let next = iterator.next() { word.append(next) }
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
