/// One line of text, sanitized, truncated with an ellipsis to the rectangle's width and aligned.
public struct Label: Widget {
    /// The text (untrusted text is fine: it is sanitized).
    public var text: String
    /// The style of the text.
    public var style: Style
    /// Alignment within the rectangle's width.
    public var alignment: Alignment

    /// Creates a label.
    public init(_ text: String, style: Style = .normal, alignment: Alignment = .leading) {
        self.text = text
        self.style = style
        self.alignment = alignment
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let line = DisplayWidth.truncate(TextSanitizer.sanitize(text), toWidth: rect.width)
        let gap = rect.width - DisplayWidth.of(line)
        let x: Int
        switch alignment {
        case .leading: x = rect.minX
        case .center: x = rect.minX + gap / 2
        case .trailing: x = rect.minX + gap
        }
        canvas.put(line, at: Point(x: x, y: rect.minY), style: style, clip: rect)
    }
}
