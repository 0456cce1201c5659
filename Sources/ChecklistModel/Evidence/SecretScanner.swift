import SystemImports

/// Refuses free text that looks like a credential: the state files may live in git and on laptops.
///
/// The text is read as a person would type or paste it: full-width forms (`ｐａｓｓ＝…`) are folded
/// to ASCII and percent-encoding (`%2F`) is decoded before looking. A credential is an access key id,
/// a secret access key, an MFA seed (an `otpauth://` URI or a base32 run) or a password given after
/// a keyword (`password: x`, `pass=x`, `password := x`, `password is x`); saying where a password is
/// kept (`password: stored in 1Password`, `secret=none`) is not one.
public enum SecretScanner {
    /// What kind of secret a text seems to hold, or nil. `allowingKeyIDs`: an access key *id* alone
    /// is no secret (CloudTrail shows it; a note says which key was deleted), so notes and reasons
    /// may name one; a secret key beside it is still refused.
    public static func finding(in text: String, allowingKeyIDs: Bool = false) -> String? {
        let folded = fold(text)
        var candidates = [folded]
        if let decoded = percentDecoded(folded), decoded != folded { candidates.append(decoded) }
        for candidate in candidates {
            let scalars = Array(candidate.unicodeScalars)
            if !allowingKeyIDs && containsAccessKeyID(scalars) { return "an AWS access key id" }
            if containsSecretKey(scalars) { return "an AWS secret access key" }
            if containsTOTPSeed(candidate) { return "an MFA (TOTP) seed" }
            if containsPasswordAssignment(scalars) { return "a password" }
        }
        return nil
    }

    /// Throws `ModelError.secretRefused` when `text` looks like a credential.
    public static func check(_ text: String, field: String, allowingKeyIDs: Bool = false) throws {
        if let kind = finding(in: text, allowingKeyIDs: allowingKeyIDs) {
            throw ModelError.secretRefused(field: field, kind: kind)
        }
    }

