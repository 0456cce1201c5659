import Foundation
import Testing
@testable import root_checklist

/// The bundle's tar, written and read plainly: what it writes reads back, other tools read it, and
/// anything that is not a plain archive of regular files is refused.
@Suite struct TarArchiveTests {
    let sample = TarArchive(entries: [
        .init(path: "manifest.json", bytes: Array("{}".utf8)),
        .init(path: "replies/111122223333/20261206T163000Z.json", bytes: Array(repeating: 65, count: 512)),
        .init(path: "empty", bytes: []),
        .init(path: "accounts/111122223333.json", bytes: Array((0..<1000).map { UInt8($0 % 251) })),
    ])

    @Test func whatIsWrittenReadsBack() throws {
        let bytes = try sample.bytes(modified: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(bytes.count % 512 == 0)
        #expect(try TarArchive(reading: bytes) == sample)
    }

    @Test func posixTarReadsIt() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tar") || FileManager.default.isExecutableFile(atPath: "/bin/tar") else { return }
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("b.tar")
        try Data(try sample.bytes(modified: Date(timeIntervalSince1970: 1_800_000_000))).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-xf", file.path, "-C", directory.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for entry in sample.entries {
            #expect(try Data(contentsOf: directory.appendingPathComponent(entry.path)) == Data(entry.bytes), "\(entry.path)")
        }
    }

    @Test func aBadChecksumALinkAClimbingNameADuplicateOrACutEndIsRefused() throws {
        let good = try sample.bytes(modified: Date())
        var checksum = good
        checksum[0] ^= 1
        // A symbolic link's header, with its checksum made right, so only its type is wrong.
        var link = good
        link[156] = UInt8(ascii: "2")
        let sum = link[0..<512].enumerated().reduce(0) { $0 + ((148..<156).contains($1.offset) ? 32 : Int($1.element)) }
        let field = Array(String(format: "%06o", sum).utf8) + [0, 32]
        for (index, byte) in field.enumerated() { link[148 + index] = byte }
        let climbing = try TarArchive(entries: [.init(path: "../etc/passwd", bytes: [1])]).bytes(modified: Date())
        let twice = try TarArchive(entries: [.init(path: "a", bytes: [1]), .init(path: "a", bytes: [2])]).bytes(modified: Date())
        for (name, bytes) in [("checksum", checksum), ("climbing", climbing), ("twice", twice), ("cut", Array(good.prefix(700))),
                              ("absolute", try TarArchive(entries: [.init(path: "/abs", bytes: [])]).bytes(modified: Date()))] {
            #expect(throws: TarArchive.Problem.self, "\(name)") { try TarArchive(reading: bytes) }
        }
        #expect(throws: TarArchive.Problem.malformed("it holds something other than a regular file")) { try TarArchive(reading: link) }
        #expect(throws: TarArchive.Problem.tooLong(String(repeating: "x", count: 101))) {
            try TarArchive(entries: [.init(path: String(repeating: "x", count: 101), bytes: [])]).bytes(modified: Date())
        }
    }
}
