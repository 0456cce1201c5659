import ChecklistModel

/// The `/` prompt: what is typed, and the screen it started from (Esc goes back to it).
public struct Search: Equatable, Sendable {
    public var input = TextField("", maxLength: 80)
    public var origin: Screen
    /// False when the text matches nothing on this screen.
    public var found = true

    public init(origin: Screen) {
        self.origin = origin
    }
}
