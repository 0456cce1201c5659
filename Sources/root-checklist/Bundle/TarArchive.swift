import SystemImports

// The POSIX ustar format written and read plainly: the bundle holds a few regular files, and no
// library in the mirror writes tar; shelling out to tar would hand the archive's layout to whatever
// `tar` is first on PATH.

/// A tar archive of regular files, as the evidence bundle holds them.
struct TarArchive: Equatable {
    struct Entry: Equatable {
        var path: String
        var bytes: [UInt8]
    }
    var entries: [Entry] = []

    static let block = 512
    /// A bundle member is a state file, a summary or a run's replies: the reader's size limits.
    static let maxEntrySize = 64 * 1024 * 1024
    static let maxEntries = 1_000_000

    enum Problem: Error, Equatable, CustomStringConvertible {
        case tooLong(String)
        case malformed(String)
        var description: String {
            switch self {
            case .tooLong(let path): "the name \(path) is too long for the archive"
            case .malformed(let detail): "is not an archive this program writes (\(detail))"
            }
        }
    }

    /// The archive's bytes: a header and the padded contents per file, then two empty blocks.
    func bytes(modified: Date) throws(Problem) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + Self.block + ($1.bytes.count + Self.block - 1) / Self.block * Self.block } + 2 * Self.block)
        for entry in entries {
            out += try Self.header(entry.path, size: entry.bytes.count, modified: Int(modified.timeIntervalSince1970))
            out += entry.bytes
            out += [UInt8](repeating: 0, count: (Self.block - entry.bytes.count % Self.block) % Self.block)
        }
        out += [UInt8](repeating: 0, count: 2 * Self.block)
        return out
    }

    static func header(_ path: String, size: Int, modified: Int) throws(Problem) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: block)
        let name = Array(path.utf8)
        guard !name.isEmpty, name.count <= 100 else { throw .tooLong(path) }
        func put(_ bytes: [UInt8], at offset: Int) { for (index, byte) in bytes.enumerated() { header[offset + index] = byte } }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0)
        put(octal(0o600, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(modified, width: 12), at: 136)
        put(Array("        ".utf8), at: 148)  // the checksum counts its own field as spaces
        header[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7) + [UInt8(ascii: " ")], at: 148)
        return header
    }

    /// Reads an archive of regular files; anything else (links, devices, a bad checksum, a name with
    /// `..` or a leading `/`, a name twice, sizes past the limits) is refused with what it is.
    init(reading data: [UInt8]) throws(Problem) {
        var offset = 0
        var seen = Set<String>()
        while true {
            guard offset + Self.block <= data.count else { throw .malformed("it ends inside a header") }
            let header = data[offset..<(offset + Self.block)]
            if header.allSatisfy({ $0 == 0 }) { return }
            let base = header.startIndex
            let stored = Self.number(header[(base + 148)..<(base + 156)])
            let sum = header.enumerated().reduce(0) { total, item in total + ((148..<156).contains(item.offset) ? 32 : Int(item.element)) }
            guard stored == sum else { throw .malformed("a header's checksum does not match") }
            guard header[base + 257..<base + 262].elementsEqual("ustar".utf8) else { throw .malformed("a header is not ustar") }
            let type = header[base + 156]
            guard type == UInt8(ascii: "0") || type == 0 else { throw .malformed("it holds something other than a regular file") }
            let prefix = Self.text(header[(base + 345)..<(base + 500)])
            let name = Self.text(header[base..<(base + 100)])
            let path = prefix.isEmpty ? name : prefix + "/" + name
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains(".."),
                  path.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) else {
                throw .malformed("a member's name is not a plain relative path")
            }
            guard seen.insert(path).inserted else { throw .malformed("\(path) is in it twice") }
            guard let size = Self.number(header[(base + 124)..<(base + 136)]), size <= Self.maxEntrySize else {
                throw .malformed("\(path) is larger than \(Self.maxEntrySize / 1024 / 1024) MiB")
            }
            offset += Self.block
            guard offset + size <= data.count else { throw .malformed("\(path) is cut short") }
            entries.append(Entry(path: path, bytes: Array(data[offset..<(offset + size)])))
            guard entries.count <= Self.maxEntries else { throw .malformed("it holds too many files") }
            offset += (size + Self.block - 1) / Self.block * Self.block
        }
    }

    init(entries: [Entry] = []) { self.entries = entries }

    static func number(_ field: ArraySlice<UInt8>) -> Int? {
        let digits = field.drop { $0 == 32 }.prefix { $0 != 0 && $0 != 32 }
        guard !digits.isEmpty, digits.allSatisfy({ (48...55).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 8 + Int($1 - 48) }
    }

    static func text(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    func entry(_ path: String) -> Entry? { entries.first { $0.path == path } }
}
