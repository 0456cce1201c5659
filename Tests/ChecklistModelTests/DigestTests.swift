import ChecklistModel
import DefaultChecklist
import Foundation
import Testing

/// Class: record integrity. A checklist is known by its content, not only by id and version.
@Suite struct DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256MatchesTheStandardVectors(_ input: String, _ expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }

    @Test func sha256MatchesSha256sumAcrossBlockBoundaries() throws {
        for length in [55, 56, 63, 64, 65, 119, 120, 1000, 100_000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
            try Data(bytes).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [file.path]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            process.waitUntilExit()
            let reference = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
            #expect(SHA256.hex(bytes) == String(reference), "length \(length)")
        }
    }

    @Test func theDigestIgnoresLayoutButNotContent() throws {
        let compact = try ChecklistLoader.load(data: Data(#"{"id":"t","version":1,"title":"T","items":[{"id":"a","title":"A","why":"w","steps":["s"]}]}"#.utf8), source: "a")
        let spaced = try ChecklistLoader.load(data: Data("{\n \"version\": 1, \"id\": \"t\", \"title\": \"T\",\n \"items\": [{\"steps\": [\"s\"], \"why\": \"w\", \"title\": \"A\", \"id\": \"a\"}]}".utf8), source: "b")
        let changed = try ChecklistLoader.load(data: Data(#"{"id":"t","version":1,"title":"T","items":[{"id":"a","title":"A","why":"w","steps":["S"]}]}"#.utf8), source: "c")
        #expect(compact.digest == spaced.digest)
        #expect(compact.digest != changed.digest)
        #expect(compact.digest.count == 64)
    }

    /// A bundled checklist's content may change only with its version: accounts record the digest
    /// of the content they were started with, and would be refused against changed content.
    @Test func theBundledChecklistChangesOnlyWithItsVersion() throws {
        let bundled = try #require(BundledChecklists.checklists[BundledChecklists.defaultName])
        let known: [Int: String] = [1: "61131ff4268058ce26a7a9eb5d07b8259691e09ede75f18d7dfeea3f681becb2",
                                   2: "cc3bc54dde1c0cb69595849c57168ed8908d17c78d1e0732def3dd778d7b6b64",
                                   3: "330cad77585f16132c3c9a2ddcf104232dc9198f9ba8b81f74c0c7571b27727e",
                                   4: "6af3d24225a65744db05741fa23a36d60cd9a902a0c25be84c95df9b23064cfd",
                                   5: "c63a8b59fef969f8faf84d6eed777cc24e347689f34a8d1e7fe5cf7421ddac55",
                                   6: "342ba4a3728d5d70f41d5cc30e403ac18aa24d146699e50a60ea9ecfab7059c2"]
        #expect(known[bundled.version] == bundled.digest,
                "aws-root-user v\(bundled.version) now has digest \(bundled.digest): bump its version when its content changes, then record the new digest here")
    }

    @Test func aDifferentDefinitionWithTheSameIdAndVersionIsRefused() throws {
        let real = try #require(BundledChecklists.checklists[BundledChecklists.defaultName])
        var state = try AccountState.new(accountID: "111122223333", alias: nil, rootEmail: nil, checklist: real, by: "t", at: Date(timeIntervalSince1970: 0))
        #expect(state.checklist.digest == real.digest)
        var forged = real
        forged.digest = String(repeating: "0", count: 64)
        #expect(throws: ModelError.self) { try state.checklist.check(forged, account: "111122223333") }
        #expect(throws: ModelError.self) {
            try state.setStatus(.done, item: "sign-out-root", checklist: forged, by: "t", at: Date(timeIntervalSince1970: 1))
        }
        var older = state
        older.checklist.digest = nil
        try older.setNote("n", item: "sign-out-root", checklist: real, by: "t", at: Date(timeIntervalSince1970: 1))
        #expect(older.checklist.digest == real.digest, "an account from before digests takes the one it is used with")
    }
}
