import ChecklistModel
import ChecklistStore
import Foundation
import Testing

/// `verify --all` from the management account, through a fake `aws` that plays STS and IAM for
/// several member accounts (each member's answers follow the credentials STS handed out).
@Suite struct FleetVerifyTests {
    static let members = ["111122223333", "444455556666", "777788889999"]

    /// 444455556666 has no MFA on root; 777788889999 refuses the role; every call is logged.
    func fakeAWS(_ bin: Binary, delay: String = "0") throws -> (path: String, log: URL) {
        let tools = try bin.scratchFile("fleet-tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        let log = tools.appendingPathComponent("calls.log")
        let script = """
            #!/bin/sh
            echo "$AWS_ACCESS_KEY_ID $*" >> '\(log.path)'
            sleep \(delay)
            case "$1 $2" in
              "sts assume-role")
                account=$(echo "$4" | sed 's/arn:aws:iam::\\([0-9]*\\):role.*/\\1/')
                if [ "$account" = "777788889999" ]; then
                  echo "An error occurred (AccessDenied) when calling the AssumeRole operation: not authorized to assume the role" >&2; exit 254
                fi
                printf '{"Credentials": {"AccessKeyId": "ASIA%s", "SecretAccessKey": "x", "SessionToken": "y", "Expiration": "2099-01-01T00:00:00Z"}}' "$account" ;;
              "sts assume-root")
                printf '{"Credentials": {"AccessKeyId": "ASIA%s", "SecretAccessKey": "x", "SessionToken": "y", "Expiration": "2099-01-01T00:15:00Z"}}' "$4" ;;
              "sts get-caller-identity")
                account=${AWS_ACCESS_KEY_ID#ASIA}
                printf '{"Account": "%s", "Arn": "arn:aws:sts::%s:assumed-role/audit/x"}' "$account" "$account" ;;
              "iam get-account-summary")
                mfa=1; [ "${AWS_ACCESS_KEY_ID#ASIA}" = "444455556666" ] && mfa=0
                printf '{"SummaryMap": {"AccountMFAEnabled": %s, "AccountAccessKeysPresent": 0}}' "$mfa" ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation" >&2; exit 254 ;;
            esac
            """
        try Data(script.utf8).write(to: tools.appendingPathComponent("aws"))
        chmod(tools.appendingPathComponent("aws").path, 0o755)
        return ("\(tools.path):/usr/bin:/bin", log)
    }

    func fleet(_ bin: Binary) throws {
        for id in Self.members { try bin.run(["add", id, "--kind", "member"]) }
        try bin.run(["mark", "444455556666", "root-mfa", "done", "--evidence", "device-kinds=passkey", "--evidence", "device-count=2",
                     "--evidence", "backup-location=safe"])
    }

    /// What the chosen way in cannot reach is skipped with the reason, not reported as a failure:
    /// assume-root never reaches a management account's own root, and a suspended account nothing
    /// reaches. The account the run's own credentials belong to is checked with them.
    @Test func accountsTheWayInCannotReachAreSkippedWithTheReason() throws {
        let bin = Binary()
        try fleet(bin)
        try bin.run(["add", "999900001111", "--kind", "management"])
        try bin.run(["add", "222233334444", "--kind", "member"])
        let suspended = bin.stateFile("222233334444")
        var state = try JSONSerialization.jsonObject(with: Data(contentsOf: suspended)) as? [String: Any] ?? [:]
        var account = state["account"] as? [String: Any] ?? [:]
        account["status"] = "suspended"
        state["account"] = account
        try JSONSerialization.data(withJSONObject: state).write(to: suspended)
        let (path, log) = try fakeAWS(bin)
        let run = try bin.run(["verify", "--all", "--assume-root", "--jobs", "2"], environment: ["PATH": path, "AWS_ACCESS_KEY_ID": "MANAGEMENT"])
        #expect(run.status == 3, "a contradiction, and nothing unreachable counted as a failure: \(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("999900001111: skipped: assume-root never reaches a management account's own root"), "\(run.stdout)")
        #expect(run.stdout.contains("222233334444: skipped: the organization lists it as suspended"), "\(run.stdout)")
        #expect(!run.stdout.contains("NOT CHECKED"))
        #expect(run.stdout.contains("Checked 3 of 5 accounts") && run.stdout.contains("2 that this way cannot reach skipped"), "\(run.stdout)")
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(!calls.contains("assume-root --target-principal 999900001111") && !calls.contains("--target-principal 222233334444"))
        // Run with the management account's own credentials, it is checked with them.
        let own = try bin.run(["verify", "--all", "--assume-root"], environment: ["PATH": path, "AWS_ACCESS_KEY_ID": "ASIA999900001111"])
        #expect(own.stdout.contains("999900001111: ") && !own.stdout.contains("999900001111: skipped"), "\(own.stdout)")
        #expect(try StateStore(directory: bin.stateDir).load("999900001111").record("root-mfa").check?.outcome == .pass)
        let ownCalls = try String(contentsOf: log, encoding: .utf8)
        #expect(!ownCalls.contains("--target-principal 999900001111"))
    }

    @Test func everyReachableMemberIsCheckedAndSavedAndTheRestNamed() throws {
        let bin = Binary()
        try fleet(bin)
        let (path, log) = try fakeAWS(bin)
        let run = try bin.run(["verify", "--all", "--role-name", "OrganizationAccountAccessRole", "--jobs", "2"],
                              environment: ["PATH": path, "AWS_ACCESS_KEY_ID": "MANAGEMENT"])
        #expect(run.status == 1, "an account could not be checked: \(run.stdout) \(run.stderr)")
        #expect(run.stdout.contains("777788889999: NOT CHECKED: cannot reach the account: access denied"), "\(run.stdout)")
        #expect(run.stdout.contains("444455556666: ") && run.stdout.contains("1 done item(s) contradicted"), "\(run.stdout)")
        #expect(run.stdout.contains("Checked 2 of 3 accounts: 1 with a failing check or contradiction, 1 not checked."))
        #expect(run.stderr.contains("verify: 3/3"), "progress, a line per account off a terminal: \(run.stderr)")
        let store = StateStore(directory: bin.stateDir)
        #expect(try store.load("111122223333").record("root-mfa").check?.outcome == .pass)
        #expect(try store.load("444455556666").record("root-mfa").check?.outcome == .fail)
        #expect(try store.load("777788889999").record("root-mfa").check == nil, "nothing recorded for the unreachable one")
        // Each member's calls ran with that member's credentials, the role assumed with the management's.
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(calls.contains("MANAGEMENT sts assume-role --role-arn arn:aws:iam::111122223333:role/OrganizationAccountAccessRole"))
        #expect(calls.contains("ASIA111122223333 iam get-account-summary"))
        #expect(!calls.contains("MANAGEMENT iam get-account-summary"))
        // The Account API is asked from the management account, for the member.
        #expect(calls.contains("MANAGEMENT account get-contact-information --account-id 111122223333"), "\(calls)")
        #expect(!calls.contains("ASIA111122223333 account "))
    }

    @Test func staleAfterSkipsAccountsCheckedRecently() throws {
        let bin = Binary()
        for id in Self.members.prefix(2) { try bin.run(["add", id, "--kind", "member"]) }
        let (path, log) = try fakeAWS(bin)
        let env = ["PATH": path, "AWS_ACCESS_KEY_ID": "MANAGEMENT"]
        #expect(try bin.run(["verify", "--all", "--role-name", "Audit"], environment: env).status == 3, "MFA fails on 444455556666")
        try FileManager.default.removeItem(at: log)
        let again = try bin.run(["verify", "--all", "--role-name", "Audit", "--stale-after", "1h"], environment: env)
        #expect(again.status == 0, "\(again.stdout)")
        #expect(again.stdout.contains("Checked 0 of 0 accounts: 0 with a failing check or contradiction, 2 skipped (checked within 1h)."), "\(again.stdout)")
        #expect(!FileManager.default.fileExists(atPath: log.path), "no call was made")
    }

    @Test func assumeRootUsesTheAuditTaskPolicyForFifteenMinutes() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--kind", "member"])
        let (path, log) = try fakeAWS(bin)
        let run = try bin.run(["verify", "111122223333", "--assume-root"], environment: ["PATH": path, "AWS_ACCESS_KEY_ID": "MANAGEMENT"])
        #expect(run.status == 0 || run.status == 3, "\(run.stdout) \(run.stderr)")
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(calls.contains("MANAGEMENT sts assume-root --target-principal 111122223333 --task-policy-arn "
                               + "arn=arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials --duration-seconds 900"), "\(calls)")
        #expect(calls.contains("--region us-east-1"))
        #expect(calls.contains("ASIA111122223333 iam get-account-summary"))
    }

