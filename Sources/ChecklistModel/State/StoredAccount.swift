/// One account file of a state directory as read: its state, or why it cannot be read.
public struct StoredAccount: Sendable {
    public var id: String
    public var result: Result<AccountState, ModelError>
    public init(id: String, result: Result<AccountState, ModelError>) {
        self.id = id
        self.result = result
    }
}

/// An account whose file, or whose checklist, cannot be read: reports list it, never hide it.
public struct UnreadableAccount: Sendable, Equatable {
    public var id: String
    public var error: ModelError
    public init(id: String, error: ModelError) {
        self.id = id
        self.error = error
    }
}
