import Foundation
import Testing
import TestSupport

/// `fix` end to end: against moto_server where it emulates the Account API, and against a logging
/// fake `aws` where a test needs AWS to fail, lie or be another account.
@Suite struct FixCommandTests {
    static let contact = ["--set", "email=sec@example.com", "--set", "name=Security team", "--set", "phone=+1 206 555 0100",
                          "--set", "title=Security"]

    func history(_ bin: Binary, _ id: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: bin.stateFile(id))) as? [String: Any]
        return object?["history"] as? [[String: Any]] ?? []
    }

    func record(_ bin: Binary, _ id: String, _ item: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: bin.stateFile(id))) as? [String: Any]
        return (object?["items"] as? [String: [String: Any]])?[item] ?? [:]
    }

    @Test(.enabled(if: Emulator.available, "needs aws and moto_server"))
    func planConfirmCallRecheckAndRecordOnTheEmulator() throws {
        let emulator = try Emulator()
        let bin = Binary()
        let env = emulator.environment.merging(["ROOT_CHECKLIST_OPERATOR": "alice"]) { $1 }
        #expect(try bin.run(["add", "123456789012", "--alias", "prod"], environment: env).status == 0)

        let missing = try bin.run(["fix", "prod", "security-contact"], environment: env)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("needs email, name, phone, title: give --set email=…"), "\(missing.stderr)")

        let before = try Data(contentsOf: bin.stateFile("123456789012"))
        let dry = try bin.run(["fix", "prod", "security-contact", "--dry-run"] + Self.contact, environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Now: no security contact is set"))
        #expect(dry.stdout.contains("1. aws account put-alternate-contact --alternate-contact-type SECURITY --email-address sec@example.com --name 'Security team'"))
        #expect(dry.stdout.contains("undo:    aws account delete-alternate-contact --alternate-contact-type SECURITY"))
        #expect(dry.stdout.contains("Nothing was changed (--dry-run)."))
        let noTerminal = try bin.run(["fix", "prod", "security-contact"] + Self.contact, environment: env)
        #expect(noTerminal.status == 1)
        #expect(noTerminal.stderr.contains("confirming needs a terminal"))
        #expect(try Data(contentsOf: bin.stateFile("123456789012")) == before, "neither the plan nor a refusal writes anything")
        #expect(emulator.aws(["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY", "--output", "text"]).isEmpty)

        let fixed = try bin.run(["fix", "prod", "security-contact", "--yes"] + Self.contact, environment: env)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("1. done (request "))
        #expect(fixed.stdout.contains("AWS check again: pass: the security contact is sec@example.com, the recorded address"))
        #expect(emulator.aws(["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY", "--query",
                              "AlternateContact.EmailAddress", "--output", "text"]) == "sec@example.com")
        let entry = try #require(try history(bin, "123456789012").last { $0["action"] as? String == "fix" })
        #expect(entry["by"] as? String == "alice")
        #expect(entry["to"] as? String == "applied")
        let after = entry["after"] as? [String: String] ?? [:]
        #expect(after["call1"]?.hasPrefix("account put-alternate-contact") == true)
        #expect(after["call1.result"]?.hasPrefix("request ") == true, "\(after)")
        let item = try record(bin, "123456789012", "security-contact")
        #expect((item["evidence"] as? [String: String])?["email"] == "sec@example.com")
        #expect((item["check"] as? [String: Any])?["outcome"] as? String == "pass")
        #expect(try bin.run(["history", "prod", "security-contact"]).stdout.contains("fixed through AWS (applied)"))

        // The contact now exists: the plan says what it replaces and how to put it back.
        let again = try bin.run(["fix", "prod", "security-contact", "--dry-run"] + Self.contact.dropLast(2) + ["--set", "title=CISO"], environment: env)
        #expect(again.stdout.contains("Now: the security contact is Security team <sec@example.com>"), "\(again.stdout)")
        #expect(again.stdout.contains("undo:    put the previous contact back: aws account put-alternate-contact"))
    }

    /// A fake aws that logs every call and answers as `put` says for the put; the account it answers
    /// for follows the credentials (a role's session is the member's).
    func fake(_ bin: Binary, caller: String, put: String, email: String = "sec@example.com", member: String = "444455556666")
        throws -> (env: [String: String], log: URL) {
        let log = try bin.scratchFile("aws-log")
        let path = try bin.fakeAWS("fix-tools", script: """
            #!/bin/sh
            echo "$*" >> \(log.path)
            account=\(caller)
            [ "$AWS_ACCESS_KEY_ID" = "ASIAMEMBERSESSION" ] && account=\(member)
            case "$1 $2 $3" in
              "--debug account put-alternate-contact") \(put) ;;
            esac
            case "$1 $2" in
              "sts get-caller-identity") printf '{"Account": "%s", "Arn": "arn:aws:iam::%s:user/ops"}' $account $account ;;
              "sts assume-role") printf '{"Credentials": {"AccessKeyId": "ASIAMEMBERSESSION", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}' ;;
              "account get-alternate-contact") printf '{"AlternateContact": {"EmailAddress": "\(email)", "Name": "Old", "PhoneNumber": "1", "Title": "t"}}' ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation: not allowed" >&2; exit 254 ;;
            esac
            """).path
        return (["PATH": path, "ROOT_CHECKLIST_OPERATOR": "bob"], log)
    }

    @Test func aFailingCallStopsTheFixAndIsRecorded() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333"]).status == 0)
        let (env, _) = try fake(bin, caller: "111122223333",
                                put: "echo 'An error occurred (AccessDenied) when calling the PutAlternateContact operation: no \u{1B}[31m' >&2; exit 254")
        let result = try bin.run(["fix", "111122223333", "security-contact", "--yes"] + Self.contact, environment: env)
        #expect(result.status == 1)
        #expect(result.stdout.contains("1. FAILED: "))
        #expect(!result.stdout.contains("\u{1B}"), "AWS's words are made plain")
        #expect(result.stderr.contains("the fix stopped at a failed call"))
        let entry = try #require(try history(bin, "111122223333").last)
        #expect(entry["action"] as? String == "fix")
        #expect(entry["to"] as? String == "stopped")
        #expect((entry["after"] as? [String: String])?["call1.result"]?.hasPrefix("failed: ") == true)
        #expect((try record(bin, "111122223333", "security-contact")["evidence"] as? [String: String])?["email"] == nil,
                "nothing AWS refused is recorded as evidence")
    }

    /// A throttled call was not made: it is made again after a pause, and the fix goes on.
    @Test func aThrottledCallIsMadeAgain() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333"]).status == 0)
        let once = try bin.scratchFile("throttled-once")
        let (env, log) = try fake(bin, caller: "111122223333", put: """
            if [ ! -f \(once.path) ]; then touch \(once.path); echo 'An error occurred (Throttling) when calling the PutAlternateContact operation: Rate exceeded' >&2; exit 254; fi; exit 0
            """)
        let result = try bin.run(["fix", "111122223333", "security-contact", "--yes"] + Self.contact, environment: env)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1. done"))
        #expect((try String(contentsOf: log, encoding: .utf8)).components(separatedBy: "put-alternate-contact").count == 3, "made twice")
    }

    @Test func anotherAccountsCredentialsChangeNothing() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333"]).status == 0)
        let (env, log) = try fake(bin, caller: "999988887777", put: "exit 0")
        let result = try bin.run(["fix", "111122223333", "security-contact", "--yes"] + Self.contact, environment: env)
        #expect(result.status == 1)
        #expect(result.stderr.contains("belong to account 999988887777, not 111122223333"))
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(!calls.contains("put-alternate-contact"))
        #expect(!calls.contains("get-alternate-contact"), "not even read: the caller is checked first")
    }

    /// From the management account a member's contact is set with --account-id; the re-check reads
    /// the member's own view through a role, and one that does not pass exits 3.
    @Test func aMembersContactIsSetFromItsManagementAccount() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "444455556666", "--kind", "member"]).status == 0)
        try bin.recordManagement("444455556666", management: "111122223333")

        let (env, log) = try fake(bin, caller: "111122223333", put: "echo 'RequestId: x' >&2; exit 0", email: "someone-else@example.com")
        let unchecked = try bin.run(["fix", "444455556666", "security-contact", "--yes"] + Self.contact, environment: env)
        #expect(unchecked.stdout.contains("Calls made with: the management account 111122223333, for the member"))
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(calls.contains("account put-alternate-contact --alternate-contact-type SECURITY --email-address sec@example.com"))
        #expect(calls.contains("--account-id 444455556666"))
        #expect(unchecked.status == 3, "made, but not checked again without a way into the member")
        #expect(unchecked.stderr.contains("give --role-name ROLE or --assume-root"), "\(unchecked.stderr)")

        let checked = try bin.run(["fix", "444455556666", "security-contact", "--yes", "--role-name", "OrganizationAccountAccessRole"]
                                  + Self.contact, environment: env)
        #expect(checked.status == 3, "AWS still shows another address: \(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("AWS check again: fail: AWS has someone-else@example.com as the security contact"))
        #expect((try record(bin, "444455556666", "security-contact")["check"] as? [String: Any])?["outcome"] as? String == "fail")
    }

    /// F on the step in the walkthrough: the values form, the plan, the typed alias, the calls, the re-check.
    @Test(.enabled(if: Tmux.available)) func theWalkthroughFixesFromTheStep() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333", "--alias", "prod"]).status == 0)
        let (env, log) = try fake(bin, caller: "111122223333",
                                  put: "echo '2026-12-06 19:17:07,546 - MainThread - awscli.formatter - DEBUG - RequestId: req-7' >&2; exit 0")
        let tmux = try Tmux(["--account", "111122223333"], stateDir: bin.stateDir, width: 80, height: 24, environment: env)
        try tmux.waitFor("Step 1 of")
        try tmux.type("6")
        try tmux.waitFor("Register a security alternate contact")
        try tmux.keys("F")
        try tmux.waitFor("Fix through AWS: Register a security alternate contact")
        for value in ["sec@example.com", "Security team", "+1 206 555 0100", "Security"] {
            try tmux.type(value)
            try tmux.keys("Tab")
        }
        try tmux.keys("Enter")
        let plan = try tmux.waitFor("Plan of the fix (nothing changed yet)")
        #expect(plan.contains("1. aws account put-alternate-contact --alternate-contact-type SECURITY"))
        #expect(plan.contains("undo:    put the previous contact back"))
        #expect(!(try String(contentsOf: log, encoding: .utf8)).contains("put-alternate-contact"), "planning changes nothing")
        try tmux.keys("y")
        try tmux.waitFor("Type the account id (111122223333) or prod")
        try tmux.type("prod")
        try tmux.keys("Enter")
        let done = try tmux.waitFor("Fixed; AWS check pass")
        #expect(done.contains("Step 6 of 13"), "back on the step")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let history = try bin.run(["history", "111122223333", "security-contact"]).stdout
        #expect(history.contains("fixed through AWS (applied)"))
        #expect(history.contains("(request req-7)"))
    }

    /// At a terminal the plan waits for the account id or alias: anything else changes nothing.
    @Test(.enabled(if: Tmux.available)) func theConfirmationIsTypedAtTheTerminal() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333", "--alias", "prod"]).status == 0)
        let (env, log) = try fake(bin, caller: "111122223333", put: "echo '2026-12-06 19:17:07,546 - MainThread - awscli.formatter - DEBUG - RequestId: req-9' >&2; exit 0")
        let refused = try Tmux(["fix", "prod", "security-contact"] + Self.contact, stateDir: bin.stateDir, environment: env)
        try refused.waitFor("Type the account id (or prod) to make these calls")
        try refused.type("111122223334")
        try refused.keys("Enter")
        let screen = try refused.waitFor("EXIT=1")
        #expect(screen.contains("not confirmed: nothing was changed"))
        #expect(!(try String(contentsOf: log, encoding: .utf8)).contains("put-alternate-contact"))

        let given = try Tmux(["fix", "prod", "security-contact"] + Self.contact, stateDir: bin.stateDir, environment: env)
        try given.waitFor("Type the account id (or prod)")
        try given.type("prod")
        try given.keys("Enter")
        let done = try given.waitFor("EXIT=")
        #expect(done.contains("1. done (request req-9)"), "\(done)")
        #expect(done.contains("AWS check again: pass"))
        #expect(done.contains("EXIT=0"))
    }
}

