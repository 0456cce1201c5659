import SystemImports
import ChecklistModel

/// The `<root_account>` row of the IAM credential report, when one can be had whole and
/// unambiguous, with the time the report was generated (it can be up to four hours old).
enum CredentialReport: Equatable {
    case row([String: String], generated: Date?)
    /// No usable row, and why.
    case unusable(String)

    var problem: String {
        switch self {
        case .row: return "the credential report has a root row"
        case .unusable(let why): return why
        }
    }

    var generated: Date? { if case .row(_, let generated) = self { generated } else { nil } }

    /// AWS regenerates the report at most every four hours: one older than that (or of unknown age)
    /// cannot stand alone for the account as it is now.
    static let freshFor: TimeInterval = 4 * 3600

    /// Whether the report describes the account as it is at `now`, on its own.
    func isFresh(at now: Date) -> Bool {
        guard let generated else { return false }
        return generated <= now.addingTimeInterval(AccountState.clockSkewAllowance) && now.timeIntervalSince(generated) <= Self.freshFor
    }

    /// "generated 2026-11-30 08:00 UTC", for reasons.
    var age: String { generated.map { "generated \(ISODate.readable($0))" } ?? "generation time unknown" }

    /// What the report says about a pair of root credentials (access keys, or signing certificates):
    /// `.none`, one that exists (active or not), or nil when the row lacks the columns or holds
    /// values that settle nothing.
    enum Credentials: Equatable {
        case none, inactive, active
    }

    var accessKeys: Credentials? { credentials(prefix: "access_key_") }
    var signingCertificates: Credentials? { credentials(prefix: "cert_") }

    /// `<prefix>1_active` / `<prefix>1_last_rotated` and the same for slot 2.
    private func credentials(prefix: String) -> Credentials? {
        guard case .row(let row, _) = self else { return nil }
        var result = Credentials.none
        for slot in ["1", "2"] {
            guard let active = row[prefix + slot + "_active"], let since = row[prefix + slot + "_last_rotated"] else { return nil }
            switch (active, since) {
            case ("true", _): return .active
            case ("false", "N/A"): continue
            case ("false", _): result = .inactive
            default: return nil
            }
        }
        return result
    }

    /// Fetches the report, asking AWS to generate it first and waiting (a bounded few seconds)
    /// while it is being generated.
    static func root(_ replies: ReplyCache, live: Bool) -> CredentialReport {
        _ = replies.reply(.generateCredentialReport)
        var attempt = replies.reply(.credentialReport)
        for _ in 0..<(live ? 8 : 0) {
            guard case .failure(let failure) = attempt, failure.code.map(CallFailure.baseCode) == "ReportInProgress" else { break }
            usleep(1_000_000)
            attempt = replies.refetch(.credentialReport)
        }
        switch attempt {
        case .failure(let failure):
            return .unusable("no credential report (\(failure.message))")
        case .success(let object):
            guard let content = object["Content"]?.string, let data = Data(base64Encoded: content) else {
                return .unusable("the credential report has no readable Content")
            }
            let generated = object["GeneratedTime"]?.string.flatMap(ISODate.parseAnyForm)
            return parse(String(decoding: data, as: UTF8.self), generated: generated)
        }
    }

    static func parse(_ csv: String, generated: Date? = nil) -> CredentialReport {
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, header.first == "user" else { return .unusable("the credential report has no header row") }
        let roots = lines.dropFirst().filter { $0.first == "<root_account>" }
        guard roots.count == 1, let row = roots.first else {
            return .unusable(roots.isEmpty ? "the credential report has no <root_account> row"
                             : "the credential report has \(roots.count) <root_account> rows, so it is ambiguous")
        }
        guard row.count == header.count else {
            return .unusable("the credential report's root row has \(row.count) fields for \(header.count) columns")
        }
        return .row(Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first }), generated: generated)
    }
}
