import ArgumentParser
import ChecklistModel
import ChecklistStore
import ChecklistText
import SystemImports

/// Writes the evidence bundle an auditor checks with `verify-bundle`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an evidence bundle: the account files, the summary, the AWS replies each check came from, a manifest.",
        discussion: """
            The bundle is one tar file: accounts/<id>.json as saved, summary.json and summary.html, \
            replies/<id>/<time>.json (what AWS answered in the run each latest check comes from, \
            credentials dropped) and manifest.json with the SHA-256 of every file, the tool version and \
            the checklist digests. --sign signs the manifest with an SSH key (ssh-keygen -Y sign, \
            namespace root-checklist-bundle). `root-checklist verify-bundle FILE` checks it offline.
            """
    )

    @Option(help: ArgumentHelp("The bundle file to write (a new or regular file, never a link or a state file).", valueName: "file"))
    var bundle: String

    @Argument(help: ArgumentHelp("Accounts to include (ids or aliases); every account when none is given.", valueName: "account"),
              transform: accountArgument)
    var accounts: [String] = []

    @Option(help: ArgumentHelp("Sign the manifest with this SSH private key (or an agent key's public file).", valueName: "key"))
    var sign: String?

    @OptionGroup var global: ReadOptions

    func run() throws {
        try reportingFailures {
            let store = global.store
            let destination = try ReportFile.destination(bundle, protecting: store)
            if destination == .standardOutput && isatty(STDOUT_FILENO) == 1 {
                throw ValidationError("the bundle is binary: give a file with --bundle, or pipe standard output.")
            }
            let ids = accounts.isEmpty ? try store.accountIDs() : try accounts.map { try AccountResolver.resolve($0, in: store) }
            guard !ids.isEmpty else { throw Failure("no accounts in \(store.directory.path) to export: add one with `root-checklist add ACCOUNT_ID`") }
            let now = Timestamp.now()
            var read: [EvidenceBundle.Account] = []
            for id in ids {
                guard store.exists(id) else { throw ModelError.accountNotFound(id: id, directory: store.directory.path) }
                // The bytes read are the bytes bundled: what the summary says and what the digest covers are one version.
                let bytes: Data
                do {
                    bytes = try SafeFileRead.read(store.url(for: id), limit: StateCodec.maxFileSize + 1, followSymlinks: false)
                } catch {
                    throw ModelError.io(path: store.url(for: id).path, operation: "read", errno: EIO)
                }
                let state = try StateCodec.decode(bytes, path: store.url(for: id).path)
                let checklist = try ChecklistCatalog.forAccount(state, option: nil)
                read.append(.init(bytes: Array(bytes), progress: AccountProgress(state: state, checklist: checklist, asOf: now)))
            }
            var (files, missing) = EvidenceBundle.make(read, archive: ReplyArchive(store: store), createdAt: now, revision: TeamContext.revision(of: store))
            if let sign, let manifest = files.last {
                files.append(.init(path: EvidenceBundle.signature, bytes: try BundleSignature.sign(manifest.bytes, key: sign)))
            }
            let bytes = try TarArchive(entries: files).bytes(modified: now)
            switch destination {
            case .standardOutput:
                let code = bytes.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
                if code != 0 { throw Failure("cannot write the bundle to standard output: \(String(cString: strerror(code)))") }
            case .file(let url, let expected):
                try AtomicFile.write(Data(bytes), to: url, expecting: expected)
            }
            if !missing.isEmpty {
                Output.warning("\(missing.count) recorded check run\(missing.count == 1 ? " has" : "s have") no kept AWS replies "
                               + "(checked before replies were kept, or kept elsewhere): verify-bundle will name "
                               + "\(missing.count == 1 ? "it" : "them"); run `root-checklist verify` again to record them: "
                               + missing.joined(separator: "; "))
            }
            let manifestDigest = SHA256.hex(files.first { $0.path == EvidenceBundle.manifest }?.bytes ?? [])
            let message = "Wrote the evidence bundle \(PlainText.sanitizeLine(bundle)): \(read.count) account\(read.count == 1 ? "" : "s"), "
                + "\(files.count) files\(sign == nil ? "" : ", signed"); manifest SHA-256 \(manifestDigest).\n"
            if destination == .standardOutput { Output.write(message, to: STDERR_FILENO) } else { try Output.print(message) }
        }
    }
}

