/// What the terminal reports: a key, a paste, or a new size.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    /// Text pasted while bracketed paste is on: delivered whole, never as keys.
    case paste(String)
    case resize(width: Int, height: Int)

    /// The message the walkthrough's reducer takes for it.
    public var msg: Msg {
        switch self {
        case .key(let key): .key(key)
        case .paste(let text): .paste(text)
        case .resize(let width, let height): .resize(width: width, height: height)
        }
    }
}
