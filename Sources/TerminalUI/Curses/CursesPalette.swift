/// The pure part of colour handling in `CursesTerminal`: which colour pairs to create for a theme on
/// a terminal with a given number of colours, and which pair and attributes each style uses.
///
/// On a terminal without colours (or fewer than 8) the monochrome theme is used, so styles keep
/// their emphasis. With 8 colours, a bright foreground becomes its base colour plus bold, and a
/// bright background its base colour.
public struct CursesPalette: Sendable, Equatable {
    /// A colour pair to register with `init_pair`; colour -1 is the terminal default.
    public struct Pair: Hashable, Sendable {
        /// Pair number (1...).
        public var number: Int16
        /// Foreground colour number, or -1.
        public var foreground: Int16
        /// Background colour number, or -1.
        public var background: Int16
    }

    /// What a style becomes on the terminal.
    public struct Entry: Hashable, Sendable {
        /// Colour pair number; 0 is the terminal default.
        public var pair: Int16
        /// Bold.
        public var bold: Bool
        /// Underline.
        public var underline: Bool
        /// Reverse.
        public var reverse: Bool
        /// Dim.
        public var dim: Bool
    }

    /// The theme actually used (monochrome when the terminal has no usable colours).
    public let theme: Theme
    /// The pairs to register, in pair-number order.
    public let pairs: [Pair]
    private let colorCount: Int
    private let pairNumbers: [ColorKey: Int16]

    private struct ColorKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Builds the palette of `theme` for a terminal with `colorCount` colours (`COLORS`, or 0 when
    /// `has_colors()` is false) and room for `maxPairs` pairs.
    public init(theme: Theme, colorCount: Int, maxPairs: Int = 256) {
        let usable = colorCount >= 8 && !theme.isMonochrome
        self.theme = usable ? theme : .monochrome
        self.colorCount = usable ? colorCount : 0
        var numbers: [ColorKey: Int16] = [:]
        var pairs: [Pair] = []
        if usable {
            for role in StyleRole.allCases {
                let key = Self.colorKey(self.theme.attributes(for: Style(role)), colorCount: colorCount)
                guard key.foreground >= 0 || key.background >= 0, numbers[key] == nil else { continue }
                guard pairs.count + 1 < maxPairs else { break }
                let number = Int16(pairs.count + 1)
                numbers[key] = number
                pairs.append(Pair(number: number, foreground: key.foreground, background: key.background))
            }
        }
        self.pairs = pairs
        self.pairNumbers = numbers
    }

    /// The pair and attributes of `style`.
    public func entry(for style: Style) -> Entry {
        let attributes = theme.attributes(for: style)
        let key = Self.colorKey(attributes, colorCount: colorCount)
        let brightFallback = colorCount > 0 && colorCount < 16 && (attributes.foreground?.isBright ?? false)
        return Entry(
            pair: pairNumbers[key] ?? 0,
            bold: attributes.bold || (brightFallback && !attributes.dim),
            underline: attributes.underline,
            reverse: attributes.reverse,
            dim: attributes.dim
        )
    }

    private static func colorKey(_ attributes: Attributes, colorCount: Int) -> ColorKey {
        func number(_ color: TerminalColor?) -> Int16 {
            guard let color, colorCount >= 8 else { return -1 }
            return Int16(colorCount >= 16 ? color.rawValue : color.base.rawValue)
        }
        return ColorKey(foreground: number(attributes.foreground), background: number(attributes.background))
    }
}
