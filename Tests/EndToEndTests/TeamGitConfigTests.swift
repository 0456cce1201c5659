import Foundation
import Testing

/// A shared directory may be a copy of a team's, so what its `.git` names to run is never run:
/// hooks and the file-system monitor are switched off for every git command, and a directory whose
/// configuration names another program is refused, a read-only report included.
@Suite struct TeamGitConfigTests {
    let id = "111122223333"

    /// A shell script that leaves `marker` behind when anything runs it.
    func payload(_ team: TeamFixture, _ name: String) throws -> (script: String, marker: URL) {
        let marker = team.root.appendingPathComponent("\(name)-ran")
        let script = team.root.appendingPathComponent("\(name).sh")
        try Data("#!/bin/sh\ntouch \(marker.path)\ncat >/dev/null 2>&1 </dev/null\nexit 0\n".utf8).write(to: script)
        chmod(script.path, 0o755)
        return (script.path, marker)
    }

    @Test func hooksInTheDirectoryNeverRun() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try team.start(id, first: alice, others: [])
        var markers: [URL] = []
        let hooks = alice.directory.appendingPathComponent(".git/hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        for hook in ["pre-commit", "post-commit", "reference-transaction", "post-merge", "pre-push", "post-checkout", "commit-msg"] {
            let (script, marker) = try payload(team, hook)
            try FileManager.default.copyItem(atPath: script, toPath: hooks.appendingPathComponent(hook).path)
            markers.append(marker)
        }
        try alice.ok(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        #expect(try alice.run(["summary", id, "--format", "json"]).stdout.contains("\"commit\""), "the report names the commit")
        try alice.ok(["sync"])
        let log = try alice.git(["log", "--format=%s"]).stdout
        #expect(log.contains("root-mfa pending → skipped"), "the change was committed, without its hooks: \(log)")
        for marker in markers { #expect(!FileManager.default.fileExists(atPath: marker.path), "\(marker.lastPathComponent)") }
    }

    @Test(arguments: ["core.fsmonitor", "core.hooksPath", "core.sshCommand", "credential.helper", "core.pager"])
    func aDirectoryNamingAProgramIsRefusedAndNothingRuns(key: String) throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try team.start(id, first: alice, others: [])
        let (script, marker) = try payload(team, "payload")
        let value: String
        if key == "core.hooksPath" {
            let hooks = team.root.appendingPathComponent("evil-hooks")
            try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
            for hook in ["post-commit", "reference-transaction", "pre-commit"] {
                try FileManager.default.copyItem(atPath: script, toPath: hooks.appendingPathComponent(hook).path)
            }
            value = hooks.path
        } else {
            value = script
        }
        #expect(try alice.git(["config", "--local", key, value]).status == 0)

        // A reviewer's read-only report: printed, with a warning instead of the commit line.
        let summary = try alice.run(["summary", id])
        #expect(summary.status == 3, "\(summary.stderr)")
        #expect(summary.stdout.contains("AWS root user checklist"))
        #expect(summary.stderr.contains("names programs git would run (\(key.lowercased()))"), "\(summary.stderr)")
        // A change: saved, not committed, and the warning says how to fix it.
        let mark = try alice.run(["mark", id, "root-mfa", "skip", "--reason", "token on order"])
        #expect(mark.status == 0, "\(mark.stderr)")
        #expect(try alice.status(id, "root-mfa") == "skipped")
        #expect(mark.stderr.contains("config --local --unset KEY"), "\(mark.stderr)")
        let sync = try alice.run(["sync"])
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("no git command was run there"), "\(sync.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "the directory's \(key) ran")

        // Removed: the next sync commits the saved change.
        #expect(try alice.git(["config", "--local", "--unset", key]).status == 0)
        try alice.ok(["sync"])
        #expect(try alice.git(["status", "--porcelain"]).stdout.isEmpty, "the saved change is committed")
        #expect(try alice.git(["show", "HEAD:\(id).json"]).stdout.contains("token on order"))
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    /// An operator who set a helper there on purpose says so, and git uses it.
    @Test func anOperatorMayVouchForTheSettings() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try team.start(id, first: alice, others: [])
        #expect(try alice.git(["config", "--local", "credential.helper", "cache --timeout=60"]).status == 0)
        // Named, so the only thing that could be said is about the git settings.
        let trusted = try alice.bin.run(["mark", id, "root-mfa", "skip", "--reason", "later", "--operator", "alice", "--state-dir", alice.directory.path],
                                        environment: alice.environment.merging(["ROOT_CHECKLIST_TRUST_GIT_CONFIG": "1"]) { $1 })
        #expect(trusted.status == 0 && trusted.stderr.isEmpty, "\(trusted.stderr)")
        #expect(try alice.git(["log", "--format=%s"]).stdout.contains("root-mfa"))
    }

    /// One lock order: a command never holds an account while it waits for the repository (which
    /// a sync holds while it waits for the accounts it merges), so the two can never wait on each other.
    @Test func aCommandWaitingForTheRepositoryDoesNotHoldItsAccount() throws {
        let team = try TeamFixture()
        let alice = team.member("alice")
        try team.start(id, first: alice, others: [])
        // A sync in progress: the repository held.
        let repository = open(alice.directory.appendingPathComponent(".git/root-checklist.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(flock(repository, LOCK_EX | LOCK_NB) == 0)
        let mark = try alice.bin.start(["mark", id, "root-mfa", "skip", "--reason", "later", "--state-dir", alice.directory.path],
                                       environment: alice.environment)
        // The command waits for the repository first, holding nothing a sync would wait for.
        let deadline = Date().addingTimeInterval(10)
        usleep(300_000)
        let account = open(alice.directory.appendingPathComponent(".\(id).lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        var free = false
        while !free && Date() < deadline {
            free = flock(account, LOCK_EX | LOCK_NB) == 0
            if !free { usleep(20_000) }
        }
        #expect(free, "mark held the account while waiting for the repository")
        flock(account, LOCK_UN)
        close(account)
        flock(repository, LOCK_UN)
        close(repository)
        let (status, _, stderr) = mark.finish()
        #expect(status == 0, "\(String(decoding: stderr, as: UTF8.self))")
        #expect(try alice.status(id, "root-mfa") == "skipped")
        #expect(try alice.git(["log", "-1", "--format=%s"]).stdout.contains("root-mfa pending → skipped"))
    }
}
