import Foundation
import Testing

/// Class: writing where it should not. Every path the program writes is decided on purpose: a
/// report replaces only a new or ordinary file, locks never write through a link, the state
/// directory must be private, and a file replaced keeps its owner.
@Suite struct ReliabilityWriteTests {
    func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    @Test func summaryOutputReplacesOnlyOrdinaryFiles() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let victim = try bin.scratchFile("victim.txt")
        try Data("keep me".utf8).write(to: victim)
        let fifo = try bin.scratchFile("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let symbolic = try bin.scratchFile("link.md").path
        #expect(symlink(victim.path, symbolic) == 0)
        let readOnly = try bin.scratchFile("read-only.md")
        try Data("old".utf8).write(to: readOnly)
        chmod(readOnly.path, 0o444)
        let hardLink = try bin.scratchFile("state-link.json").path
        #expect(link(bin.stateFile("111122223333").path, hardLink) == 0)
        let directory = try bin.scratchFile("a-directory").path
        mkdir(directory, 0o700)
        var refused: [(String, mode_t)] = [(fifo, S_IFIFO), (symbolic, S_IFLNK), (readOnly.path, S_IFREG), (hardLink, S_IFREG),
                                           (directory, S_IFDIR), (bin.stateFile("111122223333").path, S_IFREG),
                                           (bin.stateDir.appendingPathComponent("new.md").path, 0)]
        if geteuid() == 0 {
            let device = try bin.scratchFile("null-device").path
            #expect(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
            refused.append((device, S_IFCHR))
        }
        let stateBefore = try Data(contentsOf: bin.stateFile("111122223333"))
        for (path, type) in refused {
            let result = try bin.run(["summary", "111122223333", "--output", path])
            #expect(result.status == 1, "\(path): \(result.stderr)")
            #expect(result.stderr.contains("left untouched"), "\(path): \(result.stderr)")
            #expect(fileType(path) == (type == 0 ? nil : type), "\(path) changed kind")
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
        #expect(try String(contentsOf: readOnly, encoding: .utf8) == "old")
        #expect(try Data(contentsOf: bin.stateFile("111122223333")) == stateBefore)
    }

    @Test func summaryOutputToStandardOutputNamesWritesNotReplaces() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        for name in ["-", "/dev/stdout", "/proc/self/fd/1"] {
            let result = try bin.run(["summary", "111122223333", "--output", name])
            #expect(result.status == 3, "\(name): \(result.stderr)")
            #expect(result.stdout.contains("111122223333"), "\(name)")
        }
        #expect(fileType("/dev/stdout") == S_IFLNK)
    }

    @Test func anExistingReportKeepsItsModeWhenReplaced() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let report = try bin.scratchFile("report.md")
        try Data("old".utf8).write(to: report)
        chmod(report.path, 0o644)
        let result = try bin.run(["summary", "111122223333", "--format", "markdown", "--output", report.path])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(try String(contentsOf: report, encoding: .utf8).contains("111122223333"))
        var info = stat()
        stat(report.path, &info)
        #expect(info.st_mode & 0o777 == 0o644)
    }

    @Test func aLockFileIsNeverWrittenThroughALink() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let victim = try bin.scratchFile("victim.txt")
        try Data("precious".utf8).write(to: victim)
        let lock = bin.stateDir.appendingPathComponent(".111122223333.lock").path
        unlink(lock)
        #expect(link(victim.path, lock) == 0)
        let result = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a lock file"), "\(result.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        unlink(lock)
        #expect(mkfifo(lock, 0o600) == 0)
        let fifo = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"])
        #expect(fifo.status == 1, "a FIFO lock is refused, not waited on")
    }

    @Test func aStateDirectoryOthersCanWriteIsRefused() throws {
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let before = try Data(contentsOf: bin.stateFile("111122223333"))
        for mode: mode_t in [0o777, 0o770, 0o702] {
            chmod(bin.stateDir.path, mode)
            let result = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"])
            #expect(result.status == 1, "mode \(String(mode, radix: 8))")
            #expect(result.stderr.contains("chmod go-w"), "\(result.stderr)")
            #expect(try Data(contentsOf: bin.stateFile("111122223333")) == before)
        }
        chmod(bin.stateDir.path, 0o700)
        #expect(try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"]).status == 0)
    }

    @Test func missingParentsAreCreatedPrivateWhateverTheUmask() throws {
        let bin = Binary()
        let base = try bin.scratchFile("deep").path
        let target = base + "/a/b/state"
        let result = try bin.run(["add", "111122223333", "--state-dir", target], shellPrefix: "umask 000;")
        #expect(result.status == 0, "\(result.stderr)")
        for path in [base, base + "/a", base + "/a/b", target] {
            var info = stat()
            #expect(stat(path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o700, "\(path) is \(String(info.st_mode & 0o777, radix: 8))")
        }
        var file = stat()
        stat(target + "/111122223333.json", &file)
        #expect(file.st_mode & 0o777 == 0o600)
    }

    @Test func aSaveByRootKeepsTheOwnerAndModeOfTheFile() throws {
        guard geteuid() == 0 else { return }
        let bin = Binary()
        try bin.run(["add", "111122223333"])
        let path = bin.stateFile("111122223333").path
        #expect(chown(path, 65534, 65534) == 0)
        chmod(path, 0o640)
        let result = try bin.run(["mark", "111122223333", "sign-out-root", "skipped", "--reason", "r"])
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        stat(path, &info)
        #expect(info.st_uid == 65534 && info.st_gid == 65534)
        #expect(info.st_mode & 0o777 == 0o640)
    }
}
