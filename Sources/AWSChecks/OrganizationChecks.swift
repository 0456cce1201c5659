import ChecklistModel

/// Centralized root access for member accounts, seen from the management account.
enum OrganizationChecks {
    static func rootAccess(_ context: CheckContext) -> Verdict {
        let organization = context.organization
        switch organization {
        case .standalone:
            return Verdict(.notApplicable, "the account is not in an organization: this item does not apply")
        case .member(_, let management):
            return Verdict(.unknown, "this is a member account: run verify from the management account (\(management)) "
                           + "or a delegated administrator, where the organization's root access settings can be read")
        case .management(_, allFeatures: false):
            return Verdict(.fail, "the organization is not in all-features mode, which centralized root access needs")
        case .management, .unknown:
            break
        }
        switch context.replies.reply(.organizationsFeatures) {
        case .success(let object):
            let features = object["EnabledFeatures"]?.array?.compactMap(\.string) ?? []
            if features.contains("RootCredentialsManagement") {
                let sessions = features.contains("RootSessions") ? " and RootSessions"
                    : "; but RootSessions (privileged root actions) is off, so a member's deleted root credentials cannot be "
                        + "recovered (no IAMCreateRootUserPassword session) until it is enabled"
                return Verdict(.pass, "RootCredentialsManagement is enabled\(sessions); \(delegatedAdministrators(context))")
            }
            return Verdict(.fail, "centralized root access is not enabled (EnabledFeatures: \(features.isEmpty ? "none" : features.joined(separator: ", ")))")
        case .failure(let failure):
            switch failure.code.map(CallFailure.baseCode) {
            case "AccountNotManagementOrDelegatedAdministrator":
                return Verdict(.unknown, "run verify from the management account or a delegated administrator: this account cannot read the setting")
            case "ServiceAccessNotEnabled":
                return Verdict(.fail, "IAM trusted access is not enabled in Organizations, so root access is not centralized")
            case "OrganizationNotInAllFeaturesMode":
                return Verdict(.fail, "the organization is not in all-features mode, which centralized root access needs")
            default:
                break
            }
            if failure.kind == .notInOrganization {
                return Verdict(.notApplicable, "the account is not in an organization: this item does not apply")
            }
            return Verdict(.unknown, failure.message)
        }
    }

    /// The accounts that may also administer root access (delegated administrators for IAM), for
    /// the reviewer: informational, so an unanswered call does not change the outcome.
    static func delegatedAdministrators(_ context: CheckContext) -> String {
        switch context.replies.reply(.iamDelegatedAdministrators) {
        case .success(let object):
            let accounts = (object["DelegatedAdministrators"]?.array ?? []).compactMap(\.object).compactMap { entry -> String? in
                guard let id = entry["Id"]?.string else { return nil }
                return entry["Name"]?.string.map { "\(id) (\(UntrustedText.line($0, limit: 64)))" } ?? id
            }
            return accounts.isEmpty ? "no delegated administrator for IAM" : "delegated administrators for IAM: \(accounts.joined(separator: ", "))"
        case .failure(let failure):
            return "delegated administrators for IAM unknown (\(failure.message))"
        }
    }
}