/// Centralized root access from the management account, against a fake aws that keeps what was
/// turned on in a file (moto does not emulate IAM's organization features).
@Suite struct RootAccessFixTests {
    func fake(_ bin: Binary, featureSet: String = "ALL") throws -> (env: [String: String], log: URL, state: URL) {
        let log = try bin.scratchFile("aws-log")
        let state = try bin.scratchFile("aws-state")
        let path = try bin.fakeAWS("root-access-tools", script: """
            #!/bin/sh
            echo "$*" >> \(log.path)
            has() { grep -qx "$1" \(state.path) 2>/dev/null; }
            [ "$1" = "--debug" ] && shift
            case "$1 $2" in
              "sts get-caller-identity") printf '{"Account": "111122223333", "Arn": "arn:aws:iam::111122223333:user/ops"}' ;;
              "organizations describe-organization") printf '{"Organization": {"Id": "o-abc", "MasterAccountId": "111122223333", "FeatureSet": "\(featureSet)"}}' ;;
              "organizations list-aws-service-access-for-organization")
                if has trusted; then printf '{"EnabledServicePrincipals": [{"ServicePrincipal": "iam.amazonaws.com"}]}'; else printf '{"EnabledServicePrincipals": []}'; fi ;;
              "organizations enable-aws-service-access") echo trusted >> \(state.path) ;;
              "iam enable-organizations-root-credentials-management") echo RootCredentialsManagement >> \(state.path) ;;
              "iam enable-organizations-root-sessions") echo RootSessions >> \(state.path) ;;
              "iam list-organizations-features")
                has trusted || { echo "An error occurred (ServiceAccessNotEnabled) when calling the ListOrganizationsFeatures operation: off" >&2; exit 254; }
                f=""; has RootCredentialsManagement && f='"RootCredentialsManagement"'
                has RootSessions && f="$f${f:+, }\\"RootSessions\\""
                printf '{"OrganizationId": "o-abc", "EnabledFeatures": [%s]}' "$f" ;;
              "organizations list-delegated-administrators") printf '{"DelegatedAdministrators": []}' ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation: not allowed" >&2; exit 254 ;;
            esac
            """).path
        return (["PATH": path, "ROOT_CHECKLIST_OPERATOR": "ops"], log, state)
    }

