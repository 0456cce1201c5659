#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The summary for automation; its shape is described by `Checklists/summary.schema.json`.
public enum SummaryJSON {
    struct Document: Encodable {
        var format = "root-checklist-summary"
        var formatVersion = 1
        var generatedAt: Date
        var accounts: [AccountDoc]
        var unreadable: [Unreadable]
        var totals: Totals
    }

    struct Totals: Encodable {
        var accounts: Int
        var complete: Int
        var incomplete: Int
        var unreadable: Int
        var withContradictions: Int
    }

    struct Unreadable: Encodable {
        var accountId: String
        var error: String
    }

    struct ProgressDoc: Encodable {
        var resolved: Int
        var total: Int
        var requiredResolved: Int
        var requiredTotal: Int
        var done: Int
        var pending: Int
        var skipped: Int
        var notApplicable: Int
    }

    struct ItemDoc: Encodable {
        var id: String
        var title: String
        var required: Bool
        var status: ItemStatus
        var basis: String
        var contradiction: Bool
        var doesNotApply: String?
        var reason: String?
        var note: String?
        var evidence: [String: String]
        var by: String?
        var at: Date?
        var check: CheckResult?
    }

    struct RetiredDoc: Encodable {
        var id: String
        var status: ItemStatus
        var at: Date?
    }

    struct AccountDoc: Encodable {
        var account: AccountInfo
        var kind: AccountKind
        var kindSet: Bool
        var checklist: ChecklistRef
        var complete: Bool
        var updatedAt: Date
        var progress: ProgressDoc
        var contradictions: [String]
        var items: [ItemDoc]?
        var retired: [RetiredDoc]?
    }

    static func accountDoc(_ progress: AccountProgress, detailed: Bool) -> AccountDoc {
        let state = progress.state
        var account = state.account
        account.alias = account.alias.map(TerminalText.sanitizeLine)
        account.organizationId = account.organizationId.map(TerminalText.sanitizeLine)
        account.managementAccountId = account.managementAccountId.map(TerminalText.sanitizeLine)
        return AccountDoc(
            account: account,
            kind: account.effectiveKind,
            kindSet: account.kind != nil,
            checklist: state.checklist,
            complete: progress.isComplete,
            updatedAt: state.updatedAt,
            progress: ProgressDoc(resolved: progress.resolvedCount, total: progress.total,
                                  requiredResolved: progress.requiredResolved, requiredTotal: progress.requiredTotal,
                                  done: progress.count(.done), pending: progress.count(.pending),
                                  skipped: progress.count(.skipped), notApplicable: progress.count(.notApplicable)),
            contradictions: progress.contradictions.map(\.item.id),
            items: detailed ? progress.entries.map { entry in
                let r = entry.record
                return ItemDoc(id: entry.item.id, title: entry.item.title, required: entry.item.required,
                               status: entry.status, basis: AccountProgress.basis(of: r), contradiction: entry.contradicted,
                               doesNotApply: entry.notApplicableReason,
                               reason: r.reason.map(TerminalText.sanitizeLine),
                               note: r.note.map { TerminalText.sanitizeLines($0).joined(separator: "\n") },
                               evidence: r.evidence.mapValues(TerminalText.sanitizeLine),
                               by: r.by, at: r.at, check: r.check)
            } : nil,
            retired: detailed ? progress.retired.map { RetiredDoc(id: $0.id, status: $0.record.status, at: $0.record.at) } : nil
        )
    }

    /// `detailed` includes every item; fleet reports leave items out to stay small.
    public static func render(_ accounts: [AccountProgress], damaged: [(id: String, error: ModelError)],
                              detailed: Bool, generatedAt: Date) throws -> String {
        let complete = accounts.filter(\.isComplete).count
        let document = Document(
            generatedAt: generatedAt,
            accounts: accounts.map { accountDoc($0, detailed: detailed) },
            unreadable: damaged.map { Unreadable(accountId: $0.id, error: $0.error.description) },
            totals: Totals(accounts: accounts.count + damaged.count, complete: complete,
                           incomplete: accounts.count - complete, unreadable: damaged.count,
                           withContradictions: accounts.filter { !$0.contradictions.isEmpty }.count)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = StateCodec.encodeDate
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
