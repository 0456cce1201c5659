import SystemImports
import ChecklistModel

/// The checks on the root user's own credentials: MFA, access keys and signing certificates, and
/// whether root is still being used.
enum RootCredentialChecks {
    /// A member account whose root credentials were all removed (AWS's recommendation with
    /// centralized root access): nobody can sign in as root, so MFA does not apply. Nil when the
    /// account is not such a member or the summary cannot show it.
    /// Removed means: none in the summary, a confirmed member, and the organization managing root
    /// credentials (without that the root email can recover a password). An all-zero summary that
    /// is not that proof is unknown for the items it would make not applicable, never a fail.
    static func removedMemberCredentials(_ context: CheckContext) -> Verdict? {
        guard context.replies.rootCredentials == .removed else { return nil }
        guard context.organization.isMember else {
            return Verdict(.unknown, "no root credentials now, but recoverable through the root email: only a member of an organization "
                           + "that manages root credentials stays without them")
        }
        if let why = RootCredentialsManagement.of(context).notProven { return Verdict(.unknown, why) }
        return Verdict(.notApplicable, "a member account with no root credentials (no password, access keys, signing certificates "
                       + "or MFA device) in an organization that manages root credentials: nobody can sign in as root")
    }

    /// `remove-root-credentials`: the member's account summary (readable under the assume-root
    /// audit session) shows no credential at all, and its organization manages root credentials.
    static func removed(_ context: CheckContext) -> Verdict {
        switch context.organization {
        case .standalone, .management:
            return Verdict(.notApplicable, "only a member account's root credentials are removed")
        case .unknown(let why):
            return Verdict(.unknown, why)
        case .member:
            break
        }
        let kinds = [("AccountPasswordPresent", "password"), ("AccountAccessKeysPresent", "access keys"),
                     ("AccountSigningCertificatesPresent", "signing certificates"), ("AccountMFAEnabled", "MFA")]
        var present: [String] = []
        for (key, name) in kinds {
            switch context.summaryValue(key) {
            case .success(let count): if count > 0 { present.append("\(name) \(count)") }
            case .failure(let failure): return Verdict(.unknown, failure.message)
            }
        }
        if !present.isEmpty {
            return Verdict(.fail, "the account summary still counts root credentials: \(present.joined(separator: ", "))")
        }
        switch RootCredentialsManagement.of(context) {
        case .enabled: return Verdict(.pass, "the account summary counts no root credential, and the organization manages root credentials")
        case .disabled(let why): return Verdict(.fail, "no root credentials now, but \(why): the root email can recover a password")
        case .unknown(let why): return Verdict(.unknown, "no root credentials now; \(why)")
        }
    }

    static func mfa(_ context: CheckContext) -> Verdict {
        if let removed = removedMemberCredentials(context) { return removed }
        switch context.summaryValue("AccountMFAEnabled") {
        case .success(1) where context.callerIsRoot: return rootDevices(context)
        case .success(1): return Verdict(.pass, "AccountMFAEnabled is 1: the root user has MFA" + virtualDeviceNote(context))
        case .success(let value): return Verdict(.fail, "AccountMFAEnabled is \(value): the root user has no MFA device")
        case .failure(let failure):
            let report = CredentialReport.root(context.replies, live: context.replies.isLive)
            guard case .row(let row, _) = report else { return Verdict(.unknown, "\(failure.message); \(report.problem)") }
            switch row["mfa_active"] {
            case "true":
                guard report.isFresh(at: context.now) else {
                    return Verdict(.unknown, "\(failure.message); the credential report (\(report.age)) says root has MFA, but it is not "
                                   + "recent enough to stand alone: check again when the account summary answers")
                }
                return Verdict(.pass, "credential report (\(report.age)): root mfa_active is true" + virtualDeviceNote(context))
            case "false": return Verdict(.fail, "credential report (\(report.age)): root mfa_active is false")
            default: return Verdict(.unknown, "\(failure.message); the credential report's root row has no usable mfa_active")
            }
        }
    }

