import ChecklistModel
import ChecklistStore
import ChecklistText
import SystemImports

/// What git runs to merge one account's state file (`merge-driver %O %A %B`): the three versions
/// in, the merged file written over git's copy of ours, the clashes back for the person syncing.
/// A side that is damaged or from a newer schema is refused: git then keeps its conflict, and our
/// working copy, untouched, for a person.
public enum MergeDriver {
    /// Prefixes of the lines this driver prints, which `sync` picks out of git's output.
    public static let clashPrefix = "root-checklist merge: "
    public static let refusalPrefix = "root-checklist merge refused: "

    /// Merges and writes the result to `ours`; returns the lines that hand each clash to `sync`.
    public static func run(base: String, ours: String, theirs: String) throws(TeamError) -> [String] {
        let mine = try read(ours, side: "this side's")
        let yours = try read(theirs, side: "the remote's")
        // No base (both sides added the file), or one this version cannot read: merge without one.
        let common = (try? read(base, side: "the common")).flatMap { $0 }
        guard let mine, let yours else {
            throw .model(.corruptState(path: mine == nil ? ours : theirs, detail: "it is empty"))
        }
        let result: StateMerge.Result
        do {
            result = try StateMerge.merge(base: common, ours: mine, theirs: yours)
        } catch {
            throw .model(error)
        }
        let bytes: Data
        do {
            bytes = try StateCodec.encodeForWriting(result.state, path: ours)
        } catch {
            throw .model(error)
        }
        try write(bytes, to: ours)
        return result.clashes.map { clashPrefix + SyncClash(accountID: mine.account.id, clash: $0).line }
    }

    /// Nil for an empty file (git's stand-in for "no such version").
    static func read(_ path: String, side: String) throws(TeamError) -> AccountState? {
        let data: Data
        do {
            data = try SafeFileRead.read(URL(fileURLWithPath: path), limit: StateCodec.maxFileSize + 1, followSymlinks: false)
        } catch {
            throw .model(.corruptState(path: path, detail: "\(side) version cannot be read: \(error)"))
        }
        if data.isEmpty { return nil }
        if data.count > StateCodec.maxFileSize { throw .model(.fileTooLarge(path: path, limit: StateCodec.maxFileSize)) }
        do {
            return try StateCodec.decode(data, path: "\(side) version")
        } catch {
            throw .model(error)
        }
    }

    /// Git's temporary copy of ours takes the result; it is git's file, made for this. Opened without
    /// blocking (a FIFO in its place would wait for a reader) and truncated only once it is known to
    /// be a regular file (never a device).
    static func write(_ bytes: Data, to path: String) throws(TeamError) {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw .model(.io(path: path, operation: "write the merged file", errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        guard ftruncate(fd, 0) == 0 else { throw .model(.io(path: path, operation: "write the merged file", errno: errno)) }
        let failure = bytes.withUnsafeBytes { writeAll($0, to: fd) }
        if failure != 0 { throw .model(.io(path: path, operation: "write the merged file", errno: failure)) }
    }
}