    @Test func onlyWhatIsStillNeededIsPlannedAndDone() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333", "--kind", "management"]).status == 0)
        let (env, log, state) = try fake(bin)
        let plan = try bin.run(["fix", "111122223333", "organizations-root-access", "--dry-run"], environment: env)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Now: trusted access for IAM is off"))
        #expect(plan.stdout.contains("1. aws organizations enable-aws-service-access --service-principal iam.amazonaws.com"))
        #expect(plan.stdout.contains("2. aws iam enable-organizations-root-credentials-management"))
        #expect(plan.stdout.contains("3. aws iam enable-organizations-root-sessions"))
        // Half done by hand: the next plan has only what is left.
        try Data("trusted\nRootCredentialsManagement\n".utf8).write(to: state)
        let rest = try bin.run(["fix", "111122223333", "organizations-root-access", "--dry-run"], environment: env)
        #expect(rest.stdout.contains("enabled features: RootCredentialsManagement"))
        #expect(rest.stdout.contains("1. aws iam enable-organizations-root-sessions"))
        #expect(!rest.stdout.contains("2. aws"))
        let fixed = try bin.run(["fix", "111122223333", "organizations-root-access", "--yes"], environment: env)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("AWS check again: pass: RootCredentialsManagement is enabled and RootSessions"))
        let again = try bin.run(["fix", "111122223333", "organizations-root-access", "--yes"], environment: env)
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing to change: AWS already has it"))
        #expect((try String(contentsOf: log, encoding: .utf8)).components(separatedBy: "enable-organizations-root-sessions").count == 2,
                "turned on once")
    }

    @Test func aMemberOrAConsolidatedBillingOrganizationIsRefused() throws {
        let bin = Binary()
        #expect(try bin.run(["add", "111122223333", "--kind", "standalone"]).status == 0)
        let (env, _, _) = try fake(bin)
        let standalone = try bin.run(["fix", "111122223333", "organizations-root-access", "--yes"], environment: env)
        #expect(standalone.status == 1)
        #expect(standalone.stderr.contains("turned on in the organization's management account"))
        #expect(try bin.run(["edit", "111122223333", "--kind", "management"]).status == 0)
        let (billing, log, _) = try fake(bin, featureSet: "CONSOLIDATED_BILLING")
        let refused = try bin.run(["fix", "111122223333", "organizations-root-access", "--yes"], environment: billing)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("consolidated billing only"))
        #expect(!(try String(contentsOf: log, encoding: .utf8)).contains("enable-"))
    }
}

