extension Canvas {
    /// Draws `text` on one row starting at `point`, clipped to the canvas and to `clip` when given.
    ///
    /// Control characters are drawn as `TextSanitizer.placeholder`; zero-width clusters are skipped;
    /// a wide character that would straddle the clip's left or right edge is replaced by a space.
    /// - Returns: the number of columns the text advanced, limited to the clip's right edge (so a
    ///   following `put` can continue after it); never negative.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style = .normal, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var x = point.x
        let rowVisible = !area.isEmpty && point.y >= area.minY && point.y < area.maxY
        for original in text {
            var character = original
            var width = DisplayWidth.of(character)
            if width == 0 {
                guard isControl(character) else { continue }
                character = TextSanitizer.placeholder
                width = 1
            }
            if x >= area.maxX && !area.isEmpty { break }
            if rowVisible {
                let start = max(x, area.minX)
                let end = min(x + width, area.maxX)
                if end - start == width {
                    write(character, width: width, at: Point(x: x, y: point.y), style: style)
                } else if end > start {
                    write(" ", width: 1, at: Point(x: start, y: point.y), style: style)  // straddles an edge
                }
            }
            x += width
        }
        let limit = area.isEmpty ? x : min(x, area.maxX)
        return max(0, limit - point.x)
    }

    /// Fills `rect` (clipped) with `character` in `style`; by default clears it to blanks.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let width = max(1, DisplayWidth.of(character))
        for y in area.minY..<area.maxY {
            var x = area.minX
            while x < area.maxX {
                if x + width <= area.maxX {
                    write(character, width: width, at: Point(x: x, y: y), style: style)
                } else {
                    write(" ", width: 1, at: Point(x: x, y: y), style: style)
                }
                x += width
            }
        }
    }

    /// Draws a horizontal line of `─` (or `character`) on row `y` from column `x` over `width` columns.
    public mutating func horizontalLine(
        y: Int,
        x: Int,
        width: Int,
        character: Character = "─",
        style: Style = .border
    ) {
        fill(Rect(x: x, y: y, width: width, height: 1), with: character, style: style)
    }

    /// Draws a vertical line of `│` on column `x` from row `y` over `height` rows.
    public mutating func verticalLine(x: Int, y: Int, height: Int, style: Style = .border) {
        fill(Rect(x: x, y: y, width: 1, height: height), with: "│", style: style)
    }

    /// Draws a box with Unicode line drawing around the edge of `rect`, with an optional `title`
    /// in the top edge (truncated to fit, sanitized). Rectangles narrower or shorter than 2 draw
    /// nothing.
    public mutating func box(
        _ rect: Rect,
        title: String? = nil,
        style: Style = .border,
        titleStyle: Style = .title,
        lines: BoxLines = .light
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        horizontalLine(y: rect.minY, x: rect.minX + 1, width: rect.width - 2, character: lines.horizontal, style: style)
        horizontalLine(y: bottom, x: rect.minX + 1, width: rect.width - 2, character: lines.horizontal, style: style)
        fill(
            Rect(x: rect.minX, y: rect.minY + 1, width: 1, height: rect.height - 2), with: lines.vertical, style: style)
        fill(Rect(x: right, y: rect.minY + 1, width: 1, height: rect.height - 2), with: lines.vertical, style: style)
        put(String(lines.topLeft), at: rect.origin, style: style)
        put(String(lines.topRight), at: Point(x: right, y: rect.minY), style: style)
        put(String(lines.bottomLeft), at: Point(x: rect.minX, y: bottom), style: style)
        put(String(lines.bottomRight), at: Point(x: right, y: bottom), style: style)
        if let title, rect.width >= 5 {
            let text = DisplayWidth.truncate(TextSanitizer.sanitize(title), toWidth: rect.width - 4)
            let titleArea = Rect(x: rect.minX + 1, y: rect.minY, width: rect.width - 2, height: 1)
            let used = put(" ", at: Point(x: rect.minX + 1, y: rect.minY), style: style, clip: titleArea)
            let written = put(
                text, at: Point(x: rect.minX + 1 + used, y: rect.minY), style: titleStyle, clip: titleArea)
            put(" ", at: Point(x: rect.minX + 1 + used + written, y: rect.minY), style: style, clip: titleArea)
        }
    }

    /// Draws `widget` into `rect` (clipped to the canvas).
    public mutating func draw(_ widget: some Widget, in rect: Rect) {
        widget.draw(in: rect.intersection(bounds), on: &self)
    }

    private func isControl(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        return first.properties.generalCategory == .control
    }
}
