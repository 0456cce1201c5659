import SystemImports

/// Checks and normalises evidence values by the kind of their field.
public enum EvidenceValidator {
    public static let maxTextLength = 500

    /// Returns the normalised value, or throws `ModelError.invalidEvidence` saying what is expected.
    /// `now` is the time of the change being recorded: a date after it cannot be evidence.
    public static func validate(_ raw: String, for field: EvidenceField, now: Date = Timestamp.now()) throws -> String {
        let value = raw.trimmingWhitespace()
        func fail(_ expectation: String) -> ModelError {
            ModelError.invalidEvidence(fields: [field.key], message: "\(field.label) \(expectation)")
        }
        if value.isEmpty { throw fail("is empty") }
        if value.count > maxTextLength { throw fail("is longer than \(maxTextLength) characters") }
        if value.unicodeScalars.contains(where: PlainText.isControlOrFormatting) {
            throw fail("contains control characters")
        }
        try SecretScanner.check(value, field: field.label)
        switch field.kind {
        case .text:
            return value
        case .email:
            guard isEmail(value) else { throw fail("must be an email address like root-aws@example.com") }
            return value
        case .phone:
            let compact = value.filter { $0 != " " && $0 != "-" && $0 != "(" && $0 != ")" }
            guard isE164(compact) else {
                throw fail("must be in E.164 form: + then 8 to 15 digits, like +15555550100")
            }
            return compact
        case .accountID:
            guard isAccountID(value) else { throw fail("must be a 12-digit AWS account id") }
            return value
        case .date:
            guard isISODate(value) else { throw fail("must be a date as YYYY-MM-DD, like 2026-01-31") }
            // Evidence records what happened: a date after tomorrow (UTC, for every time zone) cannot be one.
            let latest = String(ISODate.format(now.addingTimeInterval(86_400)).prefix(10))
            guard value <= latest else { throw fail("is in the future: record the date it happened") }
            return value
        case .choice:
            guard let match = option(value, of: field) else {
                throw fail("must be one of: \(field.options.joined(separator: ", "))")
            }
            return match
        case .multiChoice:
            var picked: [String] = []
            for part in value.split(separator: ",") {
                let piece = part.trimmingSpaces()
                if piece.isEmpty { continue }
                guard let match = option(piece, of: field) else {
                    throw fail("takes a comma-separated list from: \(field.options.joined(separator: ", "))")
                }
                if !picked.contains(match) { picked.append(match) }
            }
            if picked.isEmpty { throw fail("is empty") }
            // Keep the definition's order so the same choice always reads the same.
            return field.options.filter(picked.contains).joined(separator: ", ")
        case .number:
            // Plain decimal notation only: Double() would also take hex, exponents and "inf".
            guard isDecimal(value, whole: field.whole), let number = Double(value), number.isFinite else {
                throw fail(field.whole ? "must be a whole number, like 2" : "must be a number, like 2 or 2.5")
            }
            if let min = field.min, number < min { throw fail("must be at least \(format(min))") }
            if let max = field.max, number > max { throw fail("must be at most \(format(max))") }
            return format(number)
        case .region:
            guard isRegion(value.lowercased()) else { throw fail("must be a Region code like eu-west-1 or us-gov-west-1") }
            return value.lowercased()
        case .url:
            guard value.hasPrefix("https://"), !value.contains(where: \.isWhitespace), value.count > 8 else {
                throw fail("must be an https:// address")
            }
            return value
        case .yesNo:
            switch value.lowercased() {
            case "y", "yes", "true": return "yes"
            case "n", "no", "false": return "no"
            default: throw fail("must be yes or no")
            }
        }
    }

    /// Explains what a field expects, for placeholders and help lines.
    public static func hint(for field: EvidenceField) -> String {
        switch field.kind {
        case .text: return "text"
        case .email: return "email address"
        case .phone: return "E.164, e.g. +15555550100"
        case .accountID: return "12 digits"
        case .date: return "YYYY-MM-DD"
        case .choice: return field.options.joined(separator: " | ")
        case .multiChoice: return "comma list: " + field.options.joined(separator: ", ")
        case .number:
            switch (field.min, field.max) {
            case let (min?, max?): return "number \(format(min))–\(format(max))"
            case let (min?, nil): return "number ≥ \(format(min))"
            case let (nil, max?): return "number ≤ \(format(max))"
            default: return "number"
            }
        case .yesNo: return "yes | no"
        case .region: return "Region code, e.g. eu-west-1"
        case .url: return "https:// address"
        }
    }

