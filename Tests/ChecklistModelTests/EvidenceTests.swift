import ChecklistModel
import Foundation
import Testing
import TestSupport

@Suite struct EvidenceTests {
    func field(_ kind: EvidenceKind, options: [String] = [], min: Double? = nil, max: Double? = nil, whole: Bool = false) -> EvidenceField {
        EvidenceField(key: "k", label: "Value", kind: kind, required: true, options: options, min: min, max: max, whole: whole)
    }

    @Test(arguments: [
        (EvidenceKind.date, "2026-+1-01"), (.date, "+026-01-01"), (.date, "2026-01-3 "), (.date, "２０２６-01-01"),
        (.date, "2026-02-30"), (.date, "2026-00-10"), (.date, "2026-01-00"),
        (.number, "0x10"), (.number, "1e1"), (.number, "+2"), (.number, "2."), (.number, ".5"), (.number, "nan"),
        (.number, "1_000"), (.number, "٣"),
        (.email, "a..b@example.com"), (.email, ".a@example.com"), (.email, "a.@example.com"), (.email, "a@-example.com"),
        (.email, "a@example-.com"), (.email, "a@example.123"), (.email, "a@exa_mple.com"), (.email, "ü@example.com"),
        (.email, "a@b@example.com"), (.email, "a@example..com"), (.email, "a b@example.com"),
    ])
    func rejectsMalformedForms(kind: EvidenceKind, input: String) {
        #expect(throws: ModelError.self, "\(input)") { try EvidenceValidator.validate(input, for: field(kind)) }
    }

    @Test func evidenceDatesCannotBeInTheFuture() throws {
        let date = field(.date)
        let nextWeek = String(ISODate.format(Date().addingTimeInterval(7 * 86_400)).prefix(10))
        #expect(throws: ModelError.self) { try EvidenceValidator.validate(nextWeek, for: date) }
        let today = String(ISODate.format(Date()).prefix(10))
        #expect(try EvidenceValidator.validate(today, for: date) == today)
    }

    @Test func wholeNumberFieldsRefuseFractions() throws {
        let count = field(.number, min: 0, max: 8, whole: true)
        #expect(try EvidenceValidator.validate("2", for: count) == "2")
        for input in ["2.5", "2.0", "1e0", "0x2", "2,5"] {
            #expect(throws: ModelError.self, "\(input)") { try EvidenceValidator.validate(input, for: count) }
        }
        #expect(try EvidenceValidator.validate("2.5", for: field(.number, min: 0)) == "2.5")
    }

    @Test(arguments: [
        (EvidenceKind.accountID, "111122223333", "111122223333"),
        (.phone, "+15555550100", "+15555550100"),
        (.phone, "+44 20 7946-0958", "+442079460958"),
        (.email, "aws-root+prod@example.com", "aws-root+prod@example.com"),
        (.date, "2024-02-29", "2024-02-29"),
        (.yesNo, "Y", "yes"),
        (.yesNo, "false", "no"),
        (.number, "2", "2"),
        (.number, "2.5", "2.5"),
        (.text, "  Safe B, shelf 2  ", "Safe B, shelf 2"),
    ])
    func acceptsAndNormalises(kind: EvidenceKind, input: String, expected: String) throws {
        #expect(try EvidenceValidator.validate(input, for: field(kind, min: kind == .number ? 0 : nil)) == expected)
    }

    @Test(arguments: [
        (EvidenceKind.accountID, "11112222333"),
        (.accountID, "1111222233334"),
        (.accountID, "11112222333a"),
        (.phone, "5555550100"),
        (.phone, "+1555"),
        (.phone, "+0155555501000"),
        (.phone, "+1234567890123456"),
        (.email, "root@"),
        (.email, "root example.com"),
        (.email, "root@localhost"),
        (.date, "2023-02-29"),
        (.date, "29/02/2024"),
        (.date, "2024-13-01"),
        (.yesNo, "maybe"),
        (.number, "two"),
        (.number, "inf"),
        (.text, ""),
        (.text, "bell\u{07}"),
    ])
    func rejects(kind: EvidenceKind, input: String) {
        #expect(throws: ModelError.self) { try EvidenceValidator.validate(input, for: field(kind)) }
    }

