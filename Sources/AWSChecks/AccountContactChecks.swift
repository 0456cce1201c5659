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

    static func securityContact(_ context: CheckContext) -> Verdict {
        switch context.replies.reply(.securityContact) {
        case .success(let object):
            guard let email = object["AlternateContact"]?.object?["EmailAddress"]?.string, !email.isEmpty else {
                return Verdict(.fail, "no security alternate contact is set")
            }
            return Verdict(.pass, "security contact is \(email)")
        case .failure(let failure):
            if failure.kind == .notFound { return Verdict(.fail, "no security alternate contact is set") }
            return Verdict(.unknown, failure.message)
        }
    }
}