/// Checks an evidence bundle offline: every digest, the signature, and every recorded check result
/// decided again from the replies it was recorded from.
struct VerifyBundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-bundle",
        abstract: "Check an evidence bundle offline: digests, signature, and every check result against its saved replies.",
        discussion: "Exits 0 when everything holds, 3 when anything does not (each problem named), 1 when the file cannot be read as a bundle."
    )

    @Argument(help: ArgumentHelp("The bundle file (from `root-checklist export --bundle`).", valueName: "file"))
    var file: String

    @Option(name: .customLong("allowed-signers"),
            help: ArgumentHelp("ssh-keygen's allowed signers file: the manifest must be signed by --identity's key in it.", valueName: "file"))
    var allowedSigners: String?

    @Option(help: ArgumentHelp("Whose signature is required (a principal in the allowed signers file).", valueName: "principal"))
    var identity: String?

    /// Read whole into memory (twice, briefly): a bundle of thousands of accounts is well under this.
    static let maxBundleSize = 1024 * 1024 * 1024

    func validate() throws {
        if (allowedSigners == nil) != (identity == nil) { throw ValidationError("--allowed-signers and --identity go together.") }
    }

    func run() throws {
        let failed: Bool = try reportingFailures {
            let url = URL(fileURLWithPath: file)
            let archive: TarArchive
            do {
                let data = try SafeFileRead.read(url, limit: Self.maxBundleSize, followSymlinks: true)
                archive = try TarArchive(reading: Array(data))
            } catch let problem as TarArchive.Problem {
                throw Failure("\(PlainText.sanitizeLine(file)) \(problem)")
            } catch {
                throw Failure("cannot read \(PlainText.sanitizeLine(file)) (\(error)): give the path of a bundle from `root-checklist export --bundle`")
            }
            var verdict = EvidenceBundle.verify(archive) { state in try ChecklistCatalog.forAccount(state, option: nil) }
            if let allowedSigners, let identity {
                if let signature = archive.entry(EvidenceBundle.signature), let manifest = archive.entry(EvidenceBundle.manifest) {
                    if let problem = try BundleSignature.check(manifest.bytes, signature: signature.bytes, allowedSigners: allowedSigners, identity: identity) {
                        verdict.problems.append("the manifest's signature does not hold for \(PlainText.sanitizeLine(identity)): \(problem)")
                    } else {
                        verdict.signatureChecked = true
                    }
                } else {
                    verdict.problems.append("the bundle is not signed, and a signature by \(PlainText.sanitizeLine(identity)) was required")
                }
            } else if verdict.signed {
                verdict.notes.append("the bundle is signed; give --allowed-signers and --identity to check the signature")
            }
            // A bundle is a stranger's file: whatever of it a line quotes reaches the terminal plain.
            var lines = verdict.problems.map { "PROBLEM  " + PlainText.sanitizeLine($0) } + verdict.notes.map { "note     " + PlainText.sanitizeLine($0) }
            let accounts = "\(verdict.accounts) account\(verdict.accounts == 1 ? "" : "s")"
            let signature = verdict.signatureChecked ? "; the signature holds" : ""
            if verdict.problems.isEmpty {
                lines.append("Bundle holds: \(verdict.filesChecked) files match the manifest, \(verdict.checksRederived) check result"
                             + "\(verdict.checksRederived == 1 ? "" : "s") of \(accounts) follow from their recorded AWS replies\(signature).")
            } else {
                lines.append("Bundle does not hold: \(verdict.problems.count) problem\(verdict.problems.count == 1 ? "" : "s") "
                             + "(\(verdict.filesChecked) files matched, \(verdict.checksRederived) check results followed from their replies).")
            }
            try Output.print(lines.joined(separator: "\n") + "\n")
            return !verdict.problems.isEmpty
        }
        if failed { throw ExitCode(3) }
    }
}
