import ChecklistModel
import SystemImports
import Dispatch

/// The state directory: one `<account-id>.json` per account, 0700 directory, 0600 files.
public struct StateStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func url(for accountID: String) -> URL { directory.appendingPathComponent("\(accountID).json") }
    func lockURL(for accountID: String) -> URL { directory.appendingPathComponent(".\(accountID).lock") }

    public func exists(_ accountID: String) -> Bool {
        var info = stat()
        return lstat(url(for: accountID).path, &info) == 0
    }

    /// Account ids with a state file, sorted.
    public func accountIDs() throws -> [String] {
        switch DirectoryListing.kind(of: directory.path) {
        case .missing: return []
        case .other: throw ModelError.io(path: directory.path, operation: "read the state directory", errno: ENOTDIR)
        case .unusable(let code): throw ModelError.io(path: directory.path, operation: "read the state directory", errno: code)
        case .directory: break
        }
        guard let names = DirectoryListing.names(at: directory.path) else {
            throw ModelError.io(path: directory.path, operation: "read the state directory", errno: errno)
        }
        return names
            .filter { $0.hasSuffix(".json") && EvidenceValidator.isAccountID(String($0.dropLast(5))) }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    /// Reads one account. Never writes, never blocks on a lock.
    public func load(_ accountID: String) throws -> AccountState {
        guard EvidenceValidator.isAccountID(accountID) else { throw ModelError.invalidAccountID(accountID) }
        let file = url(for: accountID)
        var info = stat()
        guard lstat(file.path, &info) == 0 else {
            if errno == ENOENT { throw ModelError.accountNotFound(id: accountID, directory: directory.path) }
            throw ModelError.io(path: file.path, operation: "read", errno: errno)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw ModelError.notARegularFile(path: file.path) }
        guard Int(info.st_size) <= StateCodec.maxFileSize else {
            throw ModelError.fileTooLarge(path: file.path, limit: StateCodec.maxFileSize)
        }
        let data: Data
        do {
            data = try SafeFileRead.read(file, limit: StateCodec.maxFileSize + 1, followSymlinks: false)
        } catch .notARegularFile {
            throw ModelError.notARegularFile(path: file.path)
        } catch .cannotOpen(let code), .cannotRead(let code) {
            throw ModelError.io(path: file.path, operation: "read", errno: code)
        }
        if data.count > StateCodec.maxFileSize {
            throw ModelError.fileTooLarge(path: file.path, limit: StateCodec.maxFileSize)
        }
        let state = try StateCodec.decode(data, path: file.path)
        guard state.account.id == accountID else {
            throw ModelError.corruptState(path: file.path, detail: "it belongs to account \(state.account.id), not \(accountID)")
        }
        return state
    }

    /// Creates the state directory (0700, and 0700 for any parent it creates, whatever the umask)
    /// when missing; refuses one that other users could write to, since they could replace the
    /// state files in it.
    public func ensureDirectory() throws {
        switch DirectoryListing.kind(of: directory.path) {
        case .directory(let mode, let owner):
            try Self.checkPrivate(directory.path, mode: mode, owner: owner)
            return
        case .other: throw ModelError.io(path: directory.path, operation: "use the state directory", errno: ENOTDIR)
        case .unusable(let code): throw ModelError.io(path: directory.path, operation: "use the state directory", errno: code)
        case .missing: break
        }
        // Each missing component from the top down, so none is ever created wider than 0700.
        var missing: [String] = []
        var path = directory.standardizedFileURL.path
        while path != "/" && !path.isEmpty, case .missing = DirectoryListing.kind(of: path) {
            missing.append(path)
            path = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        }
        for component in missing.reversed() {
            if mkdir(component, 0o700) != 0 && errno != EEXIST {
                throw ModelError.io(path: component, operation: "create the state directory", errno: errno)
            }
        }
    }

    /// A state directory writable by group or others, or owned by another user (root's excepted),
    /// lets someone else swap the files under us.
    static func checkPrivate(_ path: String, mode: mode_t, owner: uid_t) throws {
        if mode & 0o022 != 0 {
            throw ModelError.unsafeDirectory(path: path, problem: "is writable by other users (mode \(String(mode, radix: 8)))",
                                             fix: "chmod go-w \(path)")
        }
        let me = geteuid()
        if owner != me && owner != 0 && me != 0 {
            throw ModelError.unsafeDirectory(path: path, problem: "belongs to another user (uid \(owner))",
                                             fix: nil)
        }
    }

    /// Takes the account's write lock; `wait` seconds of retrying lets short CLI writers queue.
    /// `purpose` says who holds it and why (`alice@laptop, marking an item`), for the writer told to wait.
    public func lock(_ accountID: String, purpose: String, wait: TimeInterval = 0) throws -> AccountLock {
        guard EvidenceValidator.isAccountID(accountID) else { throw ModelError.invalidAccountID(accountID) }
        try ensureDirectory()
        let lock = try AccountLock.acquire(accountID: accountID, path: lockURL(for: accountID), purpose: purpose, wait: wait)
        AtomicFile.removeLeftovers(for: url(for: accountID))
        return lock
    }

    /// Writes a new account; refuses to replace an existing file.
    public func create(_ state: AccountState, lock: AccountLock) throws {
        if exists(state.account.id) { throw ModelError.accountExists(state.account.id) }
        try save(state, lock: lock)
    }

    /// Saves atomically and durably. The caller must hold the account's lock.
    public func save(_ state: AccountState, lock: AccountLock) throws {
        let file = url(for: state.account.id)
        guard lock.accountID == state.account.id else {
            throw ModelError.locked(accountID: state.account.id, holder: "no lock of this process")
        }
        var info = stat()
        if lstat(file.path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            throw ModelError.notARegularFile(path: file.path)
        }
        try AtomicFile.write(StateCodec.encodeForWriting(state, path: file.path), to: file, holdingLock: true)
    }

    /// Loads every account; a damaged file is reported in its slot, not thrown, so one bad file
    /// does not hide the others. Large fleets are read on every core: each file is parsed on its
    /// own, and each result lands in its own slot, so the order stays that of the ids.
    public func loadAll() throws -> [StoredAccount] {
        try loadAll { $0 }.map { StoredAccount(id: $0.id, result: $0.value) }
    }

    /// Loads every account and hands each result to `transform` on the worker that read it, so what
    /// is made of each file (a list row, a summary's progress) is made on every core too.
    public func loadAll<T: Sendable>(_ transform: @escaping @Sendable (Result<AccountState, ModelError>) -> T) throws -> [(id: String, value: T)] {
        let ids = try accountIDs()
        let slots = LoadSlots<T>(count: ids.count)
        let load: @Sendable (Int) -> Void = { index in slots.set(index, transform(self.loadReporting(ids[index]))) }
        if ids.count < Self.parallelThreshold {
            for index in ids.indices { load(index) }
        } else {
            let chunk = 64
            DispatchQueue.concurrentPerform(iterations: (ids.count + chunk - 1) / chunk) { part in
                for index in (part * chunk)..<min(ids.count, (part + 1) * chunk) { load(index) }
            }
        }
        return zip(ids, slots.results).map { (id: $0, value: $1) }
    }

    /// Below this many accounts, starting worker threads costs more than it saves.
    public static let parallelThreshold = 256

    private func loadReporting(_ id: String) -> Result<AccountState, ModelError> {
        do {
            return .success(try load(id))
        } catch let error as ModelError {
            return .failure(error)
        } catch {
            return .failure(.corruptState(path: url(for: id).path, detail: "\(error)"))
        }
    }
}

/// One result slot per account, each written by exactly one worker before `results` is read.
/// A raw buffer, not an array property: concurrent writes to distinct slots of a class's array
/// would trip Swift's exclusivity checks, writes through a pointer do not.
private final class LoadSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.baseAddress.map { $0.deinitialize(count: slots.count) }
        slots.deallocate()
    }

    func set(_ index: Int, _ result: T) {
        slots[index] = result
    }

    /// Every slot, each set by its worker before this is read.
    var results: [T] { slots.map { $0! } }
}
