/// Word-wrapped text. Lines that do not fit the rectangle's height are dropped; when that happens the
/// last visible line ends with an ellipsis.
public struct Paragraph: Widget {
    /// The text; newlines start new lines. Sanitized before drawing.
    public var text: String
    /// The style of the text.
    public var style: Style
    /// Alignment of each line.
    public var alignment: Alignment

    /// Creates a paragraph.
    public init(_ text: String, style: Style = .normal, alignment: Alignment = .leading) {
        self.text = text
        self.style = style
        self.alignment = alignment
    }

    /// The wrapped lines at `width` columns.
    public func lines(width: Int) -> [String] {
        DisplayWidth.wrap(TextSanitizer.sanitize(text, allowNewlines: true), width: width)
    }

    /// The number of rows needed at `width` columns.
    public func height(width: Int) -> Int {
        lines(width: width).count
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var lines = lines(width: rect.width)
        if lines.count > rect.height {
            lines = Array(lines.prefix(rect.height))
            let last = lines[lines.count - 1]
            lines[lines.count - 1] = DisplayWidth.truncate(last + " …", toWidth: rect.width)
        }
        for (offset, line) in lines.enumerated() {
            canvas.draw(Label(line, style: style, alignment: alignment), in: rect.row(offset))
        }
    }
}
