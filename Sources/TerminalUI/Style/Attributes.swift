/// Concrete terminal attributes of a cell, produced by a `Theme` from a `Style`.
public struct Attributes: Hashable, Sendable {
    /// Foreground colour; nil keeps the terminal's default.
    public var foreground: TerminalColor?
    /// Background colour; nil keeps the terminal's default.
    public var background: TerminalColor?
    /// Bold.
    public var bold: Bool
    /// Underline.
    public var underline: Bool
    /// Reverse video.
    public var reverse: Bool
    /// Dim (half-bright).
    public var dim: Bool

    /// Creates attributes; everything defaults to the terminal's plain text.
    public init(
        foreground: TerminalColor? = nil,
        background: TerminalColor? = nil,
        bold: Bool = false,
        underline: Bool = false,
        reverse: Bool = false,
        dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// The terminal's plain text.
    public static let plain = Attributes()

    /// True when a colour is set.
    public var hasColor: Bool { foreground != nil || background != nil }
}
