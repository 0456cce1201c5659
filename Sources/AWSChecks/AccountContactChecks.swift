import ChecklistModel

/// The checks on the account's contact details.
enum AccountContactChecks {
    static func normalizedPhone(_ text: String) -> String {
        text.filter { $0 == "+" || $0.isNumber }
    }

    /// AWS Support phones the primary number before recovering an unmanageable KMS key: it must be
    /// the number the operator confirmed reachable. A phone is always set, so one without a recorded
    /// number to compare settles nothing.
    static func phone(_ context: CheckContext) -> Verdict {
        switch context.replies.reply(.contactInformation) {
        case .success(let object):
            guard let phone = object["ContactInformation"]?.object?["PhoneNumber"]?.string, !phone.isEmpty else {
                return Verdict(.fail, "the account's contact information has no phone number")
            }
            let actual = normalizedPhone(phone)
            let verification = object["VerificationStatus"]?.string.map { ", verification status \($0)" } ?? ""
            guard let recorded = context.record.evidence["phone"], !recorded.isEmpty else {
                return Verdict(.unknown, "AWS has \(actual)\(verification), but no confirmed number is recorded to compare: "
                               + "record the number you confirmed reachable (evidence phone)")
            }
            return actual == normalizedPhone(recorded)
                ? Verdict(.pass, "the primary phone \(actual) matches the recorded evidence\(verification)")
                : Verdict(.fail, "AWS has \(actual) but the evidence records \(normalizedPhone(recorded))")
        case .failure(let failure):
            return Verdict(.unknown, failure.message)
        }
    }

    /// The root email AWS has for a member equals the team address recorded. Only the management
    /// account or a delegated administrator can read it (`account get-primary-email`); nothing shows
    /// a standalone or management account its own root email, so there the person's word stands.
    static func rootEmail(_ context: CheckContext) -> Verdict {
        guard let recorded = context.record.evidence["address"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return Verdict(.unknown, "no team address is recorded in the evidence (address) to compare")
        }
        switch context.organization {
        case .member:
            break
        case .management:
            // The management account's own root email is the organization's management account email.
            switch context.replies.reply(.organization) {
            case .success(let object):
                guard let email = object["Organization"]?.object?["MasterAccountEmail"]?.string, !email.isEmpty else {
                    return Verdict(.unknown, "describe-organization gave no MasterAccountEmail")
                }
                return email.lowercased() == recorded.lowercased()
                    ? Verdict(.pass, "the management account's root email is \(email), the recorded team address")
                    : Verdict(.fail, "AWS has \(email) as the management account's root email but the evidence records \(recorded)")
            case .failure(let failure):
                return Verdict(.unknown, failure.message)
            }
        case .standalone:
            return Verdict(.unknown, "AWS shows a standalone account's root email to no API: this item rests on the recorded evidence")
        case .unknown(let why):
            return Verdict(.unknown, why)
        }
        switch context.replies.reply(.primaryEmail(account: context.accountID)) {
        case .success(let object):
            guard let email = object["PrimaryEmail"]?.string, !email.isEmpty else {
                return Verdict(.unknown, "get-primary-email returned no PrimaryEmail")
            }
            return email.lowercased() == recorded.lowercased()
                ? Verdict(.pass, "the root email is \(email), the recorded team address")
                : Verdict(.fail, "AWS has \(email) as the root email but the evidence records \(recorded)")
        case .failure(let failure):
            return Verdict(.unknown, "\(failure.message); a member's root email can be read from the management account "
                           + "or a delegated administrator")
        }
    }

    static func securityContact(_ context: CheckContext) -> Verdict {
        switch context.replies.reply(.securityContact) {
        case .success(let object):
            guard let email = object["AlternateContact"]?.object?["EmailAddress"]?.string, !email.isEmpty else {
                return Verdict(.fail, "no security alternate contact is set")
            }
            // As with the phone: a contact is set, but is it the one the operator confirmed?
            guard let recorded = context.record.evidence["email"], !recorded.isEmpty else {
                return Verdict(.unknown, "AWS has \(email) as the security contact, but no address is recorded to compare: "
                               + "record the address you confirmed (evidence email)")
            }
            return email.lowercased() == recorded.lowercased()
                ? Verdict(.pass, "the security contact is \(email), the recorded address")
                : Verdict(.fail, "AWS has \(email) as the security contact but the evidence records \(recorded)")
        case .failure(let failure):
            if failure.kind == .notFound { return Verdict(.fail, "no security alternate contact is set") }
            return Verdict(.unknown, failure.message)
        }
    }
}
