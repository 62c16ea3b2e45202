/// Text in 5-row block letters drawn with `█`, for a user code that must be read from across a room.
/// Covers A–Z (lower case is drawn upper case), 0–9, `-` and space; any other character is drawn
/// as a blank glyph. Check `fits(in:)` and fall back to a `Label` when it is false.
public struct BigText: Widget {
    /// The text to draw.
    public var text: String
    /// Style of the filled cells.
    public var style: Style
    /// Columns between glyphs.
    public var spacing: Int

    /// Rows of every glyph.
    public static let glyphHeight = BigTextFont.height

    /// Creates block text.
    public init(_ text: String, style: Style = .title, spacing: Int = 1) {
        self.text = text
        self.style = style
        self.spacing = max(0, spacing)
    }

    /// True when every character of `text` has a glyph.
    public static func canRender(_ text: String) -> Bool {
        text.allSatisfy { BigTextFont.glyph(for: $0) != nil }
    }

    /// The size the text occupies.
    public var size: Size {
        let count = text.count
        guard count > 0 else { return Size(width: 0, height: BigTextFont.height) }
        return Size(width: count * BigTextFont.glyphWidth + (count - 1) * spacing, height: BigTextFont.height)
    }

    /// True when the text fits in `available` (callers fall back to plain text otherwise).
    public func fits(in available: Size) -> Bool {
        available.covers(size)
    }

    /// The five rows as strings of `█` and spaces (trailing spaces kept), for plain-text output.
    public var rows: [String] {
        (0..<BigTextFont.height).map { row in
            text.map { character in
                let glyph = BigTextFont.glyph(for: character) ?? BigTextFont.glyphs[" "]!
                return String(glyph[row].map { $0 == "#" ? "█" : " " })
            }
            .joined(separator: String(repeating: " ", count: spacing))
        }
    }

    /// Draws the text centred in `rect`; draws nothing when it does not fit.
    public func draw(in rect: Rect, on canvas: inout Canvas) {
        guard fits(in: rect.size) else { return }
        let area = rect.centered(size)
        for (index, line) in rows.enumerated() {
            var x = area.minX
            for character in line {
                if character == "█" {
                    canvas.put("█", at: Point(x: x, y: area.minY + index), style: style, clip: area)
                }
                x += 1
            }
        }
    }
}
