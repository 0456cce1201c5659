import ChecklistModel
import SystemImports

/// The security alternate contact, set through the Account API (`account put-alternate-contact`),
/// for the account itself or, from the management account, for a member (`--account-id`).
/// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html
enum SecurityContactFix {
    /// AWS needs all four; email and name default to the item's recorded evidence.
    static let keys = ["email", "name", "phone", "title"]

    static func plan(item: ChecklistItem, state: AccountState, values: [String: String], caller: FixCaller,
                     replies: any ReplySource, region: String?) throws(FixError) -> FixPlan {
        let record = state.record(item.id)
        var given: [String: String] = [:]
        for key in keys {
            if let value = values[key] ?? (key == "email" || key == "name" ? record.evidence[key] : nil), !value.trimmingSpaces().isEmpty {
                given[key] = value
            }
        }
        let missing = keys.filter { given[$0] == nil }
        if !missing.isEmpty { throw .missingValues(item: item.id, keys: missing) }
        let email = try validEmail(given["email"] ?? "", item: item)
        let name = try text(given["name"] ?? "", key: "name", limit: 64)
        let title = try text(given["title"] ?? "", key: "title", limit: 50)
        let phone = (given["phone"] ?? "").trimmingSpaces()
        // The Account API's own pattern for a phone number, and its length.
        guard !phone.isEmpty, phone.count <= 25, phone.allSatisfy({ $0.isASCII && ($0.isNumber || " ()+-".contains($0)) }) else {
            throw .invalidValue(key: "phone", message: "a phone number of digits, spaces, ( ) + and - (at most 25), like +1 206 555 0100")
        }
        let member = caller.isManagement ? ["--account-id", state.account.id] : []
        let read = AWSCall(["account", "get-alternate-contact", "--alternate-contact-type", "SECURITY"] + member,
                           fileName: "account-get-alternate-contact-security.json")
        let now: String
        var already = false
        var undo = "aws account delete-alternate-contact --alternate-contact-type SECURITY" + (member.isEmpty ? "" : " --account-id \(state.account.id)")
        switch replies.reply(read, region: region) {
        case .success(let object):
            let contact = object["AlternateContact"]?.object
            let current = [contact?["Name"]?.string, contact?["EmailAddress"]?.string.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            now = current.isEmpty ? "no security contact is set" : "the security contact is \(current)"
            // The same contact already: nothing to change (a second run does only what is left).
            already = contact?["EmailAddress"]?.string?.lowercased() == email.lowercased() && contact?["Name"]?.string == name
                && contact?["PhoneNumber"]?.string == phone && contact?["Title"]?.string == title
            if let contact, let previous = contact["EmailAddress"]?.string {
                undo = "put the previous contact back: aws account put-alternate-contact --alternate-contact-type SECURITY"
                    + " --email-address \(previous) --name \(FixPlan.shellWord(contact["Name"]?.string ?? ""))"
                    + " --phone-number \(FixPlan.shellWord(contact["PhoneNumber"]?.string ?? ""))"
                    + " --title \(FixPlan.shellWord(contact["Title"]?.string ?? ""))" + (member.isEmpty ? "" : " --account-id \(state.account.id)")
            }
        case .failure(let failure) where failure.kind == .notFound:
            now = "no security contact is set"
        case .failure(let failure):
            throw .unreadable(failure.message)
        }
        let put = ["account", "put-alternate-contact", "--alternate-contact-type", "SECURITY", "--email-address", email,
                   "--name", name, "--phone-number", phone, "--title", title] + member
        return FixPlan(accountID: state.account.id, itemID: item.id, title: "Set the security alternate contact",
                       caller: caller, now: now,
                       steps: already ? [] : [.init(arguments: put, changes: "sets the security contact of \(state.account.id) to \(name) <\(email)>, \(phone), \(title)",
                                     undo: undo)],
                       evidence: ["email": email, "name": name])
    }

    /// An address as the item's evidence field `key` takes it.
    static func validEmail(_ raw: String, item: ChecklistItem, key: String = "email") throws(FixError) -> String {
        guard let field = item.evidence.first(where: { $0.key == key }) else { return raw }
        do {
            return try EvidenceValidator.validate(raw, for: field)
        } catch {
            throw .invalidValue(key: key, message: "\(error)")
        }
    }

    /// Free text AWS stores and shows: one line, bounded, never a secret.
    static func text(_ raw: String, key: String, limit: Int) throws(FixError) -> String {
        do {
            guard let text = try AccountState.validatedFreeText(raw, field: "The \(key)", maxLength: limit, allowNewlines: false), !text.isEmpty else {
                throw FixError.invalidValue(key: key, message: "is empty")
            }
            return text
        } catch let error as FixError {
            throw error
        } catch {
            throw .invalidValue(key: key, message: "\(error)")
        }
    }
}

extension FixCaller {
    var isManagement: Bool { if case .management = self { true } else { false } }
}