/// A member's root credentials deleted from the management account through an assume-root
/// session, against a fake aws that plays STS and the member's root IAM (its answers follow the
/// session's credentials: the audit one may read, only the delete one may delete).
@Suite struct RootCredentialsFixTests {
    static let (management, member) = ("111122223333", "444455556666")

    func fake(_ bin: Binary, failKey: Bool = false) throws -> (env: [String: String], log: URL) {
        let log = try bin.scratchFile("aws-log")
        let state = try bin.scratchFile("aws-state")
        let path = try bin.fakeAWS("root-credentials-tools", script: """
            #!/bin/sh
            echo "$AWS_ACCESS_KEY_ID $*" >> \(log.path)
            [ "$1" = "--debug" ] && shift
            gone() { grep -qx "$1" \(state.path) 2>/dev/null; }
            deny() { echo "An error occurred (AccessDenied) when calling the $1 operation: not allowed" >&2; exit 254; }
            deleting() { [ "$AWS_ACCESS_KEY_ID" = "ASIADELETE" ] || deny "$1"; }
            case "$1 $2" in
              "sts assume-root")
                case "$*" in *IAMDeleteRootUserCredentials*) key=ASIADELETE ;; *) key=ASIAAUDIT ;; esac
                printf '{"Credentials": {"AccessKeyId": "%s", "SecretAccessKey": "SECRETSECRET", "SessionToken": "TOKENTOKEN", "Expiration": "2099-01-01T00:15:00Z"}}' $key ;;
              "sts get-caller-identity")
                account=\(Self.management); case "$AWS_ACCESS_KEY_ID" in ASIA*) account=\(Self.member) ;; esac
                printf '{"Account": "%s", "Arn": "arn:aws:iam::%s:root"}' $account $account ;;
              "iam get-login-profile")
                gone password && { echo "An error occurred (NoSuchEntity) when calling the GetLoginProfile operation: none" >&2; exit 254; }
                printf '{"LoginProfile": {"CreateDate": "2020-01-01T00:00:00Z"}}' ;;
              "iam list-access-keys")
                if gone key; then printf '{"AccessKeyMetadata": []}'; else printf '{"AccessKeyMetadata": [{"AccessKeyId": "AKIAROOTKEYEXAMPLE01", "Status": "Active"}]}'; fi ;;
              "iam list-signing-certificates") printf '{"Certificates": []}' ;;
              "iam list-mfa-devices")
                if gone mfa; then printf '{"MFADevices": []}'; else printf '{"MFADevices": [{"SerialNumber": "arn:aws:iam::\(Self.member):mfa/root-account-mfa-device"}]}'; fi ;;
              "iam delete-login-profile") deleting DeleteLoginProfile; echo password >> \(state.path) ;;
              "iam delete-access-key") deleting DeleteAccessKey; \(failKey ? "deny DeleteAccessKey" : "echo key >> \(state.path)") ;;
              "iam deactivate-mfa-device") deleting DeactivateMFADevice; echo mfa >> \(state.path) ;;
              "iam get-account-summary")
                p=1; gone password && p=0; k=1; gone key && k=0; m=1; gone mfa && m=0
                printf '{"SummaryMap": {"AccountPasswordPresent": %s, "AccountAccessKeysPresent": %s, "AccountSigningCertificatesPresent": 0, "AccountMFAEnabled": %s}}' $p $k $m ;;
              "organizations describe-organization")
                printf '{"Organization": {"Id": "o-abc", "MasterAccountId": "\(Self.management)", "FeatureSet": "ALL"}}' ;;
              "iam list-organizations-features") printf '{"OrganizationId": "o-abc", "EnabledFeatures": ["RootCredentialsManagement", "RootSessions"]}' ;;
              "organizations describe-account") printf '{"Account": {"Id": "\(Self.member)", "Status": "ACTIVE"}}' ;;
              *) deny "$2" ;;
            esac
            """).path
        return (["PATH": path, "ROOT_CHECKLIST_OPERATOR": "ops", "AWS_ACCESS_KEY_ID": "MANAGEMENTKEY"], log)
    }

    func addMember(_ bin: Binary) throws {
        #expect(try bin.run(["add", Self.member, "--kind", "member"]).status == 0)
        try bin.recordManagement(Self.member, management: Self.management)
    }

