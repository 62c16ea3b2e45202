import GNAP
import TerminalUI

/// The code field and what went wrong with the last code.
public struct CodeEntryState: Equatable, Sendable {
    /// The field, formatted `XXXX-XXXX` as the person types.
    public var field: TextFieldState
    /// True while keys go to the field (then `q` is text and Esc leaves the field).
    public var isTyping: Bool
    /// Why the last code was refused, in the danger style.
    public var error: String?
    /// The server's own words about it, when they add something.
    public var errorDetail: String?
    /// Until when the AS refuses codes from this device (too many failed attempts); a countdown is shown and
    /// codes are not sent before it.
    public var lockedUntil: WallInstant?

    /// An empty field with the focus.
    public init() {
        field = TextFieldState(maxLength: 9)
        isTyping = true
        error = nil
        errorDetail = nil
    }
}
