import ChecklistModel
import SystemImports

/// The summary for automation; its shape is described by `Checklists/summary.schema.json`.
public enum SummaryJSON {
    /// One account's entry; `detailed` adds every item and the retired ones.
    static func accountDocument(_ progress: AccountProgress, detailed: Bool) -> JSONValue {
        let state = progress.state
        var account = state.account
        account.alias = account.alias.map(PlainText.sanitizeLine)
        account.organizationId = account.organizationId.map(PlainText.sanitizeLine)
        account.managementAccountId = account.managementAccountId.map(PlainText.sanitizeLine)
        var members: [String: JSONValue] = [
            "account": StateCodec.document(account),
            "kind": .string(account.effectiveKind.rawValue),
            "kindSet": .bool(account.kind != nil),
            "checklist": StateCodec.document(state.checklist),
            "complete": .bool(progress.isComplete),
            "updatedAt": time(state.updatedAt),
            "progress": .object([
                "resolved": count(progress.resolvedCount), "total": count(progress.total),
                "requiredResolved": count(progress.requiredResolved), "requiredTotal": count(progress.requiredTotal),
                "done": count(progress.count(.done)), "pending": count(progress.count(.pending)),
                "skipped": count(progress.count(.skipped)), "notApplicable": count(progress.count(.notApplicable)),
            ]),
            "contradictions": .array(progress.contradictions.map { .string($0.item.id) }),
            "changedByBoth": .array(progress.changedByBoth.map { .string($0.item.id) }),
            "overrides": .array(progress.overrides.map { .string($0.item.id) }),
            "overdue": .array(progress.overdue.map { .string($0.item.id) }),
        ]
        guard detailed else { return .object(members) }
        members["items"] = .array(progress.entries.map { entry in
            let r = entry.record
            var item: [String: JSONValue] = [
                "id": .string(entry.item.id), "title": .string(entry.item.title), "required": .bool(entry.item.required),
                "status": .string(entry.status.rawValue), "basis": .string(AccountProgress.basis(of: entry)),
                "contradiction": .bool(entry.contradicted),
                "evidence": .object(r.evidence.mapValues { .string(PlainText.sanitizeLine($0)) }),
            ]
            item["doesNotApply"] = entry.notApplicableReason.map(JSONValue.string)
            item["reason"] = r.reason.map { .string(PlainText.sanitizeLine($0)) }
            item["note"] = r.note.map { .string(PlainText.sanitizeLines($0).joined(separator: "\n")) }
            item["by"] = r.by.map(JSONValue.string)
            item["at"] = r.at.map(time)
            item["check"] = r.check.map(StateCodec.document)
            item["checkOverride"] = entry.overridden.map { override in
                .object(["reason": .string(PlainText.sanitizeLine(override.reason)), "by": .string(PlainText.sanitizeLine(override.by)),
                         "at": time(override.at)])
            }
            item["changedByBoth"] = r.changedByBoth.map { versions in
                .array(versions.map { version in
                    var members: [String: JSONValue] = ["by": .string(PlainText.sanitizeLine(version.by)),
                                                        "values": .object(version.values.mapValues { .string(PlainText.sanitizeLine($0)) })]
                    members["at"] = version.at.map(time)
                    return .object(members)
                })
            }
            item["followUp"] = entry.applies ? entry.followUp.map { followUp in
                .object(["kind": .string(followUp.kind.rawValue), "date": .string(followUp.date), "overdue": .bool(followUp.overdue)])
            } : nil
            return .object(item)
        })
        members["retired"] = .array(progress.retired.map { retired in
            var entry: [String: JSONValue] = ["id": .string(retired.id), "status": .string(retired.record.status.rawValue)]
            entry["at"] = retired.record.at.map(time)
            return .object(entry)
        })
        return .object(members)
    }

    private static func time(_ date: Date) -> JSONValue { .string(ISODate.format(date)) }
    private static func count(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// `detailed` includes every item; fleet reports leave items out to stay small.
    public static func render(_ accounts: [AccountProgress], damaged: [UnreadableAccount],
                              detailed: Bool, generatedAt: Date, revision: StateRevision? = nil) -> String {
        let complete = accounts.filter(\.isComplete).count
        var document = JSONValue.object([
            "format": .string("root-checklist-summary"),
            "formatVersion": count(1),
            "generatedAt": time(generatedAt),
            "accounts": .array(accounts.map { accountDocument($0, detailed: detailed) }),
            "unreadable": .array(damaged.map { .object(["accountId": .string($0.id), "error": .string($0.error.description)]) }),
            "totals": .object([
                "accounts": count(accounts.count + damaged.count), "complete": count(complete),
                "incomplete": count(accounts.count - complete), "unreadable": count(damaged.count),
                "withContradictions": count(accounts.filter { !$0.contradictions.isEmpty }.count),
                "withOverrides": count(accounts.filter { !$0.overrides.isEmpty }.count),
                "withOverdue": count(accounts.filter { !$0.overdue.isEmpty }.count),
            ]),
        ])
        if let revision, case .object(var members) = document {
            members["state"] = .object(["commit": .string(revision.commit),
                                        "uncommittedAccounts": .array(revision.uncommitted.map(JSONValue.string))])
            document = .object(members)
        }
        return String(decoding: JSONPrettyWriter.bytes(document), as: UTF8.self) + "\n"
    }
}