    @Test func whatExistsIsListedDeletedCheckedAndRecorded() throws {
        let bin = Binary()
        try addMember(bin)
        let (env, log) = try fake(bin)
        let plan = try bin.run(["fix", Self.member, "remove-root-credentials", "--dry-run"], environment: env)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Now: the root user has a password, 1 access key, 1 MFA device"), "\(plan.stdout)")
        #expect(plan.stdout.contains("1. aws sts assume-root --target-principal 444455556666 --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials"))
        #expect(plan.stdout.contains("2. aws iam delete-login-profile"))
        #expect(plan.stdout.contains("3. aws iam delete-access-key --access-key-id AKIAROOTKEYEXAMPLE01"))
        #expect(plan.stdout.contains("4. aws iam deactivate-mfa-device --serial-number arn:aws:iam::444455556666:mfa/root-account-mfa-device"))
        #expect(plan.stdout.contains("privileged root action"), "the plan says recovery needs privileged root actions")
        #expect(!(try String(contentsOf: log, encoding: .utf8)).contains("ASIADELETE"), "planning opens only the audit session")

        let fixed = try bin.run(["fix", Self.member, "remove-root-credentials", "--yes"], environment: env)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("AWS check again: pass: the account summary counts no root credential"))
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(calls.contains("ASIADELETE --debug iam delete-access-key --access-key-id AKIAROOTKEYEXAMPLE01"))
        let state = try String(contentsOf: bin.stateFile(Self.member), encoding: .utf8)
        #expect(!state.contains("SECRETSECRET") && !state.contains("TOKENTOKEN"), "the session's credentials are never written")
        #expect(state.contains("\"sts-assume-root\""))
        #expect(!fixed.stdout.contains("SECRETSECRET"))
        let again = try bin.run(["fix", Self.member, "remove-root-credentials", "--yes"], environment: env)
        #expect(again.stdout.contains("Now: the root user has no password, access key, signing certificate or MFA device"))
        #expect(again.stdout.contains("Nothing to change"))
    }

    @Test func aRefusedDeletionStopsTheRestAndSaysWhatWasDone() throws {
        let bin = Binary()
        try addMember(bin)
        let (env, log) = try fake(bin, failKey: true)
        let result = try bin.run(["fix", Self.member, "remove-root-credentials", "--yes"], environment: env)
        #expect(result.status == 1)
        #expect(result.stdout.contains("2. done"))
        #expect(result.stdout.contains("3. FAILED: "))
        #expect(result.stdout.contains("4. not run (an earlier call failed)"))
        #expect(!(try String(contentsOf: log, encoding: .utf8)).contains("deactivate-mfa-device"))
        let history = try String(contentsOf: bin.stateFile(Self.member), encoding: .utf8)
        #expect(history.contains("\"stopped\""))
        #expect(!history.contains("\"removed-on\""), "no evidence of a removal that did not finish")
    }

    @Test func theMembersOwnCredentialsAreRefused() throws {
        let bin = Binary()
        try addMember(bin)
        var (env, _) = try fake(bin)
        env["AWS_ACCESS_KEY_ID"] = "ASIAMEMBER"
        let result = try bin.run(["fix", Self.member, "remove-root-credentials", "--yes"], environment: env)
        #expect(result.status == 1)
        #expect(result.stderr.contains("deleted from its organization's management account"))
    }
}

/// `fix --all ITEM`: every account planned first, the whole plan shown, one confirmation, each
/// account fixed and recorded as it finishes; a second run does only what is left.
@Suite struct FleetFixTests {
    static let management = "111122223333"
    static let members = ["444455556666", "777788889999"]

    /// Plays STS and the Account API for the members; what was put is kept per account in a file,
    /// and a role's session answers as its account.
    func fake(_ bin: Binary) throws -> (env: [String: String], log: URL) {
        let log = try bin.scratchFile("aws-log")
        let contacts = try bin.scratchFile("contacts")
        try FileManager.default.createDirectory(at: contacts, withIntermediateDirectories: true)
        let path = try bin.fakeAWS("fleet-fix-tools", script: """
            #!/bin/sh
            echo "$AWS_ACCESS_KEY_ID $*" >> \(log.path)
            [ "$1" = "--debug" ] && shift
            target=""; prev=""
            for a in "$@"; do [ "$prev" = "--account-id" ] && target=$a; prev=$a; done
            case "$AWS_ACCESS_KEY_ID" in ASIA*) target=${AWS_ACCESS_KEY_ID#ASIA} ;; esac
            case "$1 $2" in
              "sts get-caller-identity")
                account=\(Self.management); case "$AWS_ACCESS_KEY_ID" in ASIA*) account=${AWS_ACCESS_KEY_ID#ASIA} ;; esac
                printf '{"Account": "%s", "Arn": "arn:aws:iam::%s:user/ops"}' $account $account ;;
              "sts assume-role")
                account=$(echo "$*" | sed 's/.*arn:aws:iam::\\([0-9]*\\):role.*/\\1/')
                printf '{"Credentials": {"AccessKeyId": "ASIA%s", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}' $account ;;
              "account get-alternate-contact")
                if [ -f \(contacts.path)/$target ]; then . \(contacts.path)/$target; printf '{"AlternateContact": {"EmailAddress": "%s", "Name": "%s", "PhoneNumber": "%s", "Title": "%s"}}' "$email" "$name" "$phone" "$title"
                else echo "An error occurred (ResourceNotFoundException) when calling the GetAlternateContact operation: none" >&2; exit 254; fi ;;
              "account put-alternate-contact")
                prev=""; for a in "$@"; do
                  case "$prev" in --email-address) email=$a ;; --name) name=$a ;; --phone-number) phone=$a ;; --title) title=$a ;; esac; prev=$a
                done
                printf 'email=%s\nname="%s"\nphone="%s"\ntitle="%s"\n' "$email" "$name" "$phone" "$title" > \(contacts.path)/$target ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation: not allowed" >&2; exit 254 ;;
            esac
            """).path
        return (["PATH": path, "ROOT_CHECKLIST_OPERATOR": "ops", "AWS_ACCESS_KEY_ID": "MANAGEMENT"], log)
    }

