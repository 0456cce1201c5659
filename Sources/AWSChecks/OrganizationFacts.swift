import ChecklistModel

/// Where an account stands in AWS Organizations, as `organizations describe-organization` tells
/// it from the account's own credentials.
enum OrganizationFacts: Equatable {
    case standalone
    case management(organization: String, allFeatures: Bool)
    case member(organization: String, management: String)
    case unknown(String)

    static func of(_ accountID: String, _ replies: ReplyCache) -> OrganizationFacts {
        switch replies.reply(.organization) {
        case .success(let object):
            guard let organization = object["Organization"]?.object,
                  let id = organization["Id"]?.string,
                  let management = (organization["ManagementAccountId"] ?? organization["MasterAccountId"])?.string else {
                return .unknown("describe-organization gave no organization id or management account")
            }
            if management == accountID {
                return .management(organization: id, allFeatures: organization["FeatureSet"]?.string == "ALL")
            }
            // In a fleet run the management account answers describe-organization: it names that
            // account's organization whatever this one belongs to (a standalone account, another
            // organization's member). Member only once the management account names it as its own.
            if let managing = replies.management {
                switch managing.reply(.organizationAccount(accountID)) {
                case .success(let reply) where reply["Account"]?.object?["Id"]?.string == accountID:
                    return .member(organization: id, management: management)
                case .success:
                    return .unknown("describe-account in the management account \(management) did not name \(accountID)")
                case .failure(let failure):
                    return .unknown("the management account \(management) does not confirm that \(accountID) is in its organization "
                                    + "(describe-account: \(failure.message))")
                }
            }
            return .member(organization: id, management: management)
        case .failure(let failure):
            if failure.kind == .notInOrganization { return .standalone }
            return .unknown("cannot tell whether the account is in an organization (\(failure.message))")
        }
    }

    var isMember: Bool { if case .member = self { true } else { false } }
}
