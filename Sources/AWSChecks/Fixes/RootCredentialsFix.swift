import ChecklistModel
import SystemImports

/// A member's root credentials removed from the management account, as AWS recommends once root
/// access is centralized: a root session limited to the IAMDeleteRootUserCredentials task policy
/// deletes the password, every access key and signing certificate, and deactivates every MFA device.
/// What exists is read first (with the audit policy, which can delete nothing) and listed in the plan.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user-privileged-task.html
enum RootCredentialsFix {
    static let loginProfile = AWSCall(["iam", "get-login-profile"])
    static let signingCertificates = AWSCall(["iam", "list-signing-certificates"])

    static func plan(item: ChecklistItem, state: AccountState, caller: FixCaller, reach: FixReach, by: String,
                     at: Date) throws(FixError) -> FixPlan {
        let member = state.account.id
        guard state.account.kind == .member, case .management = caller else {
            throw .notPossible("a member's root credentials are deleted from its organization's management account (sts assume-root); "
                               + "use that account's credentials and make sure the member's management account is recorded (import --organization)")
        }
        let audit: any ReplySource
        switch reach(.assumeRoot) {
        case .success(let opened): audit = opened
        case .failure(let failure):
            throw .unreadable("cannot open an audit root session in \(member) (is centralized root access on? `fix` on the management "
                              + "account's organizations-root-access turns it on): \(failure.message)")
        }
        var password = false
        switch audit.reply(loginProfile, region: nil) {
        case .success: password = true
        case .failure(let failure) where failure.kind == .notFound: password = false
        case .failure(let failure): throw .unreadable(failure.message)
        }
        let keys = try ids(audit, .accessKeys, list: "AccessKeyMetadata", field: "AccessKeyId")
        let certificates = try ids(audit, signingCertificates, list: "Certificates", field: "CertificateId")
        let devices = try ids(audit, .mfaDevices, list: "MFADevices", field: "SerialNumber")
        let gone = "cannot be undone here: a new one needs a privileged root action from the management account (sts assume-root with IAMCreateRootUserPassword, then password recovery)"
        var steps: [FixPlan.Step] = []
        if password { steps.append(.init(arguments: ["iam", "delete-login-profile"], changes: "deletes the root user's password", undo: gone, session: .rootSession)) }
        for key in keys {
            steps.append(.init(arguments: ["iam", "delete-access-key", "--access-key-id", key], changes: "deletes the root access key \(key)",
                               undo: "cannot be undone: a deleted key is gone", session: .rootSession))
        }
        for certificate in certificates {
            steps.append(.init(arguments: ["iam", "delete-signing-certificate", "--certificate-id", certificate],
                               changes: "deletes the root signing certificate \(certificate)", undo: "cannot be undone", session: .rootSession))
        }
        for device in devices {
            steps.append(.init(arguments: ["iam", "deactivate-mfa-device", "--serial-number", device],
                               changes: "deactivates the root MFA device \(device)",
                               undo: "cannot be undone here: root MFA is added again only by someone signed in as root, after a password is set through a privileged root action",
                               session: .rootSession))
        }
        let found = [password ? "a password" : nil, keys.isEmpty ? nil : "\(keys.count) access key\(keys.count == 1 ? "" : "s")",
                     certificates.isEmpty ? nil : "\(certificates.count) signing certificate\(certificates.count == 1 ? "" : "s")",
                     devices.isEmpty ? nil : "\(devices.count) MFA device\(devices.count == 1 ? "" : "s")"].compactMap { $0 }
        if !steps.isEmpty {
            steps.insert(.init(arguments: ["sts", "assume-root", "--target-principal", member, "--task-policy-arn",
                                           "arn=\(MemberAccess.deleteRootTaskPolicy)", "--duration-seconds", "900"],
                               changes: "changes nothing: opens a 15-minute session of \(member)'s root user that can only delete its credentials",
                               undo: "nothing to undo: the session ends by itself", session: .opensRootSession), at: 0)
        }
        return FixPlan(accountID: member, itemID: item.id, title: "Delete the member's root user credentials", caller: caller,
                       now: found.isEmpty ? "the root user has no password, access key, signing certificate or MFA device"
                           : "the root user has " + found.joined(separator: ", "),
                       steps: steps,
                       evidence: ["removed-on": String(ISODate.format(at).prefix(10)), "method": "sts-assume-root", "removed-by": by],
                       recheck: .assumeRoot)
    }

    /// The ids a list call names; each must look like an AWS id (never an option the CLI would take).
    static func ids(_ source: any ReplySource, _ call: AWSCall, list: String, field: String) throws(FixError) -> [String] {
        switch source.reply(call, region: nil) {
        case .success(let object):
            var found: [String] = []
            for entry in object[list]?.array ?? [] {
                guard let id = entry.object?[field]?.string, !id.hasPrefix("-"), !id.isEmpty, id.count <= 256,
                      id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-/:".contains($0)) }) else {
                    throw .unreadable("aws \(call.arguments.joined(separator: " ")) named an id that is not one")
                }
                found.append(id)
            }
            return found
        case .failure(let failure):
            throw .unreadable(failure.message)
        }
    }
}

/// Opens the member's own view for planning (a role, or an audit root session).
public typealias FixReach = (MemberAccess) -> Result<any ReplySource, CallFailure>
