import ChecklistModel
import ChecklistStore
import Foundation
import Testing
import TestSupport

/// A report replaces only what was checked at its path: a name that was free must still be free,
/// an existing file must still be that file. Whatever took the name meanwhile is left as it is.
@Suite struct AtomicFileExpectationTests {
    func leftovers(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    @Test func aFreeNameMustStillBeFree() throws {
        let directory = Fixtures.tempDirectory()
        let target = directory.appendingPathComponent("report.html")
        try AtomicFile.write(Data("one".utf8), to: target, expecting: .absent)
        #expect(try String(contentsOf: target, encoding: .utf8) == "one")
        // Someone else's file took the name after the check.
        #expect(throws: ModelError.io(path: target.path, operation: "save", errno: EEXIST)) {
            try AtomicFile.write(Data("two".utf8), to: target, expecting: .absent)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "one")
        #expect(leftovers(directory).isEmpty)
    }

    @Test func anExistingFileMustStillBeTheOneChecked() throws {
        let directory = Fixtures.tempDirectory()
        let target = directory.appendingPathComponent("report.html")
        try Data("old".utf8).write(to: target)
        var checked = stat()
        #expect(lstat(target.path, &checked) == 0)
        try AtomicFile.write(Data("new".utf8), to: target, expecting: .file(device: checked.st_dev, inode: checked.st_ino))
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        // The write above replaced the inode; a write still expecting the first one is refused.
        #expect(throws: ModelError.io(path: target.path, operation: "save", errno: EEXIST)) {
            try AtomicFile.write(Data("newer".utf8), to: target, expecting: .file(device: checked.st_dev, inode: checked.st_ino))
        }
        // A link swapped in where the file was is not replaced either.
        try FileManager.default.removeItem(at: target)
        try FileManager.default.createSymbolicLink(atPath: target.path, withDestinationPath: "/etc/hostname")
        #expect(throws: ModelError.self) {
            try AtomicFile.write(Data("x".utf8), to: target, expecting: .file(device: checked.st_dev, inode: checked.st_ino))
        }
        var info = stat()
        #expect(lstat(target.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(leftovers(directory).isEmpty)
    }
}