    /// An assume-root session that expires mid-check (its 15 minutes are up) is renewed, and the
    /// call that found it expired is made again.
    @Test func anExpiredRootSessionIsRenewed() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333", "--kind", "member"])
        let tools = try bin.scratchFile("expiry-tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        let log = tools.appendingPathComponent("calls.log")
        let counter = tools.appendingPathComponent("sessions")
        try Data("""
            #!/bin/sh
            echo "$AWS_ACCESS_KEY_ID $1 $2" >> '\(log.path)'
            case "$1 $2" in
              "sts assume-root")
                n=$(cat '\(counter.path)' 2>/dev/null || echo 0); n=$((n + 1)); echo $n > '\(counter.path)'
                key=ASIA111122223333; [ "$n" = 1 ] && key=ASIAEXPIRED
                printf '{"Credentials": {"AccessKeyId": "%s", "SecretAccessKey": "x", "SessionToken": "y", "Expiration": "2099-01-01T00:15:00Z"}}' "$key" ;;
              *)
                if [ "$AWS_ACCESS_KEY_ID" = "ASIAEXPIRED" ]; then
                  echo "An error occurred (ExpiredToken) when calling the $2 operation: The security token included in the request is expired" >&2; exit 254
                fi
                case "$1 $2" in
                  "sts get-caller-identity")
                    account=111122223333; [ "$AWS_ACCESS_KEY_ID" = MANAGEMENT ] && account=999900001111
                    printf '{"Account": "%s", "Arn": "arn:aws:sts::%s:root"}' "$account" "$account" ;;
                  "iam get-account-summary") printf '{"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}}' ;;
                  *) echo "An error occurred (AccessDenied) when calling the $2 operation" >&2; exit 254 ;;
                esac ;;
            esac
            """.utf8).write(to: tools.appendingPathComponent("aws"))
        chmod(tools.appendingPathComponent("aws").path, 0o755)
        let run = try bin.run(["verify", "111122223333", "--assume-root"],
                              environment: ["PATH": "\(tools.path):/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "MANAGEMENT"])
        #expect(run.stdout.contains("111122223333: "), "\(run.stdout) \(run.stderr)")
        #expect(!run.stdout.contains("NOT CHECKED"))
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(calls.components(separatedBy: "sts assume-root").count - 1 == 2, "renewed once: \(calls)")
        #expect(try StateStore(directory: bin.stateDir).load("111122223333").record("root-mfa").check?.outcome == .pass)
    }

    /// SIGKILL halfway through 200 accounts: every state file still reads (none torn), what was
    /// checked is kept, and a run with --stale-after checks only the rest.
    @Test func aKilledRunLosesNothingAndTheNextChecksOnlyTheRest() throws {
        let bin = Binary()
        try FileManager.default.createDirectory(at: bin.stateDir, withIntermediateDirectories: true)
        chmod(bin.stateDir.path, 0o700)
        let checklist = try ChecklistLoader.load(data: Data(contentsOf: Binary.packageRoot.appendingPathComponent("Checklists/aws-root-user.json")),
                                                 source: "bundled")
        let ids = (0..<200).map { String(200_000_000_000 + $0) }
        for id in ids {
            let state = try AccountState.new(accountID: id, alias: nil, rootEmail: nil, checklist: checklist, by: "t", at: Date())
            try StateCodec.encode(state).write(to: bin.stateFile(id))
            chmod(bin.stateFile(id).path, 0o600)
        }
        let (path, _) = try fakeAWS(bin)
        let env = ["PATH": path, "AWS_ACCESS_KEY_ID": "MANAGEMENT"]
        let first = try bin.start(["verify", "--all", "--role-name", "Audit", "--jobs", "2"], environment: env)
        let store = StateStore(directory: bin.stateDir)
        func checked() -> Int { ids.filter { (try? store.load($0))?.record("root-mfa").check != nil }.count }
        let deadline = Date().addingTimeInterval(60)
        while checked() < 20 && Date() < deadline { usleep(100_000) }
        kill(first.pid, SIGKILL)
        _ = first.finish()
        let done = checked()
        #expect(done >= 20 && done < 200, "killed halfway: \(done) checked")
        for id in ids { #expect((try? store.load(id)) != nil, "\(id) reads after the kill") }

        let rest = try bin.run(["verify", "--all", "--role-name", "Audit", "--jobs", "2", "--stale-after", "1h"], environment: env)
        #expect(rest.stdout.contains("Checked \(200 - done) of \(200 - done) accounts"), "\(rest.stdout.suffix(300))")
        #expect(rest.stdout.contains("\(done) skipped (checked within 1h)"))
        #expect(checked() == 200)
    }

    @Test func usageErrors() throws {
        let bin = Binary()
        #expect(try bin.run(["verify"]).status == 64)
        #expect(try bin.run(["verify", "--all", "111122223333"]).status == 64)
        #expect(try bin.run(["verify", "--all", "--role-name", "R", "--assume-root"]).status == 64)
        #expect(try bin.run(["verify", "--all", "--stale-after", "soon"]).status == 64)
        #expect(try bin.run(["verify", "--all", "--jobs", "0"]).status == 64)
    }
}
