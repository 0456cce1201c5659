#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Refuses free text that looks like a credential: the state files may live in git and on laptops.
public enum SecretScanner {
    /// What kind of secret a text seems to hold, or nil.
    public static func finding(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        if containsAccessKeyID(scalars) { return "an AWS access key id" }
        if containsSecretKey(scalars) { return "an AWS secret access key" }
        if containsPasswordAssignment(text) { return "a password" }
        return nil
    }

    /// Throws `ModelError.secretRefused` when `text` looks like a credential.
    public static func check(_ text: String, field: String) throws {
        if let kind = finding(in: text) {
            throw ModelError.secretRefused(field: field, kind: kind)
        }
    }

    private static func isUpperOrDigit(_ s: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }

    private static func isWordish(_ s: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(s) || ("a"..."z").contains(s) || ("0"..."9").contains(s)
    }

    /// AKIA/ASIA (and the other documented 4-letter prefixes) followed by 16 upper-case letters or digits.
    private static func containsAccessKeyID(_ s: [Unicode.Scalar]) -> Bool {
        let prefixes = ["AKIA", "ASIA", "ABIA", "ACCA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "AGPA"]
        guard s.count >= 20 else { return false }
        for start in 0...(s.count - 20) {
            if start > 0 && isWordish(s[start - 1]) { continue }
            let prefix = String(String.UnicodeScalarView(s[start..<start + 4]))
            guard prefixes.contains(prefix) else { continue }
            if s[(start + 4)..<(start + 20)].allSatisfy(isUpperOrDigit),
               start + 20 == s.count || !isWordish(s[start + 20]) {
                return true
            }
        }
        return false
    }

    /// A 40-character run of base64 characters mixing upper case, lower case and digits, as secret keys do.
    private static func containsSecretKey(_ s: [Unicode.Scalar]) -> Bool {
        func isKeyChar(_ c: Unicode.Scalar) -> Bool { isWordish(c) || c == "/" || c == "+" }
        var index = 0
        while index < s.count {
            guard isKeyChar(s[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < s.count && isKeyChar(s[end]) { end += 1 }
            if end - index == 40 {
                let run = s[index..<end]
                let upper = run.contains { ("A"..."Z").contains($0) }
                let lower = run.contains { ("a"..."z").contains($0) }
                let digit = run.contains { ("0"..."9").contains($0) }
                if upper && lower && digit { return true }
            }
            index = end
        }
        return false
    }

    /// `password: x`, `pwd=x`, `secret = x` and the like, with a non-empty value.
    private static func containsPasswordAssignment(_ text: String) -> Bool {
        let lower = text.lowercased()
        for keyword in ["password", "passwd", "passphrase", "pwd", "secret_access_key", "secret", "pw"] {
            var searchRange = lower.startIndex..<lower.endIndex
            while let found = lower[searchRange].firstRange(of: keyword) {
                searchRange = found.upperBound..<lower.endIndex
                if found.lowerBound > lower.startIndex,
                   let before = lower[lower.index(before: found.lowerBound)].unicodeScalars.first,
                   isWordish(before) { continue }
                var rest = lower[found.upperBound...].drop { $0 == " " || $0 == "\t" }
                guard let sign = rest.first, sign == ":" || sign == "=" else { continue }
                rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
                let value = rest.prefix { !$0.isWhitespace }
                if value.count >= 4 { return true }
            }
        }
        return false
    }
}
