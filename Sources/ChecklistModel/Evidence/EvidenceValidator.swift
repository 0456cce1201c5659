#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks and normalises evidence values by the kind of their field.
public enum EvidenceValidator {
    public static let maxTextLength = 500

    /// Returns the normalised value, or throws `ModelError.invalidEvidence` saying what is expected.
    public static func validate(_ raw: String, for field: EvidenceField) throws -> String {
        let value = raw.trimmingWhitespace()
        func fail(_ expectation: String) -> ModelError {
            ModelError.invalidEvidence(field: field.key, message: "\(field.label) \(expectation)")
        }
        if value.isEmpty { throw fail("is empty") }
        if value.count > maxTextLength { throw fail("is longer than \(maxTextLength) characters") }
        if value.unicodeScalars.contains(where: TerminalText.isControlOrFormatting) {
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
            return value
        case .choice:
            guard let match = field.options.first(where: { $0.equalsIgnoringCase(value) }) else {
                throw fail("must be one of: \(field.options.joined(separator: ", "))")
            }
            return match
        case .multiChoice:
            var picked: [String] = []
            for part in value.split(separator: ",") {
                let piece = part.trimmingSpaces()
                if piece.isEmpty { continue }
                guard let match = field.options.first(where: { $0.equalsIgnoringCase(piece) }) else {
                    throw fail("takes a comma-separated list from: \(field.options.joined(separator: ", "))")
                }
                if !picked.contains(match) { picked.append(match) }
            }
            if picked.isEmpty { throw fail("is empty") }
            // Keep the definition's order so the same choice always reads the same.
            return field.options.filter(picked.contains).joined(separator: ", ")
        case .number:
            guard let number = Double(value), number.isFinite else { throw fail("must be a number") }
            if let min = field.min, number < min { throw fail("must be at least \(format(min))") }
            if let max = field.max, number > max { throw fail("must be at most \(format(max))") }
            return format(number)
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
        }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
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

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, text.count <= 254 else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        let localPunctuation = Set(".!#$%&'*+/=?^_`{|}~-".unicodeScalars)
        let allowedLocal = { (scalar: Unicode.Scalar) in TextMatching.isAlphanumeric(scalar) || localPunctuation.contains(scalar) }
        let allowedDomain = { (scalar: Unicode.Scalar) in TextMatching.isAlphanumeric(scalar) || scalar == "." || scalar == "-" }
        return parts[0].unicodeScalars.allSatisfy(allowedLocal)
            && domain.unicodeScalars.allSatisfy(allowedDomain)
            && !domain.hasPrefix("-") && !text.contains(" ")
    }

    public static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