    @Test func choicesMatchOptionsCaseInsensitively() throws {
        let choice = field(.choice, options: ["passkey", "hardware-totp"])
        #expect(try EvidenceValidator.validate("PASSKEY", for: choice) == "passkey")
        #expect(throws: ModelError.self) { try EvidenceValidator.validate("sms", for: choice) }
        let multi = field(.multiChoice, options: ["a", "b", "c"])
        #expect(try EvidenceValidator.validate("c, a, a", for: multi) == "a, c")
        #expect(throws: ModelError.self) { try EvidenceValidator.validate("a, z", for: multi) }
        #expect(throws: ModelError.self) { try EvidenceValidator.validate(" , ", for: multi) }
    }

    @Test func numbersRespectRange() {
        let ranged = field(.number, min: 1, max: 8)
        #expect(throws: ModelError.self) { try EvidenceValidator.validate("0", for: ranged) }
        #expect(throws: ModelError.self) { try EvidenceValidator.validate("9", for: ranged) }
        #expect((try? EvidenceValidator.validate("8", for: ranged)) == "8")
    }

    @Test func invalidValueMessageSaysWhatIsExpected() {
        do {
            _ = try EvidenceValidator.validate("555", for: field(.phone))
        } catch {
            #expect("\(error)".contains("E.164"))
        }
    }

    @Test func evidenceRefusesSecrets() {
        #expect(throws: ModelError.self) { try EvidenceValidator.validate("AKIAIOSFODNN7EXAMPLE", for: field(.text)) }
    }
}

@Suite struct SecretScannerTests {
    @Test(arguments: [
        "AKIAIOSFODNN7EXAMPLE",
        "key is ASIAY34FZKBOKMUTVV7A for now",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "password: Hunter2!x",
        "root pwd = correcthorse",
        "Password=abcd1234",
        "password := Tr0ub4dor&3",
        "the root password is hunter22",
        "pass=letmein99",
        "ｐａｓｓｗｏｒｄ＝Ｓｕｐ３ｒＳ３ｃｒｅｔ",
        "password＝Sup3rS3cret",
        "otpauth://totp/Amazon%20Web%20Services:root@111122223333?secret=JBSWY3DPEHPK3PXP",
        "MFA seed JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        "seed: jbsw y3dp ehpk 3pxp jbsw y3dp",
        "wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY",
        "key=wJalrXUtnFEMI%2fK7MDENG%2fbPxRfiCYEXAMPLEKEY&x=1",
        "PASSWORD -> 'corr3ct-h0rse'",
        "root pw hunter22!",
        "password=abc",
        "pass: x9",
        "the root password Tr0ub4dor&3",
    ])
    func findsSecrets(text: String) {
        #expect(SecretScanner.finding(in: text) != nil)
    }

    @Test(arguments: [
        "Password is in 1Password vault 'AWS root / prod'",
        "arn:aws:iam::111122223333:root",
        "AKIA is the prefix of access key ids",
        "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "the password policy requires 20 characters",
        "+15555550100",
        "password: stored in 1Password",
        "secret=none",
        "Password: kept in the office safe",
        "passkey on a YubiKey 5C, serial 12345678",
        "password=n/a (member account, root credentials removed)",
        "passwords are rotated yearly",
        "secret: ********",
        "TOTP app on the security team's phone",
        "ticket SEC-2026-0042 approved by the CISO",
        "arn:aws:iam::111122223333:mfa/root-account-mfa-device",
        "pwd=/home/ops",
        "ran the script with pwd=/srv/root-checklist",
        "password reset via the root email on 2026-11-02",
        "pass 2 reviews before sign-off",
        "password manager entry AWS-root-prod",
        "secret=-",
    ])
    func allowsOrdinaryText(text: String) {
        #expect(SecretScanner.finding(in: text) == nil)
    }
}

@Suite struct TextTests {
    @Test func sanitizeRemovesEscapesAndBidi() {
        let hostile = "ok\u{1B}[31mred\u{1B}]0;title\u{07}\u{202E}evil\r\nnext\u{9B}"
        let clean = PlainText.sanitizeLine(hostile)
        #expect(!clean.unicodeScalars.contains { PlainText.isControlOrFormatting($0) })
        #expect(clean.contains("red"))
        #expect(clean.contains("evil"))
    }
}

/// Evidence that means something: the item's own rules on its fields.
@Suite struct EvidenceRuleTests {
    let checklist = Fixtures.defaultChecklist

