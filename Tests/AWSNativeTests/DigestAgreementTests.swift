import ChecklistModel
import Crypto
import Foundation
import Testing
import TestSupport

/// The checklist digest's own SHA-256 (the model stays free of swift-crypto) agrees with
/// swift-crypto's on every length around the block boundaries and on random data.
@Suite struct DigestAgreementTests {
    @Test func theModelsSHA256IsSwiftCryptos() {
        var random = SplitMix64(seed: 256)
        var inputs: [[UInt8]] = (0...200).map { length in (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) } }
        inputs.append([UInt8](repeating: 0x61, count: 1_000_000))
        for input in inputs {
            let theirs = Crypto.SHA256.hash(data: input).map { String(format: "%02x", $0) }.joined()
            #expect(ChecklistModel.SHA256.hex(input) == theirs, "length \(input.count)")
        }
    }
}
