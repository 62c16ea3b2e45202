/// A row of buttons of equal width and equal prominence (no button is made to look like the
/// "expected" answer; only the focus differs), centred in the rectangle.
public struct ButtonBar: Widget {
    /// Button titles, e.g. `["Approve", "Deny"]`. Sanitized when drawn.
    public var titles: [String]
    /// Index of the focused button, or nil when the bar does not have the focus.
    public var focusedIndex: Int?
    /// Columns between two buttons.
    public var spacing: Int

    /// Creates a button bar.
    public init(_ titles: [String], focusedIndex: Int? = nil, spacing: Int = 3) {
        self.titles = titles
        self.focusedIndex = focusedIndex
        self.spacing = spacing
    }

    /// The rectangle of every button when the bar is drawn in `rect` (first row of `rect`).
    /// Buttons get the same width; when they do not all fit, they shrink and their titles are truncated.
    public func buttonRects(in rect: Rect) -> [Rect] {
        guard !titles.isEmpty, !rect.isEmpty else { return [] }
        let count = titles.count
        let gaps = spacing * (count - 1)
        let natural = (titles.map { DisplayWidth.of(TextSanitizer.sanitize($0)) }.max() ?? 0) + 4
        let width = max(1, min(natural, (rect.width - gaps) / count))
        let total = width * count + gaps
        var x = rect.minX + max(0, (rect.width - total) / 2)
        var rects: [Rect] = []
        for _ in 0..<count {
            rects.append(Rect(x: x, y: rect.minY, width: width, height: 1).intersection(rect))
            x += width + spacing
        }
        return rects
    }

    /// The index of the button under `point` when drawn in `rect` (for mouse clicks), or nil.
    public func button(at point: Point, in rect: Rect) -> Int? {
        buttonRects(in: rect).firstIndex { !$0.isEmpty && $0.contains(point) }
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        for (index, buttonRect) in buttonRects(in: rect).enumerated() where !buttonRect.isEmpty {
            let focused = index == focusedIndex
            let style: Style = focused ? .buttonFocused : .button
            canvas.fill(buttonRect, style: style)
            let title = DisplayWidth.truncate(TextSanitizer.sanitize(titles[index]), toWidth: buttonRect.width - 2)
            let text = focused ? "▸" + title + "◂" : " " + title + " "
            canvas.draw(Label(text, style: style, alignment: .center), in: buttonRect)
        }
    }
}