    /// Full-width ASCII forms (U+FF01–FF5E) and the ideographic space become plain ASCII.
    static func fold(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: result.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: result.append(" ")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// `%2F` → `/` and the like; nil when there is nothing to decode.
    static func percentDecoded(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return nil }
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 65...70: return byte - 55
            case 97...102: return byte - 87
            default: return nil
            }
        }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
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
            if s[start] != "A" || (start > 0 && isWordish(s[start - 1])) { continue }
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

    /// An `otpauth://` URI, or a base32 seed as authenticator apps show it: one run of 16 or more
    /// base32 characters, or four or more groups of four, in one case, with digits 2–7 among letters.
    static func containsTOTPSeed(_ text: String) -> Bool {
        if text.lowercased().contains("otpauth://") { return true }
        func isBase32(_ s: Unicode.Scalar) -> Bool {
            ("A"..."Z").contains(s) || ("a"..."z").contains(s) || ("2"..."7").contains(s)
        }
        func looksLikeSeed(_ run: String) -> Bool {
            let scalars = Array(run.unicodeScalars)
            guard scalars.count >= 16 else { return false }
            let digits = scalars.filter { ("2"..."7").contains($0) }.count
            let upper = scalars.contains { ("A"..."Z").contains($0) }
            let lower = scalars.contains { ("a"..."z").contains($0) }
            return digits >= 2 && scalars.count - digits >= 4 && !(upper && lower)
        }
        let punctuation: Set<Character> = ["=", ".", ",", ";", ":", "'", "\"", "(", ")"]
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { token in
            String(token.drop(while: punctuation.contains).reversed().drop(while: punctuation.contains).reversed())
        }
        var groups = ""
        var groupCount = 0
        for token in tokens {
            let base32 = !token.isEmpty && token.unicodeScalars.allSatisfy(isBase32)
            if base32 && looksLikeSeed(token) { return true }
            if base32 && token.unicodeScalars.count == 4 {
                groups += token
                groupCount += 1
                if groupCount >= 4 && looksLikeSeed(groups) { return true }
            } else {
                groups = ""
                groupCount = 0
            }
        }
        return false
    }

    static let keywords = ["password", "passwd", "passphrase", "passcode", "pass", "pwd", "pw", "secret_access_key",
                           "secret", "totp", "seed"].map { Array($0.unicodeScalars) }

    /// Values after a keyword that say where or whether a secret is kept, not what it is.
    static let harmlessValues: Set<String> = [
        "in", "inside", "stored", "kept", "held", "saved", "see", "none", "null", "nil", "n/a", "na", "unset", "empty",
        "blank", "redacted", "removed", "deleted", "disabled", "enabled", "changed", "rotated", "reset", "managed",
        "vaulted", "set", "not", "no", "yes", "true", "false", "required", "the", "a", "an", "at", "on", "with", "by",
        "from", "under", "owned", "1password", "lastpass", "bitwarden", "keepass", "vault", "safe", "locker",
        "envelope", "policy", "length", "manager", "only", "split", "shared", "known", "unknown", "ok", "done", "tbd", "todo",
    ]

    /// A word after a bare keyword that is no ordinary word: six or more characters mixing letters
    /// with digits or symbols (`hunter22!`), and not a path or an address.
    private static func readsLikePassword(_ value: [Unicode.Scalar]) -> Bool {
        guard value.count >= 6, !value.contains("/"), !value.contains("@") else { return false }
        let letters = value.contains { ("a"..."z").contains($0) }
        let others = value.contains { ("0"..."9").contains($0) || !(isWordish($0) || $0 == "-" || $0 == "_") }
        return letters && others
    }

    /// `password: x`, `pwd=x`, `pass := x`, `password is x` and the like, with a value that is not
    /// a word saying where the password is.
    private static func containsPasswordAssignment(_ s: [Unicode.Scalar]) -> Bool {
        let lower = s.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }
        func isBoundary(_ index: Int) -> Bool { index < 0 || index >= lower.count || !(isWordish(lower[index]) || lower[index] == "_") }
        func skipSpaces(_ index: inout Int) { while index < lower.count && (lower[index] == " " || lower[index] == "\t") { index += 1 } }
        func matches<W: Collection<Unicode.Scalar>>(_ word: W, at index: Int) -> Bool {
            index + word.count <= lower.count && lower[index..<index + word.count].elementsEqual(word)
        }
        var start = 0
        while start < lower.count {
            defer { start += 1 }
            guard lower[start] == "p" || lower[start] == "s" || lower[start] == "t", isBoundary(start - 1),
                  let keyword = keywords.first(where: { matches($0, at: start) && isBoundary(start + $0.count) }) else { continue }
            var index = start + keyword.count
            skipSpaces(&index)
            // The operator: `:=`, `==`, `=>`, `->`, `:`, `=`, or the words `is` / `was`; or none at all
            // (`root pw hunter22!`), where only a value that reads like a password counts.
            var bare = false
            if let symbol = [":=", "==", "=>", "->", ":", "="].first(where: { matches($0.unicodeScalars, at: index) }) {
                index += symbol.unicodeScalars.count
            } else if let word = ["is", "was"].first(where: { matches($0.unicodeScalars, at: index) && isBoundary(index + $0.count) }) {
                index += word.count
            } else if index > start + keyword.count {
                bare = true
            } else {
                continue
            }
            skipSpaces(&index)
            var end = index
            while end < lower.count && lower[end] != " " && lower[end] != "\t" && lower[end] != "\n" { end += 1 }
            let quoteOrStop: Set<Unicode.Scalar> = ["'", "\"", "`", ".", ",", ";", ")", "("]
            var value = Array(lower[index..<end])
            while let first = value.first, quoteOrStop.contains(first) { value.removeFirst() }
            while let last = value.last, quoteOrStop.contains(last) { value.removeLast() }
            let text = String(String.UnicodeScalarView(value))
            // Short ones too (`password=abc`): a weak password is still one.
            if value.isEmpty || harmlessValues.contains(text) { continue }
            if value.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "•" || $0 == "-" || $0 == "?" }) { continue }
            // `pwd` is also the working directory: a path after it is one.
            if keyword.elementsEqual("pwd".unicodeScalars), value.first == "/" || value.first == "~",
               value.allSatisfy({ isWordish($0) || "/._-~".unicodeScalars.contains($0) }) { continue }
            if bare && !readsLikePassword(value) { continue }
            return true
        }
        return false
    }
}