    /// Under an assume-root audit session `iam list-mfa-devices` lists root's own devices (the
    /// credential report and the virtual-device list are denied there): their kinds, from the
    /// serial, and their count against the recorded one.
    static func rootDevices(_ context: CheckContext) -> Verdict {
        let base = "AccountMFAEnabled is 1: the root user has MFA"
        switch context.replies.reply(.mfaDevices) {
        case .success(let object):
            let serials = (object["MFADevices"]?.array ?? []).compactMap { $0.object?["SerialNumber"]?.string }
            guard !serials.isEmpty else {
                return Verdict(.unknown, "\(base), but list-mfa-devices lists no device for root: check again")
            }
            let kinds = serials.map(deviceKind)
            let counted = Dictionary(grouping: kinds, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
            if let recorded = context.record.evidence["device-count"].flatMap({ Int($0) }), serials.count < recorded {
                return Verdict(.fail, "AWS lists \(serials.count) root MFA device(s) (\(counted)), but the evidence records \(recorded)")
            }
            let virtual = kinds.contains("virtual")
                ? "; a virtual device is one of them, which fails the hardware-MFA controls (CIS v3.0 1.6, v5.0 1.5, AWS Security Hub CSPM IAM.6; not this item's)"
                : ""
            return Verdict(.pass, "\(base): \(serials.count) device(s), \(counted)\(virtual)")
        case .failure(let failure):
            return Verdict(.pass, "\(base); its devices could not be listed (\(failure.message))")
        }
    }

    /// A device's kind from its serial: `…:mfa/…` virtual, `…:u2f/…` a passkey or security key, else hardware TOTP.
    static func deviceKind(_ serial: String) -> String {
        if serial.contains(":mfa/") { return "virtual" }
        if serial.contains(":u2f/") { return "passkey or security key" }
        return "hardware TOTP"
    }

    /// Whether a virtual (authenticator app) device is one of root's: MFA all the same, but it fails
    /// the hardware-MFA controls (CIS v3.0 1.6, v5.0 1.5, Security Hub IAM.6), which are not this item's
    /// but which a reviewer must see. The root's ARN is matched in every partition (aws, aws-us-gov, aws-cn).
    static func virtualDeviceNote(_ context: CheckContext) -> String {
        switch context.replies.reply(.virtualMFADevices) {
        case .success(let object):
            let devices = object["VirtualMFADevices"]?.array?.compactMap(\.object) ?? []
            let rootArns = ["aws", "aws-us-gov", "aws-cn"].map { "arn:\($0):iam::\(context.accountID):root" }
            let root = devices.contains { device in
                device["User"]?.object?["Arn"]?.string.map(rootArns.contains) == true
                    || device["SerialNumber"]?.string?.hasSuffix(":mfa/root-account-mfa-device") == true
            }
            return root ? "; but a virtual MFA device is assigned to root, which fails the hardware-MFA controls (CIS v3.0 1.6, v5.0 1.5, AWS Security Hub CSPM IAM.6; not this item's)"
                : "; no virtual MFA device is assigned to root"
        case .failure(let failure):
            return "; whether a virtual MFA device is assigned to root is unknown (\(failure.message))"
        }
    }

    static func accessKeys(_ context: CheckContext) -> Verdict {
        let report = CredentialReport.root(context.replies, live: context.replies.isLive)
        let keys = settle(context.summaryValue("AccountAccessKeysPresent"), report.accessKeys, what: "access key", report: report, now: context.now)
        let certificates = settle(context.summaryValue("AccountSigningCertificatesPresent"), report.signingCertificates,
                                  what: "signing certificate", report: report, now: context.now)
        for outcome in [CheckOutcome.fail, .unknown] {
            let matching = [keys, certificates].filter { $0.outcome == outcome }
            if !matching.isEmpty { return Verdict(outcome, matching.map(\.reason).joined(separator: "; ")) }
        }
        return Verdict(.pass, "\(keys.reason); \(certificates.reason)")
    }

    /// One kind of root credential, from the live account summary when it answers (authoritative:
    /// a report can be hours old and predate a deletion), else from a whole report that shows none.
    static func settle(_ live: Result<Int, CallFailure>, _ reported: CredentialReport.Credentials?, what: String,
                       report: CredentialReport, now: Date) -> Verdict {
        switch live {
        case .success(let count) where count > 0:
            return Verdict(.fail, "the account summary counts \(count) root \(what)(s) (inactive ones count too)")
        case .success:
            switch reported {
            case .some(.none): return Verdict(.pass, "no root \(what) (account summary; the credential report agrees)")
            case nil: return Verdict(.pass, "no root \(what) (account summary; \(report.problem))")
            case .some:
                guard let generated = report.generated else {
                    return Verdict(.unknown, "the account summary shows no root \(what) but the credential report (time unknown) shows one: "
                                   + "generate a fresh report (aws iam generate-credential-report) and check again")
                }
                return Verdict(.pass, "no root \(what) (account summary, live); the credential report generated "
                               + "\(ISODate.readable(generated)) still lists one, which it will drop when regenerated")
            }
        case .failure(let failure):
            switch reported {
            case .some(.active): return Verdict(.fail, "the credential report (\(report.age)) shows an active root \(what)")
            case .some(.inactive):
                return Verdict(.fail, "the credential report (\(report.age)) shows an inactive root \(what), which still exists and must be deleted")
            case .some(.none):
                guard report.isFresh(at: now) else {
                    return Verdict(.unknown, "\(failure.message); the credential report (\(report.age)) shows no root \(what), but it is "
                                   + "not recent enough to stand alone: check again when the account summary answers")
                }
                return Verdict(.pass, "the credential report (\(report.age)) shows no root \(what) (the account summary did not answer: \(failure.message))")
            case nil:
                return Verdict(.unknown, "\(failure.message); \(report.accessKeys == nil ? report.problem : "the credential report lacks the \(what) columns")")
            }
        }
    }

    /// Root has not been used since the operator recorded signing out: the report's last use of the
    /// root password and access keys, against the evidence's `signed-out-on` date.
    static func signedOut(_ context: CheckContext) -> Verdict {
        if context.callerIsRoot { return signedOutLive(context) }
        let report = CredentialReport.root(context.replies, live: context.replies.isLive)
        guard case .row(let row, _) = report else { return Verdict(.unknown, report.problem) }
        let columns = ["password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date"]
        var lastUse: Date?
        for column in columns {
            guard let value = row[column] else { return Verdict(.unknown, "the credential report's root row has no \(column)") }
            switch value {
            case "N/A", "no_information", "not_supported": continue
            default:
                guard let used = ISODate.parseAnyForm(value) else {
                    return Verdict(.unknown, "the credential report's \(column) is not a time: \(value)")
                }
                lastUse = max(lastUse ?? used, used)
            }
        }
        guard let recorded = context.record.evidence["signed-out-on"], let signedOut = ISODate.parseAnyForm(recorded + "T23:59:59Z") else {
            let last = lastUse.map { "root was last used \(ISODate.readable($0))" } ?? "root has no recorded use"
            return Verdict(.unknown, "\(last); record the date you signed out (signed-out-on) to compare")
        }
        // "Not used since" holds only up to when the report was made: an old one says nothing of today.
        guard report.isFresh(at: context.now) else {
            return Verdict(.unknown, "the credential report (\(report.age)) is not recent enough to show root unused until now: "
                           + "generate a fresh one (aws iam generate-credential-report) and check again")
        }
        guard let lastUse else { return Verdict(.pass, "the credential report (\(report.age)) shows no use of root credentials") }
        if lastUse > signedOut {
            return Verdict(.fail, "root was used \(ISODate.readable(lastUse)), after the recorded sign-out on \(recorded)")
        }
        return Verdict(.pass, "root was last used \(ISODate.readable(lastUse)), before the recorded sign-out on \(recorded) (report \(report.age))")
    }

    /// Under an assume-root audit session, where the credential report is denied: root's password
    /// last use from `get-user`, and each access key's from `get-access-key-last-used`, live.
    static func signedOutLive(_ context: CheckContext) -> Verdict {
        guard let recorded = context.record.evidence["signed-out-on"], let signedOut = ISODate.parseAnyForm(recorded + "T23:59:59Z") else {
            return Verdict(.unknown, "record the date you signed out (signed-out-on) to compare")
        }
        var lastUse: Date?
        switch context.replies.reply(.currentUser) {
        case .success(let object):
            guard let user = object["User"]?.object else { return Verdict(.unknown, "get-user gave no User") }
            if let value = user["PasswordLastUsed"] {
                guard let used = value.string.flatMap(ISODate.parseAnyForm) else {
                    return Verdict(.unknown, "get-user's PasswordLastUsed is not a time")
                }
                lastUse = used
            }
        case .failure(let failure): return Verdict(.unknown, "cannot read root's password use (\(failure.message))")
        }
        let keys: [String]
        switch context.replies.reply(.accessKeys) {
        case .success(let object):
            guard let metadata = object["AccessKeyMetadata"]?.array else { return Verdict(.unknown, "list-access-keys gave no AccessKeyMetadata") }
            keys = metadata.compactMap { $0.object?["AccessKeyId"]?.string }
            if object["IsTruncated"]?.bool == true { return Verdict(.unknown, "list-access-keys answered only part of the list") }
        case .failure(let failure): return Verdict(.unknown, "cannot list root's access keys (\(failure.message))")
        }
        // The list must account for every key the summary counts: a short list hides a key's use.
        switch context.summaryValue("AccountAccessKeysPresent") {
        case .success(let count) where count == keys.count: break
        case .success(let count):
            return Verdict(.unknown, "the account summary counts \(count) root access key(s) but list-access-keys lists \(keys.count)")
        case .failure(let failure): return Verdict(.unknown, "\(failure.message); the listed keys cannot be checked against the summary")
        }
        for key in keys {
            switch context.replies.reply(.accessKeyLastUsed(key)) {
            case .success(let object):
                if let value = object["AccessKeyLastUsed"]?.object?["LastUsedDate"] {
                    guard let used = value.string.flatMap(ISODate.parseAnyForm) else {
                        return Verdict(.unknown, "get-access-key-last-used gives no time for a root key")
                    }
                    lastUse = max(lastUse ?? used, used)
                }
            case .failure(let failure): return Verdict(.unknown, "cannot read a root access key's last use (\(failure.message))")
            }
        }
        guard let lastUse else { return Verdict(.pass, "root's password and access keys have never been used (get-user, get-access-key-last-used)") }
        if lastUse > signedOut {
            return Verdict(.fail, "root was used \(ISODate.readable(lastUse)), after the recorded sign-out on \(recorded)")
        }
        return Verdict(.pass, "root was last used \(ISODate.readable(lastUse)), before the recorded sign-out on \(recorded) (get-user, get-access-key-last-used)")
    }
}
