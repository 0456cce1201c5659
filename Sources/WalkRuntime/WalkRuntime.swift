import ChecklistModel
import ChecklistUI
import SystemImports

/// The walkthrough's runtime: messages in, the reducer, effects to the performer, answers back in.
/// `send` runs it synchronously (what tests drive); `run(on:)` is the loop on a terminal.
public final class WalkRuntime<P: Performer> {
    public var state: AppState
    public let performer: P
    public let inbox: Inbox
    /// The time the reducer is told; a test fixes it.
    public var clock: () -> Date = { Timestamp.now() }
    var pending: [Msg] = []
    /// The terminal while `run(on:)` runs: the clipboard and the frame before a sync go to it.
    var terminal: (any TerminalPort)?

    public init(state: AppState, performer: P, inbox: Inbox, first: [Msg] = []) {
        self.state = state
        self.performer = performer
        self.inbox = inbox
        pending = first
    }

    /// Runs a message and everything its effects answer at once, then whatever workers posted meanwhile.
    public func send(_ msg: Msg) {
        pending.append(msg)
        drain()
    }

    /// Runs the queued messages, and those their effects answer, until none is left.
    func drain() {
        while !pending.isEmpty {
            dispatch(pending.removeFirst())
        }
    }

    /// One message through the reducer; its effects performed in order.
    func dispatch(_ msg: Msg) {
        let hadSession = state.session != nil
        for effect in Reducer.update(&state, msg, now: clock()) {
            switch effect {
            case .copyToClipboard(let text):
                terminal?.copyToClipboard(text)
            case .sync:
                // A sync holds the loop while git talks to the remote: its message is on the screen first.
                paint()
            default:
                break
            }
            if let answer = performer.perform(effect, state: state, inbox: inbox) { pending.append(answer) }
        }
        if hadSession && state.session == nil { performer.accountLeft() }
    }

    func paint() {
        terminal?.paint(View.render(state), cursor: View.cursorPosition(state))
    }
}
