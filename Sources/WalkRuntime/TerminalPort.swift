import ChecklistUI

/// The screen and keyboard the loop runs on: ncurses in the program, a recording fake in tests.
public protocol TerminalPort: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Readable when a key (or a paste, or nothing more than a resize) may be waiting.
    var inputDescriptor: Int32 { get }
    /// A key, paste or resize that has already arrived, without waiting for one.
    func readArrived() -> TerminalEvent?
    func paint(_ grid: Grid, cursor: (row: Int, column: Int)?)
    func copyToClipboard(_ text: String)
}
