import ChecklistModel
import ChecklistStore
import ChecklistText
import Foundation
import Testing
import TestSupport

@Suite struct StateStoreTests {
    let checklist = Fixtures.defaultChecklist

    func storeWithAccount() throws -> (StateStore, AccountState) {
        let store = StateStore(directory: Fixtures.tempDirectory().appendingPathComponent("state"))
        let state = try Fixtures.newState()
        let lock = try store.lock(state.account.id, purpose: "test")
        try store.create(state, lock: lock)
        return (store, state)
    }

    @Test func roundTripsEveryField() throws {
        let (store, original) = try storeWithAccount()
        var state = original
        let lock = try store.lock(state.account.id, purpose: "test")
        try state.setStatus(.done, item: "root-mfa", evidence: Fixtures.mfaEvidence, note: "line one\nline two",
                            checklist: checklist, by: "t", at: Fixtures.at)
        state.recordCheck(CheckResult(outcome: .pass, reason: "ok", at: Fixtures.at, source: .file), item: "root-mfa", by: "t")
        state.setCursor("no-root-access-keys")
        try store.save(state, lock: lock)
        #expect(try store.load(state.account.id) == state)
    }

    /// No save writes a file the reader would refuse: the change is refused, the file stays as it was.
    @Test func aSaveTheReaderWouldRefuseWritesNothing() throws {
        let (store, original) = try storeWithAccount()
        let before = try Data(contentsOf: store.url(for: original.account.id))
        var state = original
        let note = String(repeating: "n", count: AccountState.maxFreeTextLength)
        for index in 0..<(StateCodec.maxFileSize / note.count + 10) {
            state.items["item-\(index)"] = ItemRecord(status: .pending, note: note)
        }
        let lock = try store.lock(state.account.id, purpose: "test")
        do {
            try store.save(state, lock: lock)
            Issue.record("an oversized state was written")
        } catch ModelError.stateTooLarge(let path, let size, let limit) {
            #expect(path == store.url(for: original.account.id).path)
            #expect(size > limit && limit == StateCodec.maxFileSize)
            #expect(ModelError.stateTooLarge(path: path, size: size, limit: limit).message().contains("nothing was written"))
        }
        #expect(try Data(contentsOf: store.url(for: original.account.id)) == before)
        #expect(try store.load(original.account.id) == original)
    }

    @Test func permissionsAre0700And0600() throws {
        let (store, state) = try storeWithAccount()
        #expect(Fixtures.mode(of: store.directory) == 0o700)
        #expect(Fixtures.mode(of: store.url(for: state.account.id)) == 0o600)
    }

    @Test func createRefusesToReplace() throws {
        let (store, state) = try storeWithAccount()
        let lock = try store.lock(state.account.id, purpose: "test")
        #expect(throws: ModelError.accountExists(state.account.id)) { try store.create(state, lock: lock) }
    }

    @Test func corruptFileIsReportedWithPositionAndLeftUntouched() throws {
        let (store, state) = try storeWithAccount()
        let url = store.url(for: state.account.id)
        let broken = Data("{\n  \"schemaVersion\": 2,\n  \"account\": {\"id\": \"111122223333\"\n".utf8)
        try broken.write(to: url)
        do {
            _ = try store.load(state.account.id)
            Issue.record("corrupt file loaded")
        } catch let error as ModelError {
            guard case .corruptState(let path, let detail) = error else { Issue.record("\(error)"); return }
            #expect(path == url.path)
            #expect(detail.contains("line"), "\(detail)")
        }
        #expect(try Data(contentsOf: url) == broken)
    }

