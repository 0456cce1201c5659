import ChecklistModel
import SystemImports

/// The AWS replies each recorded check was decided from, kept beside the state files for the
/// evidence bundle: `.aws-replies/<account>/<time>.json`, one file per verification run, private
/// to the owner and never committed (sharing commits account files only). A run no item's latest
/// check points at any more is removed.
public struct ReplyArchive: Sendable {
    public let store: StateStore
    public static let directoryName = ".aws-replies"
    /// A run's log is kilobytes; a credential report of a large account a few hundred.
    public static let maxRunSize = 32 * 1024 * 1024

    public init(store: StateStore) { self.store = store }

    /// `20261206T163000Z.json`: the run's time, which is every check's time in it.
    public static func fileName(_ at: Date) -> String {
        ISODate.format(at).filter { $0 != "-" && $0 != ":" } + ".json"
    }

    func directory(_ account: String) -> URL {
        store.directory.appendingPathComponent(Self.directoryName).appendingPathComponent(account)
    }

    /// Writes one run's replies (replacing a run of the same second, which this program wrote).
    public func save(_ bytes: [UInt8], account: String, at: Date) throws {
        guard EvidenceValidator.isAccountID(account) else { throw ModelError.invalidAccountID(account) }
        try store.ensureDirectory()
        let top = store.directory.appendingPathComponent(Self.directoryName)
        for path in [top.path, directory(account).path] { try Self.ensurePrivateDirectory(path) }
        try AtomicFile.write(Data(bytes), to: directory(account).appendingPathComponent(Self.fileName(at)))
    }

    /// A run's bytes, nil when none was kept (or it is not a regular file of a sane size).
    public func load(account: String, at: Date) -> Data? {
        guard EvidenceValidator.isAccountID(account) else { return nil }
        return SafeFileRead.contents(of: directory(account).appendingPathComponent(Self.fileName(at)), limit: Self.maxRunSize,
                                     followSymlinks: false)
    }

    /// Removes the account's runs whose time is not in `keeping`; anything that is not a run file is left alone.
    public func prune(account: String, keeping: Set<Date>) {
        guard EvidenceValidator.isAccountID(account), let names = DirectoryListing.names(at: directory(account).path) else { return }
        let kept = Set(keeping.map(Self.fileName))
        for name in names where name.hasSuffix("Z.json") && !kept.contains(name) {
            let path = directory(account).appendingPathComponent(name).path
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { unlink(path) }
        }
    }

    /// A directory this program may write into: made 0700 when missing; an existing one must be a
    /// real directory (never a link) that only its owner can write.
    static func ensurePrivateDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw ModelError.io(path: path, operation: "create", errno: errno) }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw ModelError.io(path: path, operation: "inspect", errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ModelError.unsafeDirectory(path: path, problem: "is not a directory (a link or a file)", fix: "move it aside")
        }
        try StateStore.checkPrivate(path, mode: info.st_mode & 0o7777, owner: info.st_uid)
    }
}

extension AccountState {
    /// The times of the latest checks the account records: the runs whose replies are worth keeping.
    public var checkTimes: Set<Date> { Set(items.values.compactMap { $0.check?.at }) }
}
