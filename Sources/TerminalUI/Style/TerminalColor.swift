/// One of the 16 standard terminal colours (the 8 ANSI colours and their bright variants).
public enum TerminalColor: Int, CaseIterable, Hashable, Sendable {
    case black = 0
    case red
    case green
    case yellow
    case blue
    case magenta
    case cyan
    case white
    case brightBlack
    case brightRed
    case brightGreen
    case brightYellow
    case brightBlue
    case brightMagenta
    case brightCyan
    case brightWhite

    /// True for the eight bright variants (colour numbers 8–15).
    public var isBright: Bool { rawValue >= 8 }

    /// The colour among the first eight that a terminal without bright colours should use.
    public var base: TerminalColor { TerminalColor(rawValue: rawValue % 8) ?? .white }
}