    func setMembers(_ bin: Binary) throws {
        for id in Self.members {
            #expect(try bin.run(["add", id, "--kind", "member"]).status == 0)
            try bin.recordManagement(id, management: Self.management)
        }
        #expect(try bin.run(["add", "222233334444", "--kind", "standalone"]).status == 0)
    }

    @Test func everyAccountIsPlannedShownConfirmedFixedAndRecorded() throws {
        let bin = Binary()
        try setMembers(bin)
        let (env, log) = try fake(bin)
        let contact = FixCommandTests.contact
        let dry = try bin.run(["fix", "--all", "security-contact", "--dry-run"] + contact, environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Fix security-contact across 3 accounts, as account 111122223333:"))
        #expect(dry.stdout.contains("  444455556666: 1 call — no security contact is set"))
        #expect(dry.stdout.contains("      aws account put-alternate-contact --alternate-contact-type SECURITY --email-address sec@example.com"))
        #expect(dry.stdout.contains("  222233334444: skipped: these AWS credentials belong to account 111122223333, not 222233334444"), "\(dry.stdout)")
        #expect(dry.stdout.contains("2 accounts to change (2 calls)"))
        #expect(!(try String(contentsOf: log, encoding: .utf8)).contains("put-alternate-contact"))
        let noTerminal = try bin.run(["fix", "--all", "security-contact"] + contact, environment: env)
        #expect(noTerminal.status == 1)
        #expect(noTerminal.stderr.contains("confirming needs a terminal"))

        let fixed = try bin.run(["fix", "--all", "security-contact", "--yes", "--role-name", "OrganizationAccountAccessRole"] + contact, environment: env)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        for id in Self.members {
            #expect(fixed.stdout.contains("\(id): done; AWS check pass: the security contact is sec@example.com"), "\(fixed.stdout)")
            let history = try bin.run(["history", id, "security-contact"]).stdout
            #expect(history.contains("fixed through AWS (applied)"))
        }
        let again = try bin.run(["fix", "--all", "security-contact", "--yes"] + contact, environment: env)
        #expect(again.stdout.contains("  444455556666: nothing to change"), "\(again.stdout)")
        #expect(again.stdout.contains("Nothing to change."))
    }

    @Test func theFleetArgumentsAreChecked() throws {
        let bin = Binary()
        let both = try bin.run(["fix", "--all", "prod", "security-contact"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("fix --all takes the item id alone"))
        let one = try bin.run(["fix", "security-contact"])
        #expect(one.status == 64)
        #expect(one.stderr.contains("fix takes an account and an item"))
        // A misspelt value is refused once, before any account or AWS is read (it used to be ignored).
        #expect(try bin.run(["add", "111122223333"]).status == 0)
        let misspelt = try bin.run(["fix", "--all", "security-contact", "--set", "emial=a@example.com"], environment: ["PATH": "/nonexistent"])
        #expect(misspelt.status == 1)
        #expect(misspelt.stderr.contains("--set emial: the fix of security-contact takes email, name, phone, title"), "\(misspelt.stderr)")
    }
}

/// The root-usage alarm on a trail's log group: made from the parts that are missing, and the item
/// left failing until the subscriber confirms (a fake aws keeps what was made in a directory).
@Suite struct RootUsageAlarmFixTests {
    static let account = "111122223333"

    func fake(_ bin: Binary) throws -> (env: [String: String], log: URL, made: URL) {
        let log = try bin.scratchFile("aws-log")
        let made = try bin.scratchFile("made")
        try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)
        let topic = "arn:aws:sns:eu-west-1:\(Self.account):root-checklist-root-usage"
        let path = try bin.fakeAWS("alarm-tools", script: """
            #!/bin/sh
            echo "$*" >> \(log.path)
            [ "$1" = "--debug" ] && shift
            has() { [ -f \(made.path)/$1 ]; }
            case "$1 $2" in
              "sts get-caller-identity") printf '{"Account": "\(Self.account)", "Arn": "arn:aws:iam::\(Self.account):user/ops"}' ;;
              "organizations describe-organization") echo "An error occurred (AWSOrganizationsNotInUseException) when calling the DescribeOrganization operation: none" >&2; exit 254 ;;
              "cloudtrail describe-trails")
                printf '{"trailList": [{"Name": "main", "TrailARN": "arn:aws:cloudtrail:eu-west-1:\(Self.account):trail/main", "HomeRegion": "eu-west-1", "IsMultiRegionTrail": true, "CloudWatchLogsLogGroupArn": "arn:aws:logs:eu-west-1:\(Self.account):log-group:CloudTrail/main:*"}]}' ;;
              "cloudtrail get-trail-status") printf '{"IsLogging": true, "LatestCloudWatchLogsDeliveryTime": "%s"}' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" ;;
              "cloudtrail get-event-selectors") printf '{"EventSelectors": [{"IncludeManagementEvents": true, "ReadWriteType": "All"}]}' ;;
              "logs describe-metric-filters")
                if has filter; then printf '{"metricFilters": [{"filterName": "root-checklist-root-usage", "filterPattern": "{ $.userIdentity.type = \\\\"Root\\\\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \\\\"AwsServiceEvent\\\\" }", "metricTransformations": [{"metricName": "RootAccountUsage", "metricNamespace": "CISBenchmark", "metricValue": "1"}]}]}'
                else printf '{"metricFilters": []}'; fi ;;
              "logs put-metric-filter") touch \(made.path)/filter ;;
              "sns create-topic") touch \(made.path)/topic; printf '{"TopicArn": "\(topic)"}' ;;
              "sns subscribe") touch \(made.path)/subscription; printf '{"SubscriptionArn": "pending confirmation"}' ;;
              "cloudwatch put-metric-alarm") touch \(made.path)/alarm ;;
              "cloudwatch describe-alarms-for-metric")
                if has alarm; then printf '{"MetricAlarms": [{"AlarmName": "root-checklist-root-usage", "Threshold": 1.0, "ComparisonOperator": "GreaterThanOrEqualToThreshold", "ActionsEnabled": true, "AlarmActions": ["\(topic)"]}]}'
                else printf '{"MetricAlarms": []}'; fi ;;
              "sns list-subscriptions-by-topic")
                if has confirmed; then printf '{"Subscriptions": [{"SubscriptionArn": "\(topic):abc", "Protocol": "email", "Endpoint": "sec@example.com"}]}'
                elif has subscription; then printf '{"Subscriptions": [{"SubscriptionArn": "PendingConfirmation", "Protocol": "email"}]}'
                else printf '{"Subscriptions": []}'; fi ;;
              "events list-rules") printf '{"Rules": []}' ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation: not allowed" >&2; exit 254 ;;
            esac
            """).path
        return (["PATH": path, "ROOT_CHECKLIST_OPERATOR": "ops"], log, made)
    }

    @Test func theMissingPartsAreMadeAndTheItemWaitsForTheSubscriber() throws {
        let bin = Binary()
        #expect(try bin.run(["add", Self.account]).status == 0)
        let (env, log, made) = try fake(bin)
        let missing = try bin.run(["fix", Self.account, "monitor-root-usage", "--dry-run"], environment: env)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("needs email"))
        let plan = try bin.run(["fix", Self.account, "monitor-root-usage", "--dry-run", "--set", "email=sec@example.com"], environment: env)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Now: trail delivers to CloudTrail/main in eu-west-1"))
        #expect(plan.stdout.contains("1. aws logs put-metric-filter --log-group-name CloudTrail/main --filter-name root-checklist-root-usage"))
        #expect(plan.stdout.contains("2. aws sns create-topic --name root-checklist-root-usage --region eu-west-1"))
        #expect(plan.stdout.contains("3. aws sns subscribe --topic-arn arn:aws:sns:eu-west-1:111122223333:root-checklist-root-usage --protocol email"))
        #expect(plan.stdout.contains("4. aws cloudwatch put-metric-alarm --alarm-name root-checklist-root-usage"))
        #expect(plan.stdout.contains("Note: The item stays unresolved until the address confirms"))

        let fixed = try bin.run(["fix", Self.account, "monitor-root-usage", "--yes", "--set", "email=sec@example.com"], environment: env)
        #expect(fixed.status == 3, "made, but not passing until confirmed: \(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("AWS check again: fail"))
        let calls = try String(contentsOf: log, encoding: .utf8)
        #expect(!calls.contains("--region eu-west-1 --region"), "a step's own Region is not given twice")

        // The subscriber confirmed: nothing is left to make, and the check passes.
        FileManager.default.createFile(atPath: made.appendingPathComponent("confirmed").path, contents: Data())
        let again = try bin.run(["fix", Self.account, "monitor-root-usage", "--yes"], environment: env)
        #expect(again.stdout.contains("Nothing to change"), "\(again.stdout)\(again.stderr)")
        let recorded = { () throws -> String? in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: bin.stateFile(Self.account))) as? [String: Any]
            let item = (object?["items"] as? [String: [String: Any]])?["monitor-root-usage"]
            return (item?["check"] as? [String: Any])?["outcome"] as? String
        }
        #expect(try recorded() == "fail", "the fix's own re-check came before the confirmation")
        _ = try bin.run(["verify", Self.account], environment: env)
        #expect(try recorded() == "pass", "confirmed: the whole chain passes")
    }
}

