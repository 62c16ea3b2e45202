extension QRCode {
    /// Which modules a text rendering draws with block characters, the others being left to the background.
    public enum Palette: Sendable, Hashable {
        /// Glyphs are the dark modules: for dark text on a light background, and for paper.
        case darkOnLight
        /// Glyphs are the light modules and the quiet zone: for light text on a dark background (most terminals),
        /// so that the code still shows dark modules on light.
        case lightOnDark
    }

    /// The symbol as text, two module rows per line with the half-block characters `▀`, `▄`, `█` and space,
    /// surrounded by `quietZone` light modules on every side (4, the standard's minimum, by default).
    ///
    /// Every line has `size + 2 × quietZone` characters; there are `(size + 2 × quietZone + 1) / 2` lines. The size
    /// is odd, so the bottom half of the last line lies outside the symbol and shows the background.
    public func halfBlockLines(quietZone: Int = 4, palette: Palette = .darkOnLight) -> [String] {
        precondition(quietZone >= 0, "the quiet zone cannot be negative")
        let side = size + 2 * quietZone
        // Whether the half-cell at `row`, `column` of the padded image gets a glyph.
        func inked(_ row: Int, _ column: Int) -> Bool {
            guard row < side else { return false }  // below the image: background
            let moduleRow = row - quietZone
            let moduleColumn = column - quietZone
            let isDark =
                (0..<size).contains(moduleRow) && (0..<size).contains(moduleColumn)
                && modules[moduleRow][moduleColumn]
            return palette == .darkOnLight ? isDark : !isDark
        }
        return stride(from: 0, to: side, by: 2).map { top in
            String(
                (0..<side).map { column -> Character in
                    switch (inked(top, column), inked(top + 1, column)) {
                    case (true, true): "█"
                    case (true, false): "▀"
                    case (false, true): "▄"
                    case (false, false): " "
                    }
                })
        }
    }
}
