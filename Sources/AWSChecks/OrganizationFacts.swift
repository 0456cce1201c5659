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
            return .member(organization: id, management: management)
        case .failure(let failure):
            if failure.kind == .notInOrganization { return .standalone }
            return .unknown("cannot tell whether the account is in an organization (\(failure.message))")
        }
    }

    var isMember: Bool { if case .member = self { true } else { false } }
}