    @Test func wrongShapeNamesTheJSONPath() throws {
        let (store, state) = try storeWithAccount()
        let url = store.url(for: state.account.id)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        object["items"] = ["root-mfa": ["status": "finished"]]
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        #expect {
            try store.load(state.account.id)
        } throws: { error in
            "\(error)".contains("$.items.root-mfa.status")
        }
    }

    @Test func newerSchemaIsRefusedAndLeftUntouched() throws {
        let (store, state) = try storeWithAccount()
        let url = store.url(for: state.account.id)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        object["schemaVersion"] = 99
        let data = try JSONSerialization.data(withJSONObject: object)
        try data.write(to: url)
        #expect(throws: ModelError.newerSchema(path: url.path, found: 99, supported: AccountState.currentSchemaVersion)) {
            try store.load(state.account.id)
        }
        #expect(try Data(contentsOf: url) == data)
    }

    @Test func migratesVersionOne() throws {
        let store = StateStore(directory: Fixtures.tempDirectory())
        let v1: [String: Any] = [
            "schemaVersion": 1, "accountId": "444455556666", "alias": "legacy", "rootEmail": "r@example.com",
            "checklistId": "aws-root-user", "checklistVersion": 1,
            "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-02T00:00:00Z",
            "items": ["root-mfa": ["status": "skipped", "reason": "waiting for keys"]],
            "history": [["at": "2025-01-02T00:00:00Z", "by": "old@host", "action": "status", "item": "root-mfa",
                         "from": "pending", "to": "skipped"]],
        ]
        try JSONSerialization.data(withJSONObject: v1).write(to: store.url(for: "444455556666"))
        let state = try store.load("444455556666")
        #expect(state.schemaVersion == AccountState.currentSchemaVersion)
        #expect(state.account == AccountInfo(id: "444455556666", alias: "legacy", rootEmail: "r@example.com"))
        #expect(state.checklist == ChecklistRef(id: "aws-root-user", version: 1))
        #expect(state.record("root-mfa").reason == "waiting for keys")
        #expect(state.history.count == 1)
        // Saving writes the current schema.
        let lock = try store.lock("444455556666", purpose: "test")
        try store.save(state, lock: lock)
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: store.url(for: "444455556666"))) as! [String: Any]
        #expect(saved["schemaVersion"] as? Int == AccountState.currentSchemaVersion)
    }

    @Test func symlinkInPlaceOfStateFileIsRefused() throws {
        let (store, state) = try storeWithAccount()
        let url = store.url(for: state.account.id)
        let elsewhere = Fixtures.tempDirectory().appendingPathComponent("target.json")
        try FileManager.default.moveItem(at: url, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: elsewhere)
        #expect(throws: ModelError.notARegularFile(path: url.path)) { try store.load(state.account.id) }
        let lock = try store.lock(state.account.id, purpose: "test")
        #expect(throws: ModelError.notARegularFile(path: url.path)) { try store.save(state, lock: lock) }
    }

    @Test func secondWriterIsToldWhoHoldsTheLock() throws {
        let (store, state) = try storeWithAccount()
        let first = try store.lock(state.account.id, purpose: "walkthrough")
        do {
            _ = try store.lock(state.account.id, purpose: "mark", wait: 0.1)
            Issue.record("second lock granted")
        } catch ModelError.locked(let id, let holder) {
            #expect(id == state.account.id)
            #expect(holder.contains("pid \(getpid())"))
            #expect(holder.contains("walkthrough"))
        }
        first.release()
        _ = try store.lock(state.account.id, purpose: "mark")
    }

    @Test func lockHeldByAnotherProcessIsRecoveredWhenItDies() throws {
        let (store, state) = try storeWithAccount()
        let lockPath = store.directory.appendingPathComponent(".\(state.account.id).lock").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c",
                            "import fcntl,sys,time;f=open(sys.argv[1],'a');fcntl.flock(f,fcntl.LOCK_EX);print('held',flush=True);time.sleep(60)",
                            lockPath]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData
        #expect(throws: ModelError.self) { try store.lock(state.account.id, purpose: "test", wait: 0.2) }
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        _ = try store.lock(state.account.id, purpose: "test")
    }

    @Test func leftoverTempFilesAreCleanedUnderTheLock() throws {
        let (store, state) = try storeWithAccount()
        let leftover = store.directory.appendingPathComponent(".\(state.account.id).json.tmp")
        try Data("partial".utf8).write(to: leftover)
        _ = try store.lock(state.account.id, purpose: "test")
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }

    @Test func loadAllReportsDamagedFilesInPlace() throws {
        let (store, _) = try storeWithAccount()
        try Data("garbage".utf8).write(to: store.url(for: "999999999999"))
        let all = try store.loadAll()
        #expect(all.map(\.id) == ["111122223333", "999999999999"])
        if case .success = all[1].result { Issue.record("garbage loaded") }
    }

    @Test func oversizedFileIsRefusedWithoutReadingIt() throws {
        let (store, state) = try storeWithAccount()
        let url = store.url(for: state.account.id)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(StateCodec.maxFileSize + 10))
        try handle.close()
        #expect(throws: ModelError.fileTooLarge(path: url.path, limit: StateCodec.maxFileSize)) { try store.load(state.account.id) }
    }
}


/// Large fleets are read on every core; the result must not depend on that.
@Suite struct ParallelLoadTests {
    @Test func manyAccountsComeBackInOrderWithDamagedOnesInPlace() throws {
        let store = StateStore(directory: Fixtures.tempDirectory())
        let count = StateStore.parallelThreshold * 3 + 7
        let ids = (0..<count).map { String(format: "%012d", 100_000_000_000 + $0) }
        for (index, id) in ids.enumerated() {
            if index % 97 == 5 {
                try Data("{ damaged".utf8).write(to: store.url(for: id))
            } else {
                let state = try AccountState.new(accountID: id, alias: "a\(index)", rootEmail: nil,
                                                 checklist: Fixtures.defaultChecklist, by: "t@h", at: Fixtures.at)
                try StateCodec.encode(state).write(to: store.url(for: id))
            }
        }
        let loaded = try store.loadAll()
        #expect(loaded.map(\.id) == ids)
        for (index, entry) in loaded.enumerated() {
            switch entry.result {
            case .success(let state):
                #expect(index % 97 != 5)
                #expect(state.account.id == ids[index] && state.account.alias == "a\(index)")
            case .failure(let error):
                #expect(index % 97 == 5, "\(error)")
                #expect(error.description.contains(ids[index]))
            }
        }
    }
}