    @Test func aGatingAnswerOfNoCannotMarkTheItemDone() throws {
        var state = try Fixtures.newState()
        #expect(throws: ModelError.self) {
            try state.setStatus(.done, item: "billing-iam-access", evidence: ["activated": "no"], checklist: checklist, by: "t", at: Fixtures.at)
        }
        try state.setStatus(.done, item: "billing-iam-access", evidence: ["activated": "yes"], checklist: checklist, by: "t", at: Fixtures.at)
        #expect(throws: ModelError.self, "a done item cannot be edited into a contradiction") {
            try state.setEvidence(["activated": "no"], item: "billing-iam-access", checklist: checklist, by: "t", at: Fixtures.at)
        }
        try state.setStatus(.pending, item: "billing-iam-access", evidence: ["activated": "no"], checklist: checklist, by: "t", at: Fixtures.at)
    }

    /// AWS advises two MFA devices on root: one is accepted only with the reason written down.
    @Test func oneMFADeviceNeedsAReason() throws {
        var state = try Fixtures.newState()
        let base = ["device-kinds": "passkey", "device-count": "1", "backup-location": "n/a"]
        do {
            try state.setStatus(.done, item: "root-mfa", evidence: base, checklist: checklist, by: "t", at: Fixtures.at)
            Issue.record("one device without a reason was accepted")
        } catch {
            #expect(error as? ModelError == .invalidEvidence(fields: ["single-device-reason"],
                                              message: "Why only one device is needed when Number of devices is below 2 (it is 1)"))
        }
        var withReason = base
        withReason["single-device-reason"] = "second key on order, due 2027-02-01"
        try state.setStatus(.done, item: "root-mfa", evidence: withReason, checklist: checklist, by: "t", at: Fixtures.at)
        var other = try Fixtures.newState()
        try other.setStatus(.done, item: "root-mfa", evidence: ["device-kinds": "passkey", "device-count": "2", "backup-location": "safe"],
                            checklist: checklist, by: "t", at: Fixtures.at)
    }

    /// The IAM console's names for MFA device types are accepted and stored as the checklist's ids.
    @Test(arguments: [("Authenticator app", "virtual-authenticator"), ("hardware totp token", "hardware-totp"),
                      ("Passkey or security key, Authenticator app", "passkey, virtual-authenticator"),
                      ("FIDO security key", "security-key"), ("passkey", "passkey")])
    func consoleNamesForDeviceKinds(_ typed: String, _ stored: String) throws {
        let field = try #require(checklist.item("root-mfa")?.evidence.first { $0.key == "device-kinds" })
        #expect(try EvidenceValidator.validate(typed, for: field, now: Fixtures.at) == stored)
    }

    /// "In the future" is judged against the time of the change, not the machine's clock.
    @Test func aDateAfterTheChangeIsRefused() throws {
        var state = try Fixtures.newState()
        let at = ISODate.parseAnyForm("2026-03-01T12:00:00Z")!
        #expect(throws: ModelError.self) {
            try state.setStatus(.done, item: "sign-out-root", evidence: ["signed-out-on": "2026-03-10"], checklist: checklist, by: "t", at: at)
        }
        try state.setStatus(.done, item: "sign-out-root", evidence: ["signed-out-on": "2026-03-01"], checklist: checklist, by: "t", at: at)
    }

    @Test func passwordAndMFAHoldersMustDiffer() throws {
        var state = try Fixtures.newState()
        do {
            try state.setStatus(.done, item: "split-recovery-control", evidence: ["password-holders": "Ops team", "mfa-holders": " ops TEAM "],
                                checklist: checklist, by: "t", at: Fixtures.at)
            Issue.record("accepted the same holder twice")
        } catch let error as ModelError {
            #expect("\(error)".contains("someone other than"), "\(error)")
        }
        try state.setStatus(.done, item: "split-recovery-control", evidence: ["password-holders": "Ops team", "mfa-holders": "Security team"],
                            checklist: checklist, by: "t", at: Fixtures.at)
    }

    @Test(arguments: [("eu-west-1", true), ("us-gov-west-1", true), ("ap-southeast-5", true), ("cn-north-1", true),
                      ("Ireland", false), ("eu-west", false), ("eu_west_1", false), ("https://eu-west-1", false)])
    func regionsAreRegionCodes(_ text: String, _ valid: Bool) {
        #expect(EvidenceValidator.isRegion(text) == valid, "\(text)")
    }

    @Test func urlsMustBeHTTPS() throws {
        let url = EvidenceField(key: "u", label: "Portal", kind: .url)
        #expect(try EvidenceValidator.validate("https://d-1234.awsapps.com/start", for: url) == "https://d-1234.awsapps.com/start")
        for bad in ["http://d-1234.awsapps.com/start", "d-1234.awsapps.com", "https://a b"] {
            #expect(throws: ModelError.self, "\(bad)") { try EvidenceValidator.validate(bad, for: url) }
        }
    }
}
