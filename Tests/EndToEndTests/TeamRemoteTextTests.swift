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