    public static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// `-12`, `3`, `2.5`: optional minus, digits, and (unless `whole`) a fraction.
    static func isDecimal(_ text: String, whole: Bool) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
        let integer = bytes.prefix(while: isDigit)
        guard !integer.isEmpty, integer.count <= 15 else { return false }
        let rest = bytes.dropFirst(integer.count)
        if rest.isEmpty { return true }
        guard !whole, rest.first == UInt8(ascii: "."), rest.count > 1, rest.count <= 7 else { return false }
        return rest.dropFirst().allSatisfy(isDigit)
    }

    /// An account id as the console and people write it (`1111-2222-3333`, `1111 2222 3333`) as the
    /// 12 digits it is stored as; nil when it is not one.
    public static func normalizedAccountID(_ text: String) -> String? {
        let digits = String(text.trimmingSpaces().unicodeScalars.filter { $0 != "-" && $0 != " " }.map(Character.init))
        return isAccountID(digits) ? digits : nil
    }

    /// `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`: partition-area-direction-number.
    public static func isRegion(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (3...5).contains(parts.count), let number = parts.last, number.allSatisfy(\.isASCII), Int(number) != nil,
              number.count <= 2 else { return false }
        return parts.dropLast().allSatisfy { part in !part.isEmpty && part.count <= 9 && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) } }
            && parts[0].count == 2
    }

    /// The option `text` names: an option itself, or one of its other spellings (the console's
    /// names), ignoring case.
    static func option(_ text: String, of field: EvidenceField) -> String? {
        if let match = field.options.first(where: { $0.equalsIgnoringCase(text) }) { return match }
        return field.aliases.first { $0.key.equalsIgnoringCase(text) }?.value
    }

    /// The rules that tie a done item's evidence together: values it must have, fields that must
    /// differ. Every problem at once, each naming its field.
    public static func problemsForDone(_ evidence: [String: String], item: ChecklistItem) -> [EvidenceProblem] {
        var problems: [EvidenceProblem] = []
        for field in item.evidence {
            guard let value = evidence[field.key], !value.isEmpty else { continue }
            if let wanted = field.mustBe, !value.equalsIgnoringCase(wanted) {
                problems.append(EvidenceProblem(field: field, message: "\(field.label) must be \(wanted) for the item to be done (it is \(value))"))
            }
            if let below = field.needsBelow, let number = Double(value), number < below.value,
               (evidence[below.field] ?? "").trimmingSpaces().isEmpty,
               let needed = item.evidence.first(where: { $0.key == below.field }) {
                problems.append(EvidenceProblem(field: needed, message: "\(needed.label) is needed when \(field.label) is below "
                    + "\(format(below.value)) (it is \(value))"))
            }
            if let otherKey = field.differentFrom, let other = evidence[otherKey], !other.isEmpty,
               other.trimmingSpaces().equalsIgnoringCase(value.trimmingSpaces()),
               let otherField = item.evidence.first(where: { $0.key == otherKey }) {
                problems.append(EvidenceProblem(field: field, message: "\(field.label) must be someone other than \(otherField.label)"))
            }
        }
        return problems
    }

    public static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    public static func isE164(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 9, bytes.count <= 16, bytes[0] == UInt8(ascii: "+"), bytes[1] != UInt8(ascii: "0") else {
            return false
        }
        return bytes.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The address forms AWS takes for a root user: ASCII, a local part of atoms joined by single
    /// dots, and a domain of two or more labels (letters, digits, inner hyphens; a top-level label
    /// that is not all digits).
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, text.utf8.count <= 254, text.unicodeScalars.allSatisfy(\.isASCII) else { return false }
        let local = parts[0]
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-".utf8)
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
        guard !local.isEmpty, local.utf8.count <= 64, atoms.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(atext.contains) }) else {
            return false
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        let labelBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)
        guard labels.count >= 2, labels.allSatisfy({ label in
            (1...63).contains(label.utf8.count) && label.utf8.allSatisfy(labelBytes.contains)
                && label.first != "-" && label.last != "-"
        }) else { return false }
        return !labels.last!.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    public static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= ISODate.daysIn(month: month, year: year)
    }
}

/// One evidence field that breaks its item's rules, and how.
public struct EvidenceProblem: Sendable, Equatable {
    public var field: EvidenceField
    public var message: String
}
