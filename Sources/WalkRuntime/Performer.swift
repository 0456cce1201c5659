import ChecklistUI

/// Performs the walkthrough's effects: the live one against the state directory, git and AWS; a
/// fake in tests. Quick answers are returned; slow ones are posted to the inbox by their worker.
public protocol Performer: AnyObject {
    /// Performs one effect (every effect the reducer returns, the clipboard and quit included).
    func perform(_ effect: Effect, state: AppState, inbox: Inbox) -> Msg?
    /// The open account was left for the list: what held it (its lock) can go.
    func accountLeft()
    /// Asked about once a second while the account list shows: what changed on disk, if anything.
    func lookForChanges() -> Msg?
    /// Once the first frame is on the screen: what was put off to draw it sooner.
    func afterFirstFrame(_ state: AppState) -> [Msg]
    /// The walkthrough ends: stop what runs, let go of what is held.
    func finish()
}

extension Performer {
    public func accountLeft() {}
    public func lookForChanges() -> Msg? { nil }
    public func afterFirstFrame(_ state: AppState) -> [Msg] { [] }
    public func finish() {}
}
