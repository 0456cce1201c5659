import Foundation
import Testing

/// `export --bundle` and `verify-bundle` as an auditor uses them: a bundle made after a verify
/// holds, and stops holding when any byte of a reply or a recorded result changes, even when the
/// forger also fixes the manifest's digests.
@Suite struct EvidenceBundleTests {
    let id = "111122223333"

    /// A fake `aws` for one standalone account whose root has no MFA.
    func fakeAWS(_ bin: Binary) throws -> String {
        try bin.fakeAWS("bundle-tools", script: """
            #!/bin/sh
            case "$1 $2" in
              "sts get-caller-identity") printf '{"Account": "\(id)", "Arn": "arn:aws:iam::\(id):user/audit"}' ;;
              "iam get-account-summary") printf '{"SummaryMap": {"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "AccountSigningCertificatesPresent": 0}}' ;;
              "account get-contact-information") printf '{"ContactInformation": {"PhoneNumber": "+15555550100"}}' ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation: not allowed" >&2; exit 254 ;;
            esac
            """).path
    }

    func verified() throws -> (Binary, URL) {
        let bin = Binary()
        try bin.run(["add", id, "--alias", "prod"])
        let verify = try bin.run(["verify", id], environment: ["PATH": try fakeAWS(bin)])
        #expect(verify.status == 3, "\(verify.stdout) \(verify.stderr)")
        return (bin, try bin.scratchFile("evidence.tar"))
    }

    /// Rewrites one member of the bundle with python's tarfile (a forger's tool): the last `replace`
    /// in it becomes `with`, and the manifest's digests are fixed up when asked.
    func forge(_ bundle: URL, member: String, replace: String, with: String, fixManifest: Bool) throws {
        let script = """
            import hashlib, io, json, sys, tarfile
            path, member, old, new, fix = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == "1"
            with tarfile.open(path) as t:
                files = [(m.name, t.extractfile(m).read()) for m in t.getmembers()]
            files = [(n, new.encode().join(b.rsplit(old.encode(), 1)) if n == member else b) for n, b in files]
            if fix:
                manifest = json.loads(dict(files)["manifest.json"])
                for f in manifest["files"]:
                    data = dict(files)[f["path"]]
                    f["sha256"], f["bytes"] = hashlib.sha256(data).hexdigest(), len(data)
                files = [(n, json.dumps(manifest).encode() if n == "manifest.json" else b) for n, b in files]
            with tarfile.open(path, "w", format=tarfile.USTAR_FORMAT) as t:
                for n, b in files:
                    info = tarfile.TarInfo(n); info.size = len(b); info.mode = 0o600
                    t.addfile(info, io.BytesIO(b))
            """
        let done = try ShellSpawn.start("/usr/bin/env", ["python3", "-c", script, bundle.path, member, replace, with, fixManifest ? "1" : "0"],
                                        environment: ProcessInfo.processInfo.environment).finish()
        #expect(done.0 == 0, "\(String(decoding: done.2, as: UTF8.self))")
    }

