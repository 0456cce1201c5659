import Foundation
import Testing

/// A remote URL can carry a token (`https://user:token@host/…`); nothing this program prints repeats it.
@Suite struct TeamRemoteTextTests {
    @Test func aTokenInTheRemoteURLIsNeverPrinted() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", "111122223333"])
        try alice.ok(["team", "init"])
        // A URL git cannot reach: the sync fails, and neither its message nor the mismatch names the token.
        let secretURL = "https://deploy:ghp_s3cretTokenValue@127.0.0.1:9/team/state.git"
        _ = try alice.git(["remote", "add", "origin", secretURL])
        let failed = try alice.run(["sync"])
        #expect(failed.status == 1)
        let mismatch = try alice.run(["team", "init", "--remote", "https://other.example/state.git"])
        #expect(mismatch.status == 1)
        #expect(mismatch.stderr.contains("https://…@127.0.0.1:9/team/state.git"), "\(mismatch.stderr)")
        for output in [failed.stdout, failed.stderr, mismatch.stdout, mismatch.stderr] {
            #expect(!output.contains("ghp_s3cretTokenValue"), "\(output)")
        }
    }
}

/// Tokens hide in more places than user info: a query string, a fragment, a password whose `/`
/// was never encoded. Host and path are all that is ever printed.
@Suite struct TeamRemoteURLTests {
    @Test(arguments: [
        ("https://127.0.0.1:9/team/state.git?private_token=glpat-S3CRET", "https://127.0.0.1:9/team/state.git…"),
        ("https://127.0.0.1:9/team/state.git#S3CRET", "https://127.0.0.1:9/team/state.git…"),
        ("https://deploy:pa/S3CRET@127.0.0.1:9/team/state.git", "https://…@127.0.0.1:9/team/state.git"),
        ("ssh://S3CRET@127.0.0.1:9/team/state.git", "ssh://…@127.0.0.1:9/team/state.git"),
    ])
    func aSecretAnywhereInTheRemoteURLIsNeverPrinted(url: String, shown: String) throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try alice.ok(["add", "111122223333"])
        let joined = try alice.run(["team", "init", "--remote", url])
        #expect(joined.status == 1, "the remote cannot be reached")
        let failed = try alice.run(["sync"])
        #expect(failed.status == 1)
        let mismatch = try alice.run(["team", "init", "--remote", "https://other.example/state.git"])
        #expect(mismatch.stderr.contains(shown), "\(mismatch.stderr)")
        for output in [joined.stdout, joined.stderr, failed.stdout, failed.stderr, mismatch.stdout, mismatch.stderr] {
            #expect(!output.contains("S3CRET"), "\(output)")
        }
    }
}

/// What git hands the merge driver may not be what it should be.
@Suite struct MergeDriverFileTests {
    @Test func aFIFOOrALinkWhereGitsCopyShouldBeIsRefusedWithoutWaiting() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let state = bin.stateFile("111122223333").path
        let fifo = try bin.scratchFile("ours.fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let started = Date()
        let refused = try bin.run(["merge-driver", state, fifo.path, state])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("root-checklist merge refused: "), "\(refused.stderr)")
        #expect(Date().timeIntervalSince(started) < 5, "never blocks on a FIFO")
        let link = try bin.scratchFile("ours.link")
        let target = try bin.scratchFile("target.json")
        try Data("keep".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        #expect(try bin.run(["merge-driver", state, link.path, state]).status == 1)
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep", "a link is not written through")
    }
}
