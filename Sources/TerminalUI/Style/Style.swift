/// The semantic style of a cell: a role plus optional emphasis. Concrete colours come from a `Theme`.
public struct Style: Hashable, Sendable {
    /// What the text means.
    public var role: StyleRole
    /// Force bold on top of the role's attributes.
    public var bold: Bool
    /// Force underline on top of the role's attributes.
    public var underline: Bool
    /// Swap foreground and background on top of the role's attributes.
    public var reverse: Bool
    /// Draw dimmed (used behind a modal dialog).
    public var dimmed: Bool

    /// Creates a style for `role` with optional emphasis.
    public init(
        _ role: StyleRole = .normal,
        bold: Bool = false,
        underline: Bool = false,
        reverse: Bool = false,
        dimmed: Bool = false
    ) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dimmed = dimmed
    }

    /// Plain text.
    public static let normal = Style(.normal)
    /// Titles.
    public static let title = Style(.title)
    /// De-emphasized text.
    public static let muted = Style(.muted)
    /// Accented text.
    public static let accent = Style(.accent)
    /// Selected list row.
    public static let selected = Style(.selected)
    /// Unfocused button.
    public static let button = Style(.button)
    /// Focused button.
    public static let buttonFocused = Style(.buttonFocused)
    /// Success.
    public static let success = Style(.success)
    /// Warning.
    public static let warning = Style(.warning)
    /// Danger.
    public static let danger = Style(.danger)
    /// Vetted information.
    public static let vetted = Style(.vetted)
    /// Self-asserted information.
    public static let selfAsserted = Style(.selfAsserted)
    /// Input field text.
    public static let input = Style(.input)
    /// Frame lines.
    public static let border = Style(.border)
    /// Status bar.
    public static let statusBar = Style(.statusBar)
    /// A symbol a camera reads (dark on light).
    public static let symbol = Style(.symbol)

    /// This style with bold forced on.
    public var bolded: Style {
        var copy = self
        copy.bold = true
        return copy
    }
}
