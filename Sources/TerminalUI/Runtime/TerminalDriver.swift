/// A terminal the `ProgramRunner` draws on and reads input from: `CursesTerminal` for a real
/// terminal, `VirtualTerminal` for tests.
public protocol TerminalDriver: Sendable {
    /// The current size in cells.
    var size: Size { get async }

    /// Shows `canvas` (a full frame).
    func present(_ canvas: Canvas) async

    /// The next input event, or nil when none arrived within `timeout`. Returns promptly (nil or
    /// throwing `CancellationError`) when the calling task is cancelled. Throws when input has
    /// ended for good.
    func nextKey(timeout: Duration) async throws -> Key?

    /// Gives the terminal back to the shell in the state it was found in. Idempotent.
    func restore() async

    /// Asks the terminal to put `text` on the system clipboard (OSC 52, see `ClipboardSequence`).
    func copyToClipboard(_ text: String) async

    /// Reports mouse events to the program (true) or leaves the mouse to the terminal, whose own text selection
    /// then works (false).
    func setMouseCapture(_ enabled: Bool) async
}

extension TerminalDriver {
    /// A driver without a clipboard ignores the request.
    public func copyToClipboard(_ text: String) async {}

    /// A driver without a mouse ignores the request.
    public func setMouseCapture(_ enabled: Bool) async {}
}
