import ChecklistModel
import ChecklistStore
import ChecklistText
import DefaultChecklist
import Foundation
import Testing
import TestSupport

enum Mutator {
    static let tokens: [String] = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e400", "99999999999999999999999",
                                   "\"\\u0000\"", "\"\\ud800\"", "\u{1B}[2J", "\u{202E}", "0.5", "\"schemaVersion\": 3"]

    /// `count` mutations of `data`, the same ones for the same seed.
    static func mutations(of data: Data, seed: UInt64, count: Int) -> [Data] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in mutate(data, using: &rng) }
    }

    static func mutate(_ data: Data, using rng: inout SplitMix64) -> Data {
        var bytes = [UInt8](data)
        let rounds = Int.random(in: 1...4, using: &rng)
        for _ in 0..<rounds {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: bytes[at] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
            case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            case 3: bytes = Array(bytes.prefix(at))
            case 4:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 5: bytes.insert(contentsOf: Array(tokens.randomElement(using: &rng)!.utf8), at: at)
            default:
                if let digit = bytes.indices.filter({ bytes[$0] >= 48 && bytes[$0] <= 57 }).randomElement(using: &rng) {
                    bytes.replaceSubrange(digit...digit, with: Array("18446744073709551616".utf8))
                }
            }
        }
        return Data(bytes)
    }
}

/// Mutated valid files must give a loaded value or a ModelError/ChecklistError: never a trap.
@Suite struct ReliabilityFuzzTests {
    static let seed: UInt64 = {
        ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_129
    }()
    static let cases: Int = ProcessInfo.processInfo.environment["FUZZ_CASES"].flatMap(Int.init) ?? 10_000

    func validStateData() throws -> Data {
        var state = try Fixtures.newState()
        try state.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, note: "note 日本",
                            checklist: Fixtures.defaultChecklist, by: "t@h", at: Fixtures.at)
        try state.setStatus(.skipped, item: "sign-out-root", reason: "later", checklist: Fixtures.defaultChecklist, by: "t@h", at: Fixtures.at)
        state.recordCheck(CheckResult(outcome: .fail, reason: "r", at: Fixtures.at, source: .awsCLI), item: "root-mfa", by: "t@h")
        return StateCodec.encode(state)
    }

    @Test func stateLoaderSurvivesMutations() throws {
        var rng = SplitMix64(seed: Self.seed)
        let valid = try validStateData()
        var loaded = 0
        for index in 0..<Self.cases {
            let data = Mutator.mutate(valid, using: &rng)
            do {
                let state = try StateCodec.decode(data, path: "fuzz-\(index)")
                loaded += 1
                // Whatever loads must save and load back to the same value.
                let again = try StateCodec.decode(StateCodec.encode(state), path: "again")
                #expect(again == state, "seed \(Self.seed) case \(index): \(String(decoding: data, as: UTF8.self))")
            } catch {
                // The codec throws only ModelError (typed throws): a refusal, never a trap.
                continue
            }
        }
        #expect(loaded < Self.cases, "mutations should break most files")
    }

    @Test func checklistLoaderSurvivesMutations() throws {
        var rng = SplitMix64(seed: Self.seed &+ 1)
        let small = Fixtures.data(Fixtures.minimalDocument())
        let full = RepositoryFiles.checklist(BundledChecklists.defaultName)
        for index in 0..<Self.cases {
            // Most cases on the small document keep the loop fast; every tenth mutates the real checklist.
            let data = Mutator.mutate(index % 10 == 0 ? full : small, using: &rng)
            do {
                _ = try ChecklistLoader.load(data: data, source: "fuzz-\(index)")
            } catch is ChecklistError {
                continue
            } catch {
                Issue.record("seed \(Self.seed) case \(index): unexpected error type \(type(of: error)): \(error)")
            }
        }
    }
}

/// Hand-made hostile state files: one clear error, the file untouched, bounded time.
@Suite struct ReliabilityHostileFileTests {
    func check(_ data: Data, name: String, expect fragment: String? = nil) throws {
        let store = StateStore(directory: Fixtures.tempDirectory())
        let url = store.url(for: "111122223333")
        try data.write(to: url)
        let started = Date()
        do {
            _ = try store.load("111122223333")
            Issue.record("\(name): loaded")
        } catch let error as ModelError {
            let message = error.description
            #expect(!message.contains("\n"), "\(name): one line")
            #expect(message.contains(url.path), "\(name): names the file")
            if let fragment { #expect(message.contains(fragment), "\(name): \(message)") }
        }
        #expect(Date().timeIntervalSince(started) < 5, "\(name): bounded time")
        #expect(try Data(contentsOf: url) == data, "\(name): untouched")
    }

    @Test func hostileFiles() throws {
        let valid = StateCodec.encode(try Fixtures.newState())
        var rng = SplitMix64(seed: 7)
        try check(valid.prefix(valid.count / 2), name: "truncated", expect: "ends early")
        try check(Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }), name: "random bytes")
        try check(Data([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]), name: "invalid UTF-8")
        try check(Data((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8), name: "deep nesting")
        try check(Data(#"{"schemaVersion": 2, "schemaVersion": 99}"#.utf8), name: "duplicate keys")
        try check(Data(#"{"schemaVersion": "2", "account": 5}"#.utf8), name: "wrong types")
        try check(Data(#"{"schemaVersion": 1e400}"#.utf8), name: "huge number")
        try check(Data(#"{"schemaVersion": 18446744073709551616}"#.utf8), name: "huge integer")
        try check(Data(String(decoding: valid, as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\" : \(AccountState.currentSchemaVersion)", with: "\"schemaVersion\" : \(AccountState.currentSchemaVersion + 1)").utf8),
                  name: "future schema", expect: "upgrade")
        try check(Data(), name: "empty")
        try check(Data("null".utf8), name: "null")
    }

    @Test func hundredMegabyteFileIsRefusedWithoutReadingIt() throws {
        let store = StateStore(directory: Fixtures.tempDirectory())
        let url = store.url(for: "111122223333")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data("{".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let started = Date()
        #expect(throws: ModelError.fileTooLarge(path: url.path, limit: StateCodec.maxFileSize)) { try store.load("111122223333") }
        #expect(Date().timeIntervalSince(started) < 1)
    }
}
