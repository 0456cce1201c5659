import ChecklistModel
import SystemImports

/// A member's root email changed centrally from the management account: `account
/// start-primary-email-update` mails a one-time code to the new address, and `account
/// accept-primary-email-update` with that code finishes it. One fix, run twice: without `code` it
/// starts, with it it finishes. The code is never printed nor recorded.
/// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-root-user-email.html
enum RootEmailFix {
    static let keys = ["address", "owner", "code"]

    static func plan(item: ChecklistItem, state: AccountState, values: [String: String], caller: FixCaller, replies: any ReplySource,
                     region: String?) throws(FixError) -> FixPlan {
        let member = state.account.id
        guard state.account.kind == .member, case .management = caller else {
            throw .notPossible("a member's root email is changed centrally from its organization's management account "
                               + "(with trusted access for AWS Account Management); any other root email is changed by signing in as root")
        }
        let recorded = state.record(item.id).evidence
        guard let raw = values["address"].flatMap({ $0.trimmingSpaces().isEmpty ? nil : $0 }) ?? recorded["address"], !raw.trimmingSpaces().isEmpty else {
            throw .missingValues(item: item.id, keys: ["address"])
        }
        let address = try SecurityContactFix.validEmail(raw, item: item, key: "address")
        // A blank field (the walkthrough's form) is a value not given.
        let given = values.filter { !$0.value.trimmingSpaces().isEmpty }
        let owner = try given["owner"].map { value throws(FixError) in try SecurityContactFix.text(value, key: "owner", limit: 200) }
        let code = given["code"]?.trimmingSpaces()
        if let code, code.count != 6 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw .invalidValue(key: "code", message: "the one-time code AWS mailed to \(address): six letters or digits")
        }
        let current: String
        switch replies.reply(.primaryEmail(account: member), region: region) {
        case .success(let object): current = object["PrimaryEmail"]?.string ?? ""
        case .failure(let failure): throw .unreadable(failure.message)
        }
        var evidence = ["address": address]
        if let owner { evidence["owner"] = owner }
        let now = current.isEmpty ? "AWS gave no root email" : "the root email is \(current)"
        guard current.lowercased() != address.lowercased() else {
            return FixPlan(accountID: member, itemID: item.id, title: "Change the member's root email", caller: caller, now: now,
                           steps: [], evidence: evidence)
        }
        let undo = current.isEmpty ? "change it again the same way" : "change it back the same way, to \(current)"
        guard let code else {
            var plan = FixPlan(accountID: member, itemID: item.id, title: "Change the member's root email (1 of 2: the code)", caller: caller,
                               now: now,
                               steps: [.init(arguments: ["account", "start-primary-email-update", "--account-id", member, "--primary-email", address],
                                             changes: "asks AWS to mail a one-time code to \(address); the root email stays \(current) until it is used",
                                             undo: "nothing to undo: an unused code expires")],
                               evidence: [:])
            plan.pending = "AWS mails a one-time code to \(address): finish with root-checklist fix \(member) \(item.id) --set address=\(address) --set code=CODE (or F again on the step)"
            return plan
        }
        return FixPlan(accountID: member, itemID: item.id, title: "Change the member's root email (2 of 2: the code)", caller: caller, now: now,
                       steps: [.init(arguments: ["account", "accept-primary-email-update", "--account-id", member, "--otp", code,
                                                 "--primary-email", address],
                                     changes: "makes \(address) the root email of \(member)", undo: undo, hidden: [code])],
                       evidence: evidence)
    }
}
