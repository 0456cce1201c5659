import ChecklistModel

extension Forms {
    /// What each value a fix takes is, for its form (the security contact's are all AWS needs).
    static let fixValueLabels: [String: (label: String, hint: String, rule: FieldRule)] = [
        "email": ("Email", "the monitored address AWS writes to", .email),
        "name": ("Name", "a team or a person", .freeText),
        "phone": ("Phone", "digits, spaces, ( ) + and -, like +1 206 555 0100", .freeText),
        "title": ("Title", "e.g. Security", .freeText),
        "address": ("New root email", "the team's mailbox AWS mails the code to", .email),
        "owner": ("Team that owns the mailbox", "recorded with the address", .freeText),
        "code": ("One-time code", "blank to have AWS mail it; then F again with the code", .freeText),
        "user": ("Identity Center user", "an existing user name (or give a group)", .freeText),
        "group": ("Identity Center group", "an existing group's display name (or give a user)", .freeText),
        "permission-set": ("Permission set", "blank for AdministratorAccess", .freeText),
        "home-region": ("Home Region", "Identity Center's home Region, e.g. eu-west-1", .freeText),
    ]
    /// Values a fix can do without (a code comes on the second run; a user or a group; defaults).
    static let optionalFixValues: Set<String> = ["owner", "code", "user", "group", "permission-set", "home-region"]

    /// The values an item's fix needs, the recorded evidence filled in where it has them.
    public static func fixValues(for item: ChecklistItem, keys: [String], record: ItemRecord) -> Form {
        let fields = keys.map { key in
            let known = fixValueLabels[key] ?? (key, "", .freeText)
            return FormField(key: FieldKey(key), label: known.label, hint: known.hint, required: !optionalFixValues.contains(key), rule: known.rule,
                             value: key == "code" ? "" : record.evidence[key] ?? "", maxLength: key == "owner" ? 200 : 64)
        }
        return Form(purpose: .fixValues(itemID: item.id), title: "Fix through AWS: \(item.title)",
                    intro: "The values the fix sends to AWS. Enter reads what AWS holds now and shows the plan; nothing is changed yet.",
                    fields: fields)
    }

    /// The account id or alias, typed to make the plan's calls.
    public static func fixConfirm(itemID: String, account: AccountInfo, calls: Int) -> Form {
        let alias = account.alias.map { " or \(PlainText.sanitizeLine($0))" } ?? ""
        return Form(purpose: .fixConfirm(itemID: itemID), title: "Make \(calls) call\(calls == 1 ? "" : "s") against AWS?",
                    intro: "Type the account id (\(account.id))\(alias) and press Enter to make the plan's calls. Esc goes back; nothing is changed until then.",
                    fields: [FormField(key: .account, label: "Account id or alias", hint: "as shown above", required: true, rule: .freeText,
                                       maxLength: 64)])
    }
}
