import AWSChecks
import ChecklistModel
import ChecklistStore
import SystemImports

/// One verification of one account, the same for `v`, `verify` and `verify --all`: the checks ask AWS
/// through a source that keeps every reply; the results are recorded into the account as it is then
/// (AWS is asked without holding it, so a walkthrough or a mark may go on meanwhile); the replies are
/// kept beside the state files for the evidence bundle.
struct VerificationRun {
    let snapshot: AccountState
    let checklist: Checklist
    let region: String?
    let only: Set<String>?
    let at: Date
    let recorder: RecordingReplies

    init(source: any ReplySource, snapshot: AccountState, checklist: Checklist, region: String?, only: Set<String>? = nil,
         at: Date = Timestamp.now()) {
        recorder = RecordingReplies(source)
        self.snapshot = snapshot
        self.checklist = checklist
        self.region = region
        self.only = only
        self.at = at
    }

    /// Asks AWS; nothing is recorded yet.
    func verify() throws(VerifyError) -> Verifier.Run {
        try Verifier(source: recorder, region: region).verify(state: snapshot, checklist: checklist, only: only, now: at)
    }

    /// Records the run into the stored account under its lock (committed on its own in a shared
    /// directory unless `commit` is false: a fleet run commits once at the end) and keeps its replies.
    func record(_ run: Verifier.Run, in store: StateStore, by: String, command: String, commit: Bool = true) throws -> AccountState {
        let state = try AccountTransaction.update(snapshot.account.id, in: store, by: by, command: command, wait: 10, commit: commit) { state in
            try state.record(run.verification, by: by, at: at)
        }
        keep(recorded: state, in: store)
        return state
    }

    /// Keeps the replies with the item records the checks read; `recorded` is the account as saved
    /// after (its latest checks say which older runs can go). A failure is a warning.
    func keep(recorded: AccountState, in store: StateStore, warn: (String) -> Void = Output.warning) {
        KeptReplies.keep(recorder, snapshot: snapshot, recorded: recorded, checklist: checklist, only: only, at: at, region: region,
                         store: store, warn: warn)
    }
}
