import ChecklistModel
import SystemImports

/// One account of an AWS Organization, as `organizations list-accounts` describes it, made safe:
/// the name (an alias here) and email are untrusted text.
public struct OrganizationAccount: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var email: String?
    public var status: AccountStatus?

    public init(id: String, name: String?, email: String?, status: AccountStatus?) {
        self.id = id
        self.name = name
        self.email = email
        self.status = status
    }
}

/// Reads an organization's accounts from its management account (or a delegated administrator)
/// and turns them into additions and corrections of the accounts tracked here.
public enum OrganizationImport {
    /// What the organization is and which accounts it holds.
    public struct Organization: Sendable, Equatable {
        public var id: String
        public var managementAccountId: String
        public var accounts: [OrganizationAccount]
        public init(id: String, managementAccountId: String, accounts: [OrganizationAccount]) {
            self.id = id
            self.managementAccountId = managementAccountId
            self.accounts = accounts
        }
    }

    /// Why an organization could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func fetch(_ source: any ReplySource, region: String?) throws(Failure) -> Organization {
        let described: JSONReply
        switch source.reply(.organization, region: region) {
        case .success(let reply): described = reply
        case .failure(let failure):
            throw Failure(description: "cannot describe the organization: \(failure.message) (run this with the management account's "
                          + "credentials or a delegated administrator's)")
        }
        guard let organization = described["Organization"]?.object,
              let id = organization["Id"]?.string, AccountState.isOrganizationID(id),
              let management = organization["MasterAccountId"]?.string, EvidenceValidator.isAccountID(management) else {
            throw Failure(description: "organizations describe-organization did not name the organization and its management account")
        }
        let listed: JSONReply
        switch source.reply(.organizationAccounts, region: region) {
        case .success(let reply): listed = reply
        case .failure(let failure): throw Failure(description: "cannot list the organization's accounts: \(failure.message)")
        }
        // Partial evidence is no evidence: one malformed entry stops the import rather than
        // importing the rest as if it were the whole organization.
        guard let entries = listed["Accounts"]?.array, listed["NextToken"] == nil else {
            throw Failure(description: "organizations list-accounts returned no complete account list")
        }
        var accounts: [OrganizationAccount] = []
        var seen: Set<String> = []
        for (index, entry) in entries.enumerated() {
            guard let members = entry.object, let accountID = members["Id"]?.string, EvidenceValidator.isAccountID(accountID) else {
                throw Failure(description: "organizations list-accounts entry \(index + 1) has no 12-digit account id")
            }
            // One account listed twice: the list is not what AWS keeps, so none of it is taken.
            guard seen.insert(accountID).inserted else {
                throw Failure(description: "organizations list-accounts names account \(accountID) twice, so the list cannot be trusted; nothing was imported")
            }
            let name = members["Name"]?.string.map { UntrustedText.line($0, limit: AccountState.maxAliasLength) }
                .flatMap { (try? AccountState.validatedFreeText($0, field: "The alias", maxLength: AccountState.maxAliasLength,
                                                                 allowNewlines: false)) ?? nil }
            // An alias stands for its account wherever ACCOUNT is asked: another account's id as a name would take its place.
            if let name, let named = EvidenceValidator.normalizedAccountID(name), named != accountID {
                throw Failure(description: "account \(accountID) is named \"\(name)\", which is another account's id and would be taken for it: "
                              + "rename it in AWS Organizations; nothing was imported")
            }
            let email = members["Email"]?.string.map { $0.trimmingSpaces() }.flatMap { EvidenceValidator.isEmail($0) ? $0 : nil }
            // `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED) replaced `Status`; read either.
            let rawStatus = (members["State"]?.string ?? members["Status"]?.string)?.lowercased().replacing("_", with: "-")
            accounts.append(OrganizationAccount(id: accountID, name: name, email: email,
                                                status: rawStatus.flatMap(AccountStatus.init(rawValue:))))
        }
        return Organization(id: id, managementAccountId: management, accounts: accounts.sorted { $0.id < $1.id })
    }

    /// What importing would do to one account.
    public struct Change: Sendable, Equatable {
        public var accountID: String
        /// Not tracked yet: it is added.
        public var isNew: Bool
        public var edit: AccountState.AccountEdit
        /// Field names that change, for the report ("alias", "rootEmail", "status"…).
        public var fields: [String]
    }

    /// The changes that bring the tracked accounts in line with the organization: new accounts
    /// added, names, emails, kinds and statuses of tracked ones corrected. Nothing is removed:
    /// an account gone from the organization keeps its progress.
    public static func plan(_ organization: Organization, tracked: [String: AccountInfo]) -> [Change] {
        organization.accounts.compactMap { account in
            let kind: AccountKind = account.id == organization.managementAccountId ? .management : .member
            let edit = AccountState.AccountEdit(alias: account.name.map { .some($0) }, rootEmail: account.email.map { .some($0) },
                                                kind: kind, organizationId: organization.id,
                                                managementAccountId: organization.managementAccountId, status: account.status)
            guard let current = tracked[account.id] else {
                return Change(accountID: account.id, isNew: true, edit: edit, fields: [])
            }
            var fields: [String] = []
            if let name = account.name, name != current.alias { fields.append("alias") }
            if let email = account.email, email != current.rootEmail { fields.append("rootEmail") }
            if current.kind != kind { fields.append("kind") }
            if current.organizationId != organization.id { fields.append("organizationId") }
            if current.managementAccountId != organization.managementAccountId { fields.append("managementAccountId") }
            if let status = account.status, status != current.status { fields.append("status") }
            return fields.isEmpty ? nil : Change(accountID: account.id, isNew: false, edit: edit, fields: fields)
        }
    }
}