/// A member's root email, changed from the management account in two runs: the code mailed, then
/// the code given. The code is never printed nor recorded.
@Suite struct RootEmailFixTests {
    static let (management, member) = ("111122223333", "444455556666")

    func fake(_ bin: Binary) throws -> (env: [String: String], log: URL) {
        let log = try bin.scratchFile("aws-log")
        let current = try bin.scratchFile("primary")
        try Data("old@example.com".utf8).write(to: current)
        let path = try bin.fakeAWS("email-tools", script: """
            #!/bin/sh
            echo "$*" >> \(log.path)
            [ "$1" = "--debug" ] && shift
            case "$1 $2" in
              "sts get-caller-identity")
                account=\(Self.management); [ "$AWS_ACCESS_KEY_ID" = "ASIAMEMBER" ] && account=\(Self.member)
                printf '{"Account": "%s", "Arn": "arn:aws:iam::%s:user/ops"}' $account $account ;;
              "sts assume-role") printf '{"Credentials": {"AccessKeyId": "ASIAMEMBER", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}}' ;;
              "account get-primary-email") printf '{"PrimaryEmail": "%s"}' "$(cat \(current.path))" ;;
              "account start-primary-email-update") printf '{"Status": "PENDING"}' ;;
              "account accept-primary-email-update")
                case "$*" in *"--otp AB12CD"*) ;; *) echo "An error occurred (ValidationException) when calling the AcceptPrimaryEmailUpdate operation: wrong code" >&2; exit 254 ;; esac
                echo "team-root@example.com" > \(current.path); printf '{"Status": "ACCEPTED"}' ;;
              "organizations describe-organization") printf '{"Organization": {"Id": "o-abc", "MasterAccountId": "\(Self.management)", "FeatureSet": "ALL"}}' ;;
              "organizations describe-account") printf '{"Account": {"Id": "\(Self.member)", "Status": "ACTIVE"}}' ;;
              *) echo "An error occurred (AccessDenied) when calling the $2 operation: not allowed" >&2; exit 254 ;;
            esac
            """).path
        return (["PATH": path, "ROOT_CHECKLIST_OPERATOR": "ops", "AWS_ACCESS_KEY_ID": "MANAGEMENT"], log)
    }

