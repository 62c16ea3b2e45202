/// What a piece of text *means*; a `Theme` decides how each role looks on a given terminal.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case normal
    /// Screen and frame titles.
    case title
    /// Secondary, de-emphasized text (hints, timestamps).
    case muted
    /// Text that should stand out without implying a state (keys in hints, links).
    case accent
    /// The selected row of a list.
    case selected
    /// A button that does not have the focus.
    case button
    /// The focused button.
    case buttonFocused
    /// A positive outcome (approved, connected).
    case success
    /// Something the user must read before acting (attempts left, broad access).
    case warning
    /// A destructive or failed outcome (deny, error, expired).
    case danger
    /// Information vouched for by a trusted party.
    case vetted
    /// Information the other party merely claims about itself.
    case selfAsserted
    /// Editable text in an input field.
    case input
    /// Frame and separator lines.
    case border
    /// The status bar at the bottom of the screen.
    case statusBar
    /// A symbol a camera reads (a QR code drawn with `▀ ▄ █`, glyphs for its dark modules): dark on light whatever
    /// the terminal's own colours, so that it scans on light and dark themes alike.
    case symbol
}
