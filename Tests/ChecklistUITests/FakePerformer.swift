import ChecklistModel
import ChecklistUI
import Foundation
import WalkRuntime

/// Answers effects the way a healthy store would, in memory, and keeps every effect it was asked for.
final class FakePerformer: Performer {
    let checklist: Checklist
    var effects: [Effect] = []
    var saved: [AccountState] = []
    var stored: [String: AccountState] = [:]
    /// Accounts as a teammate pushed them, taken in by the next sync.
    var remote: [AccountState] = []
    var now: Date
    /// How many times the open account was let go (the lock a live performer would release).
    var left = 0
    var finished = false
    /// Answers a check by posting from another thread after `checkDelay`, like the live worker; nil: no answer.
    var checkAnswer: ((String, String) -> Msg)?
    var checkDelay = 0.0
    /// Answers a fix's planning and its calls (nil: no answer, as while AWS is still being asked).
    var fixPlan: ((String, String, [String: String]) -> Msg)?
    var fixRun: ((String, String) -> Msg)?

    init(checklist: Checklist, now: Date) {
        self.checklist = checklist
        self.now = now
    }

    func perform(_ effect: Effect, state: AppState, inbox: Inbox) -> Msg? {
        effects.append(effect)
        switch effect {
        case .save(let account):
            saved.append(account)
            stored[account.account.id] = account
            return .saved
        case .createAccount(let account):
            stored[account.account.id] = account
            return .accountOpened(account, checklist)
        case .openAccount(let id):
            guard let account = stored[id] else { return .openFailed(.other("no such account")) }
            return .accountOpened(account, checklist)
        case .cancelCheck:
            return .checkFailed(.cancelled)
        case .listAccounts:
            let rows = stored.values.map { AccountRow(AccountProgress(state: $0, checklist: checklist, asOf: now)) }
            return .accountsLoaded(rows: rows, unreadable: [])
        case .sync:
            // What a teammate pushed arrives; the open account is read again.
            let received = remote.count
            for account in remote { stored[account.account.id] = account }
            remote = []
            let open = state.session.flatMap { stored[$0.state.account.id] }
            return .synced(open, Flash("Synced: received \(received) commit\(received == 1 ? "" : "s").", .success))
        case .runCheck(let accountID, let itemID):
            guard let checkAnswer else { return nil }
            let answer = checkAnswer(accountID, itemID)
            let delay = checkDelay
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: delay)
                inbox.post(answer)
            }
            return nil
        case .planFix(let accountID, let itemID, let values):
            return fixPlan?(accountID, itemID, values)
        case .runFix(let accountID, let itemID):
            return fixRun?(accountID, itemID)
        case .quit, .copyToClipboard:
            return nil
        }
    }

    func accountLeft() { left += 1 }
    func finish() { finished = true }
}
