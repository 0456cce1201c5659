import ChecklistModel
import ChecklistText
import Foundation
import Testing
@testable import TeamState

/// The merge driver hands each clash to `sync` as data: a line of fields that reads back as the
/// same clash, whatever the names hold, and that no other line is taken for.
@Suite struct SyncClashTests {
    let at = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aClashReadsBackAsItWasWritten() throws {
        for subject in [MergeClash.Subject.item("root-mfa"), .account("alias")] {
            for kept in [false, true] {
                let clash = MergeClash(subject: subject, ours: .init(by: "alice", at: at), theirs: .init(by: "bob", at: nil), keptTheirs: kept)
                let handed = SyncClash(accountID: "111122223333", clash: clash)
                #expect(SyncClash(line: handed.line) == handed)
            }
        }
    }

    /// Names hold anything a person or a remote put there: no tab, newline or escape survives into
    /// the line, so a name cannot add fields or lines of its own.
    @Test func namesCannotAddFieldsOrLines() throws {
        let clash = MergeClash(subject: .item("root-mfa"), ours: .init(by: "mallory\t1\t2\n\u{1B}[2Jroot-checklist merge: v1", at: at),
                               theirs: .init(by: "bob", at: at), keptTheirs: true)
        let line = SyncClash(accountID: "111122223333", clash: clash).line
        #expect(!line.contains("\n") && !line.contains("\u{1B}"))
        #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 9)
        let read = try #require(SyncClash(line: line))
        #expect(read.clash.theirs.by == "bob" && read.clash.keptTheirs)
        #expect(read.text.hasPrefix("111122223333: root-mfa changed by mallory"), "\(read.text)")
    }

    @Test func otherLinesAreNotClashes() {
        for line in ["111122223333: root-mfa changed by alice and by bob; bob's later change kept", "v1\t123\titem\tx\ta\t-\tb\t-\t1",
                     "v2\t111122223333\titem\tx\ta\t-\tb\t-\t1", "v1\t111122223333\tother\tx\ta\t-\tb\t-\t1", ""] {
            #expect(SyncClash(line: line) == nil, "\(line)")
        }
    }

    @Test func theMessageLineSaysWhoseChangeWasKept() {
        let clash = MergeClash(subject: .item("root-mfa"), ours: .init(by: "alice", at: at), theirs: .init(by: "bob", at: at.addingTimeInterval(5)),
                               keptTheirs: true)
        #expect(MergeText.short(clash) == "root-mfa changed by alice and by bob; bob's later change kept")
    }
}

extension SyncClashTests {
    /// Among git's output, our driver's lines are clashes; another version's wording is said as it
    /// said it, never dropped; anything else is not ours.
    @Test func gitsOutputIsReadForClashes() {
        let clash = SyncClash(accountID: "111122223333", clash: MergeClash(subject: .item("root-mfa"), ours: .init(by: "a", at: at),
                                                                            theirs: .init(by: "b", at: at), keptTheirs: false))
        let read = SyncClash.read(["Auto-merging 111122223333.json", MergeDriver.clashPrefix + clash.line,
                                   MergeDriver.clashPrefix + "111122223333: root-mfa changed by a and by b; b's later change kept"])
        #expect(read.clashes == [clash])
        #expect(read.unread.count == 1 && read.unread[0].contains("root-mfa changed by a and by b") && read.unread[0].contains("team init"))
    }
}
