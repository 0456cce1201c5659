import ChecklistModel
import ChecklistText
import SystemImports

/// A clash a merge met, as data from the merge driver to whoever words it: which account, and the
/// clash itself. The driver (a process git starts) hands it over as one line of tab-separated
/// fields, read back here, so no front end parses the wording.
public struct SyncClash: Sendable, Equatable {
    public var accountID: String
    public var clash: MergeClash

    public init(accountID: String, clash: MergeClash) {
        self.accountID = accountID
        self.clash = clash
    }

    static let version = "v1"

    /// `v1 ACCOUNT item|account NAME OURS-BY OURS-AT THEIRS-BY THEIRS-AT 0|1`, tab-separated; the
    /// free fields are made plain (no tab or control character survives) before they are joined.
    var line: String {
        func field(_ text: String) -> String { PlainText.sanitizeLine(text) }
        func time(_ date: Date?) -> String { date.map(ISODate.format) ?? "-" }
        let (kind, name): (String, String)
        switch clash.subject {
        case .item(let id): (kind, name) = ("item", id)
        case .account(let field): (kind, name) = ("account", field)
        }
        return [Self.version, accountID, kind, field(name), field(clash.ours.by), time(clash.ours.at), field(clash.theirs.by),
                time(clash.theirs.at), clash.keptTheirs ? "1" : "0"].joined(separator: "\t")
    }

    /// A line the driver printed; nil when it is not one (an older driver's wording).
    init?(line: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 9, fields[0] == Self.version, EvidenceValidator.isAccountID(fields[1]),
              fields[2] == "item" || fields[2] == "account", fields[8] == "0" || fields[8] == "1" else { return nil }
        func time(_ text: String) -> Date? { text == "-" ? nil : ISODate.parseAnyForm(text) }
        let name = PlainText.sanitizeLine(fields[3])
        accountID = fields[1]
        clash = MergeClash(subject: fields[2] == "item" ? .item(name) : .account(name),
                           ours: .init(by: PlainText.sanitizeLine(fields[4]), at: time(fields[5])),
                           theirs: .init(by: PlainText.sanitizeLine(fields[6]), at: time(fields[7])), keptTheirs: fields[8] == "1")
    }

    /// The clashes among git's output lines, and what a driver of another version (still registered
    /// in this clone) said in words of its own, to be said as it said it.
    static func read(_ lines: [String]) -> (clashes: [SyncClash], unread: [String]) {
        var clashes: [SyncClash] = [], unread: [String] = []
        for line in lines where line.hasPrefix(MergeDriver.clashPrefix) {
            let handed = String(line.dropFirst(MergeDriver.clashPrefix.count))
            if let clash = SyncClash(line: handed) {
                clashes.append(clash)
            } else {
                unread.append("the merge driver reported: \(PlainText.sanitizeLine(handed)) (run `root-checklist team init` to register this version's driver)")
            }
        }
        return (clashes, unread)
    }

    /// `111122223333: root-mfa changed by alice and by bob; bob's later change kept (…), both are in the history`.
    public var text: String { MergeText.clash(clash, account: accountID) }
}
