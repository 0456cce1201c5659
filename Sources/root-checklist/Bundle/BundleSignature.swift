import ChecklistModel
import ChecklistStore
import ProcessSupport
import SystemImports

/// Signing and checking a bundle's manifest with the SSH keys people already have
/// (`ssh-keygen -Y sign` / `-Y verify`, namespace `root-checklist-bundle`).
enum BundleSignature {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func sshKeygen() throws -> URL {
        guard let found = ExecutableSearch.find("ssh-keygen", path: Environment.process["PATH"]) else {
            throw Failed(description: "ssh-keygen is not installed or not on PATH: install OpenSSH's client tools to sign or check a signature")
        }
        return found
    }

    /// The signature of `manifest` with the private key at `key` (an agent's key when the path is its public half).
    static func sign(_ manifest: [UInt8], key: String) throws -> [UInt8] {
        let directory = try privateTemporaryDirectory()
        defer { removeTree(directory) }
        let file = directory + "/manifest.json"
        try Data(manifest).write(to: URL(fileURLWithPath: file))
        let outcome = ProcessRunner.run(try sshKeygen(), arguments: ["-Y", "sign", "-f", key, "-n", EvidenceBundle.namespace, file],
                                        environment: ProcessInfo.processInfo.environment, timeout: 60)
        guard case .exited(0, _, _) = outcome, let signature = SafeFileRead.contents(of: URL(fileURLWithPath: file + ".sig"), limit: 64 * 1024) else {
            throw Failed(description: "ssh-keygen could not sign with \(PlainText.sanitizeLine(key)): \(reason(outcome))")
        }
        return Array(signature)
    }

    /// Nil when `signature` is `identity`'s over `manifest` by a key in `allowedSigners`; else why not.
    static func check(_ manifest: [UInt8], signature: [UInt8], allowedSigners: String, identity: String) throws -> String? {
        let directory = try privateTemporaryDirectory()
        defer { removeTree(directory) }
        let file = directory + "/manifest.json.sig"
        try Data(signature).write(to: URL(fileURLWithPath: file))
        let outcome = ProcessRunner.run(try sshKeygen(), arguments: ["-Y", "verify", "-f", allowedSigners, "-I", identity,
                                                                     "-n", EvidenceBundle.namespace, "-s", file],
                                        environment: ProcessInfo.processInfo.environment, timeout: 60, input: Data(manifest))
        if case .exited(0, _, _) = outcome { return nil }
        return reason(outcome)
    }

    static func reason(_ outcome: ProcessRunner.Outcome) -> String {
        switch outcome {
        case .exited(let status, let out, let err):
            let text = PlainText.sanitizeLine(String(decoding: err.isEmpty ? out : err, as: UTF8.self)).trimmingSpaces()
            return text.isEmpty ? "ssh-keygen exited \(status)" : String(text.prefix(300))
        case .timedOut: return "ssh-keygen did not finish within 60 s"
        case .cancelled: return "cancelled"
        case .failedToStart(let message): return message
        }
    }

    static func privateTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/root-checklist-sign.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failed(description: "cannot make a private temporary directory") }
        return String(cString: made)
    }

    static func removeTree(_ path: String) {
        for name in ["manifest.json", "manifest.json.sig"] { unlink(path + "/" + name) }
        rmdir(path)
    }
}