    func members(_ bundle: URL) throws -> [String] {
        let listed = try ShellSpawn.start("/usr/bin/env", ["python3", "-c", "import sys,tarfile;print('\\n'.join(tarfile.open(sys.argv[1]).getnames()))", bundle.path],
                                          environment: ProcessInfo.processInfo.environment).finish()
        return String(decoding: listed.1, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func aBundleMadeAfterAVerifyHoldsAndEveryFileIsListed() throws {
        let (bin, bundle) = try verified()
        let export = try bin.run(["export", "--bundle", bundle.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("1 account, 5 files"), "\(export.stdout)")
        let names = try members(bundle)
        #expect(names.contains("accounts/\(id).json") && names.contains("summary.json") && names.contains("summary.html") && names.contains("manifest.json"))
        #expect(names.contains { $0.hasPrefix("replies/\(id)/") && $0.hasSuffix("Z.json") }, "\(names)")
        let checked = try bin.run(["verify-bundle", bundle.path])
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(checked.stdout.contains("Bundle holds: 4 files match the manifest, 10 check results of 1 account follow from their recorded AWS replies."),
                "\(checked.stdout)")
        // Only the run the latest checks come from is kept.
        try bin.run(["verify", id], environment: ["PATH": try fakeAWS(bin)])
        let kept = try FileManager.default.contentsOfDirectory(atPath: bin.stateDir.appendingPathComponent(".aws-replies/\(id)").path)
        #expect(kept.count == 1, "\(kept)")
    }

    @Test(arguments: ["accounts/111122223333.json", "summary.json", "summary.html", "replies"])
    func anyChangedByteBreaksTheDigest(_ member: String) throws {
        let (bin, bundle) = try verified()
        try bin.run(["export", "--bundle", bundle.path])
        let target = member == "replies" ? try #require(try members(bundle).first { $0.hasPrefix("replies/") }) : member
        try forge(bundle, member: target, replace: "\"", with: "'", fixManifest: false)
        let checked = try bin.run(["verify-bundle", bundle.path])
        #expect(checked.status == 3)
        #expect(checked.stdout.contains("PROBLEM  \(target) does not match the manifest's digest"), "\(checked.stdout)")
    }

    /// A forger who also rewrites the manifest is caught by the re-derivation: the recorded result
    /// no longer follows from the replies, whichever of the two was changed.
    @Test func aForgedReplyOrResultIsCaughtEvenWithAFixedManifest() throws {
        let (bin, bundle) = try verified()
        try bin.run(["export", "--bundle", bundle.path])
        let reply = try #require(try members(bundle).first { $0.hasPrefix("replies/") })
        try forge(bundle, member: reply, replace: "\"AccountMFAEnabled\" : 0", with: "\"AccountMFAEnabled\" : 1", fixManifest: true)
        var checked = try bin.run(["verify-bundle", bundle.path])
        #expect(checked.status == 3)
        #expect(checked.stdout.contains("\(id) root-mfa: recorded fail"), "\(checked.stdout)")
        #expect(checked.stdout.contains("but its replies give pass"), "\(checked.stdout)")

        try bin.run(["export", "--bundle", bundle.path])
        // The item's check (items come after the history in the file: the last "fail" is root-mfa's check).
        try forge(bundle, member: "accounts/\(id).json", replace: "\"outcome\" : \"fail\"", with: "\"outcome\" : \"pass\"", fixManifest: true)
        checked = try bin.run(["verify-bundle", bundle.path])
        #expect(checked.status == 3)
        #expect(checked.stdout.contains("recorded pass"), "\(checked.stdout)")
        #expect(checked.stdout.contains("\(id) root-mfa: its check is not the one its history last recorded"), "\(checked.stdout)")
    }

    @Test func aSignedBundleIsCheckedAgainstTheAllowedSigners() throws {
        let (bin, bundle) = try verified()
        let key = try bin.scratchFile("signer")
        let made = try ShellSpawn.start("/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alice", "-f", key.path],
                                        environment: ProcessInfo.processInfo.environment).finish()
        try #require(made.0 == 0, "ssh-keygen is needed for this test")
        let publicKey = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
        let allowed = try bin.scratchFile("allowed_signers")
        try Data("alice@example.com \(publicKey)".utf8).write(to: allowed)
        #expect(try bin.run(["export", "--bundle", bundle.path, "--sign", key.path]).stdout.contains("signed"))
        #expect(try members(bundle).contains("manifest.json.sig"))
        let unchecked = try bin.run(["verify-bundle", bundle.path])
        #expect(unchecked.status == 0 && unchecked.stdout.contains("give --allowed-signers and --identity"), "\(unchecked.stdout)")
        let checked = try bin.run(["verify-bundle", bundle.path, "--allowed-signers", allowed.path, "--identity", "alice@example.com"])
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(checked.stdout.contains("the signature holds"))
        let stranger = try bin.run(["verify-bundle", bundle.path, "--allowed-signers", allowed.path, "--identity", "mallory@example.com"])
        #expect(stranger.status == 3 && stranger.stdout.contains("signature does not hold"), "\(stranger.stdout)")
        // A manifest fixed up by a forger no longer matches its signature.
        try forge(bundle, member: "manifest.json", replace: "\"", with: "\"", fixManifest: true)
        let forged = try bin.run(["verify-bundle", bundle.path, "--allowed-signers", allowed.path, "--identity", "alice@example.com"])
        #expect(forged.status == 3, "\(forged.stdout)")
        #expect(try bin.run(["verify-bundle", bundle.path, "--identity", "alice"]).status == 64)
    }

    @Test func checksWithoutKeptRepliesAreNamedNotPassed() throws {
        let (bin, bundle) = try verified()
        try FileManager.default.removeItem(at: bin.stateDir.appendingPathComponent(".aws-replies"))
        let export = try bin.run(["export", "--bundle", bundle.path])
        #expect(export.status == 0)
        #expect(export.stderr.contains("no kept AWS replies"), "\(export.stderr)")
        let checked = try bin.run(["verify-bundle", bundle.path])
        #expect(checked.status == 3)
        #expect(checked.stdout.contains("no recorded replies, so the result cannot be shown to follow from AWS's answers"), "\(checked.stdout)")
    }

    @Test func badInputIsOneLineAndNothingIsOverwritten() throws {
        let (bin, bundle) = try verified()
        try Data("not a tar".utf8).write(to: bundle)
        let unreadable = try bin.run(["verify-bundle", bundle.path])
        #expect(unreadable.status == 1)
        #expect(unreadable.stderr.contains("is not an archive this program writes"), "\(unreadable.stderr)")
        let link = try bin.scratchFile("link.tar")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: bundle)
        let refused = try bin.run(["export", "--bundle", link.path])
        #expect(refused.status == 1 && refused.stderr.contains("symbolic link"), "\(refused.stderr)")
        #expect(try String(contentsOf: bundle, encoding: .utf8) == "not a tar")
        let inState = try bin.run(["export", "--bundle", bin.stateDir.appendingPathComponent("b.tar").path])
        #expect(inState.status == 1 && inState.stderr.contains("state directory"), "\(inState.stderr)")
    }

    /// A bundle is a stranger's file: escape sequences in what it records never reach the terminal.
    @Test func aBundlesTextReachesTheTerminalPlain() throws {
        let (bin, bundle) = try verified()
        try bin.run(["export", "--bundle", bundle.path])
        try forge(bundle, member: "accounts/\(id).json", replace: "AccountMFAEnabled is 0", with: "AccountMFAEnabled is 0\\u001b]0;owned\\u0007\\u001b[2J",
                  fixManifest: true)
        let checked = try bin.run(["verify-bundle", bundle.path])
        #expect(checked.status == 3, "\(checked.stdout)")
        #expect(checked.stdout.contains("owned"), "the forged text is what the line quotes: \(checked.stdout)")
        #expect(!checked.stdout.contains("\u{1B}") && !checked.stdout.contains("\u{07}"), "\(checked.stdout)")
    }
}