    @Test func theCodeIsMailedThenGivenAndNeverKept() throws {
        let bin = Binary()
        #expect(try bin.run(["add", Self.member, "--kind", "member"]).status == 0)
        try bin.recordManagement(Self.member, management: Self.management)
        let (env, log) = try fake(bin)

        let started = try bin.run(["fix", Self.member, "group-root-email", "--yes", "--set", "address=team-root@example.com",
                                   "--set", "owner=Platform team"], environment: env)
        #expect(started.status == 0, "\(started.stdout)\(started.stderr)")
        #expect(started.stdout.contains("Now: the root email is old@example.com"))
        #expect(started.stdout.contains("1. aws account start-primary-email-update --account-id 444455556666 --primary-email team-root@example.com"))
        #expect(started.stdout.contains("Next: AWS mails a one-time code to team-root@example.com: finish with root-checklist fix 444455556666 group-root-email"))

        let wrong = try bin.run(["fix", Self.member, "group-root-email", "--yes", "--set", "address=team-root@example.com",
                                 "--set", "code=ZZ99ZZ"], environment: env)
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("--otp ******"))
        let finished = try bin.run(["fix", Self.member, "group-root-email", "--yes", "--set", "address=team-root@example.com",
                                    "--set", "owner=Platform team", "--set", "code=AB12CD", "--role-name", "OrganizationAccountAccessRole"],
                                   environment: env)
        #expect(finished.status == 0, "\(finished.stdout)\(finished.stderr)")
        #expect(finished.stdout.contains("AWS check again: pass"))
        let state = try String(contentsOf: bin.stateFile(Self.member), encoding: .utf8)
        #expect(!state.contains("AB12CD") && !state.contains("ZZ99ZZ"), "the code is never recorded")
        #expect(!finished.stdout.contains("AB12CD"), "nor printed")
        #expect(state.contains("\"team-root@example.com\""))
        #expect(state.contains("\"Platform team\""))
        #expect((try String(contentsOf: log, encoding: .utf8)).contains("--otp AB12CD"), "but it was sent")
        let again = try bin.run(["fix", Self.member, "group-root-email", "--yes"], environment: env)
        #expect(again.stdout.contains("Nothing to change"))
    }
}

extension Binary {
    /// Records the member's management account, as import --organization would.
    func recordManagement(_ id: String, management: String) throws {
        let file = stateFile(id)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var account = object["account"] as? [String: Any] ?? [:]
        account["managementAccountId"] = management
        object["account"] = account
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: file)
    }
}

/// An Identity Center administrator assigned on moto_server: the permission set made, given
/// AdministratorAccess, assigned and provisioned, its new ARN carried from one call to the next.
@Suite(.enabled(if: Emulator.available, "needs aws and moto_server"))
struct IdentityCenterFixTests {
    @Test func aPermissionSetIsMadeAssignedAndChecked() throws {
        let emulator = try Emulator()
        let bin = Binary()
        let env = emulator.environment.merging(["ROOT_CHECKLIST_OPERATOR": "ops"]) { $1 }
        emulator.aws(["organizations", "create-organization", "--feature-set", "ALL"])
        let store = emulator.aws(["sso-admin", "list-instances", "--query", "Instances[0].IdentityStoreId", "--output", "text"])
        emulator.aws(["identitystore", "create-user", "--identity-store-id", store, "--user-name", "alice", "--display-name", "Alice",
                      "--name", "GivenName=Alice,FamilyName=Admin"])
        #expect(try bin.run(["add", "123456789012", "--kind", "management"], environment: env).status == 0)

        let fixed = try bin.run(["fix", "123456789012", "identity-center-admin", "--set", "user=alice", "--set", "home-region=us-east-1", "--yes"],
                                environment: env)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(fixed.stdout.contains("1. aws sso-admin create-permission-set"))
        #expect(fixed.stdout.contains("--permission-set-arn {{permission-set-arn}}"), "the plan names the value a call will give")
        #expect(fixed.stdout.contains("4. done"))
        #expect(fixed.stdout.contains("AWS check again: pass"), "\(fixed.stdout)")
        let history = try bin.run(["history", "123456789012", "identity-center-admin"]).stdout
        #expect(history.contains("--permission-set-arn arn:aws:sso:::instance/"), "the record holds the ARN the call used: \(history)")
        #expect(!history.contains("{{"))
        let again = try bin.run(["fix", "123456789012", "identity-center-admin", "--set", "user=alice", "--set", "home-region=us-east-1", "--yes"],
                                environment: env)
        #expect(again.stdout.contains("Nothing to change"), "\(again.stdout)")
        // The same account recorded as standalone: its instance would be an account instance.
        let other = Binary()
        #expect(try other.run(["add", "123456789012", "--kind", "standalone"], environment: env).status == 0)
        let refused = try other.run(["fix", "123456789012", "identity-center-admin", "--set", "user=alice", "--yes"], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("only from an organization's instance"), "\(refused.stderr)")
    }
}
