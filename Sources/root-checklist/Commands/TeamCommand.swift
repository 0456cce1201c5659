import ArgumentParser
import ChecklistModel
import ProcessSupport
import SystemImports
import TeamState

/// Sharing the state directory with a team through git.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Share the state directory with a team through git.",
        subcommands: [TeamInitCommand.self]
    )
}

/// `team init [--remote URL]`.
struct TeamInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make the state directory a shared git repository (or finish setting up a clone of one).",
        discussion: """
            Creates the repository when there is none, writes .gitattributes and .gitignore, registers \
            the state-aware merge driver and commits the accounts already here. With --remote it then \
            syncs: the remote's accounts are merged in and yours are pushed. From then on every change \
            is a commit, and `root-checklist sync` exchanges them with the team.
            """
    )

    @Option(help: ArgumentHelp("The team's git remote (a URL or path), added as origin.", valueName: "url"))
    var remote: String?

    @Option(help: ArgumentHelp("Your name as history records it in this directory (its own git user.name), for a login other people share.",
                               valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Your email for this directory's commits (its own git user.email); goes with --name.", valueName: "email"))
    var email: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let remote, remote.isEmpty || remote.hasPrefix("-") {
            throw ValidationError("--remote needs a git URL or path, like git@example.com:secops/root-state.git.")
        }
        if let name {
            do { try Operator.validate(name) } catch { throw ValidationError("--name: \(error)") }
            if name.trimmingSpaces().isEmpty { throw ValidationError("--name is empty: give the name history should record for you.") }
        }
        if let email {
            guard name != nil else { throw ValidationError("--email goes with --name.") }
            guard EvidenceValidator.isEmail(email) else { throw ValidationError("--email must look like name@example.com.") }
        }
    }

    func run() throws {
        try reportingFailures {
            let store = global.store
            let report = try TeamSetup.run(store: store, remote: remote, operatorName: { shared in
                if let name {
                    do { try shared.setIdentity(name: name.trimmingSpaces(), email: email) } catch { Output.warning("the name was not set: \(error)") }
                }
                return global.by
            }, driverCommand: TeamContext.driverCommand,
                                           inspectState: TeamContext.inspectIncoming)
            report.sync?.notices.forEach(Output.warning)
            var lines = ["\(store.directory.path) is shared through git"
                         + (report.createdRepository ? " (new repository)" : "")
                         + ": \(report.accounts) account\(report.accounts == 1 ? "" : "s"); every change is now a commit."]
            if let branch = report.followedBranch { lines.append("Following the remote's default branch, \(branch).") }
            if let name { lines.append("History in this directory records you as \(PlainText.sanitizeLine(name.trimmingSpaces())).") }
            else if let shared = try? SharedDirectory.open(store), shared.identity().nameFromLogin, global.operatorName == nil {
                lines.append("History records you as \(shared.identity().name ?? "?") from your login's git config; "
                             + "on a login other people share, give this directory your own name with --name.")
            }
            if let sync = report.sync { lines += SyncCommand.describe(sync) } else {
                lines.append("No remote yet: add one with `root-checklist team init --remote URL`.")
            }
            try Output.print(lines.joined(separator: "\n") + "\n")
        }
    }
}

/// `sync`.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange changes with the team: commit, fetch, merge item by item, push.",
        discussion: """
            An item changed here and by someone else keeps the later change; both stay in its history \
            and the clash is printed. A file from the remote that cannot be merged (damaged, or from a \
            newer version) stops the sync with your copy untouched. Exit 1 when the sync could not finish.
            """
    )

    @Flag(help: "Take the remote's deletion of accounts (refused otherwise, with the accounts named).")
    var allowDeletions = false

    @Flag(name: .customLong("continue"), help: "Finish a merge that waited for a person, once the files in conflict are repaired.")
    var continueMerge = false

    @Flag(name: .customLong("abort"), help: "Undo a merge that waited for a person; every change saved here is kept, as a commit.")
    var abortMerge = false

    func validate() throws {
        if continueMerge && abortMerge { throw ValidationError("--continue and --abort go one at a time.") }
    }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            let store = global.store
            let shared = try SharedDirectory.open(store)
            var sync = TeamContext.sync(shared, operatorName: global.by, allowDeletions: allowDeletions)
            sync.waitingMerge = abortMerge ? .abortMerge : continueMerge ? .continueMerge : .finishIfClean
            let report = try sync.run()
            if report.abortedMerge {
                try Output.print("The waiting merge was undone; every change saved here is kept and committed. Sync again to take the remote's changes.\n")
                return
            }
            report.notices.forEach(Output.warning)
            let marked = ChangedByBothNotice.lines(ChangedByBothNotice.afterSync(report.changedAccounts, store: store))
            try Output.print((Self.describe(report) + marked).joined(separator: "\n") + "\n")
        }
    }

    static func describe(_ report: TeamSync.Report) -> [String] {
        var lines: [String] = []
        if report.committedPending > 0 {
            lines.append("Committed \(report.committedPending) saved change\(report.committedPending == 1 ? "" : "s") first.")
        }
        let changed = Set(report.changedAccounts).count
        lines.append("Synced with \(report.remote): received \(report.received) commit\(report.received == 1 ? "" : "s")"
                     + (changed > 0 ? " (\(changed) account\(changed == 1 ? "" : "s") changed)" : "")
                     + ", sent \(report.sent).")
        if !report.clashes.isEmpty {
            lines.append("\(report.clashes.count) item\(report.clashes.count == 1 ? " was" : "s were") changed on both sides:")
            lines += report.clashes.map { "  \($0.text)" }
        }
        return lines
    }
}

/// What git runs to merge an account's state file; not for people.
struct MergeDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        abstract: "Merge three versions of an account's state file (git runs this during sync).",
        discussion: "Writes the merged state over OURS and prints each clash; exits 1, leaving git's conflict, when a version cannot be read."
    )

    @Argument(help: "The common ancestor's version (git's %O).") var base: String
    @Argument(help: "This side's version, replaced by the merge (git's %A).") var ours: String
    @Argument(help: "The other side's version (git's %B).") var theirs: String

    func run() throws {
        do {
            // Each line already plain (its fields made so before they were joined).
            for line in try MergeDriver.run(base: base, ours: ours, theirs: theirs) { Output.write(line + "\n", to: STDERR_FILENO) }
        } catch {
            Output.write(MergeDriver.refusalPrefix + PlainText.sanitizeLine("\(error)") + "\n", to: STDERR_FILENO)
            throw ExitCode(1)
        }
    }
}
