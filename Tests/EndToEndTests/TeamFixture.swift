import Foundation
import Testing

/// A team in temporary directories: a bare remote and one state directory per operator, each with
/// its own git identity (no global or system git configuration is read), no network.
struct TeamFixture {
    let root: URL
    let remote: URL

    struct Operator {
        let name: String
        let bin: Binary
        let environment: [String: String]
        var directory: URL { bin.stateDir }

        @discardableResult
        func run(_ arguments: [String]) throws -> Binary.Result {
            try bin.run(arguments + ["--state-dir", directory.path], environment: environment)
        }

        /// Runs and requires exit 0.
        @discardableResult
        func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Binary.Result {
            let result = try run(arguments)
            #expect(result.status == 0, "\(name): \(arguments.joined(separator: " ")) → \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
            return result
        }

        func git(_ arguments: [String]) throws -> Binary.Result {
            try TeamFixture.git(["-C", directory.path] + arguments, environment: environment)
        }

        func file(_ id: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent("\(id).json")) }

        func state(_ id: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: file(id)) as? [String: Any] ?? [:]
        }

        func status(_ id: String, _ item: String) throws -> String {
            let items = try state(id)["items"] as? [String: [String: Any]] ?? [:]
            return items[item]?["status"] as? String ?? "pending"
        }

        func history(_ id: String) throws -> [[String: Any]] { try state(id)["history"] as? [[String: Any]] ?? [] }
    }

    init() throws {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-team-\(UUID().uuidString)")
        remote = root.appendingPathComponent("remote.git")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let made = try Self.git(["init", "-q", "--bare", remote.path], environment: Self.baseEnvironment(root: root, name: "setup"))
        #expect(made.status == 0, "\(made.stderr)")
    }

    static func baseEnvironment(root: URL, name: String) -> [String: String] {
        let config = root.appendingPathComponent("\(name).gitconfig")
        let text = "[user]\n\tname = \(name)\n\temail = \(name)@example.com\n[init]\n\tdefaultBranch = trunk\n"
        FileManager.default.createFile(atPath: config.path, contents: Data(text.utf8))
        return ["GIT_CONFIG_GLOBAL": config.path, "GIT_CONFIG_NOSYSTEM": "1", "ROOT_CHECKLIST_OPERATOR": ""]
    }

    func member(_ name: String) -> Operator {
        Operator(name: name, bin: Binary(stateDir: root.appendingPathComponent(name)),
                 environment: Self.baseEnvironment(root: root, name: name))
    }

    static func git(_ arguments: [String], environment extra: [String: String]) throws -> Binary.Result {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("GIT_") { environment[key] = nil }
        for (key, value) in extra { environment[key] = value }
        let running = try ShellSpawn.start("/usr/bin/env", ["git"] + arguments, environment: environment)
        let (status, out, err) = running.finish()
        return Binary.Result(status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// The remote's commit of main.
    func remoteHead() throws -> String {
        try Self.git(["--git-dir", remote.path, "rev-parse", "main"], environment: [:]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An account started by `first`, shared through the remote, and joined by every other.
    func start(_ id: String, first: Operator, others: [Operator]) throws {
        try first.ok(["add", id, "--alias", "prod"])
        try first.ok(["team", "init", "--remote", remote.path])
        for other in others { try other.ok(["team", "init", "--remote", remote.path]) }
    }
}
