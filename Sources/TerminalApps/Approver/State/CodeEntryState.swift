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
    /// True when the field holds a request link being typed (`http…`, `gnapterm:…`) instead of a code: then it is
    /// not formatted, and Enter opens the link.
    public var isLink: Bool
    /// What was typed since the field was last empty, as typed (before formatting), while only characters were
    /// typed at the end; it tells a link being typed from a code. Nil after any other edit.
    var typedSinceEmpty: String?

    /// The longest link the field takes.
    static let maximumLinkLength = 2048
    static let codeFieldLength = 9

    /// An empty field with the focus.
    public init() {
        field = TextFieldState(maxLength: Self.codeFieldLength)
        isTyping = true
        error = nil
        errorDetail = nil
        isLink = false
        typedSinceEmpty = ""
    }
}
