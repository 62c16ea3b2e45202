/// A user code laid out in `DeviceCodeFont` block letters: rows of `█` and spaces, one column between letters.
/// Pure; the device screen draws the rows, tests read them.
public struct DeviceCodeLetters: Sendable, Hashable {
    /// The code as shown (`XXXX-XXXX`).
    public let text: String
    /// The rows, all exactly `width` columns (trailing spaces kept), or empty when a character has no glyph.
    public let rows: [String]

    /// Columns between two letters.
    public static let spacing = 1
    /// Rows of the block letters.
    public static let height = DeviceCodeFont.height

    public init(_ text: String) {
        self.text = text
        let glyphs = text.map(DeviceCodeFont.glyph(for:))
        guard !glyphs.isEmpty, glyphs.allSatisfy({ $0 != nil }) else {
            rows = []
            return
        }
        let gap = String(repeating: " ", count: Self.spacing)
        rows = (0..<DeviceCodeFont.height).map { row in
            glyphs.map { glyph in String(glyph![row].map { $0 == "#" ? "█" : " " }) }.joined(separator: gap)
        }
    }

    /// True when every character has a glyph.
    public var isDrawable: Bool { !rows.isEmpty }

    /// Columns the letters take: 4 per letter and 1 between letters (44 for `XXXX-XXXX`).
    public var width: Int {
        text.isEmpty ? 0 : text.count * DeviceCodeFont.width + (text.count - 1) * Self.spacing
    }

    /// True when the letters fit in `columns` × `lines` cells.
    public func fits(columns: Int, lines: Int) -> Bool {
        isDrawable && width <= columns && Self.height <= lines
    }
}
