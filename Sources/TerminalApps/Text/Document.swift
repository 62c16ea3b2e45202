import TerminalUI

/// A run of text in one style.
struct Span: Hashable, Sendable {
    var text: String
    var style: Style

    init(_ text: String, style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

/// One logical line of a scrolling text view: a prefix that does not wrap (a label column, a checkbox), a body that
/// wraps under it with a hanging indent, and an optional trailing tag ("self-asserted") kept whole.
///
/// Long values wrap rather than being cut, so that the end of a URI (where a look-alike domain hides) is always on
/// the screen. Everything is sanitized when laid out.
struct DocumentLine: Hashable, Sendable {
    var prefix: [Span]
    var text: String
    var style: Style
    var tag: Span?
    /// The toggle this line belongs to (for clicks and the selection).
    var item: ReviewItem?
    /// Drawn in the selection style.
    var isHighlighted: Bool

    init(
        _ text: String = "",
        style: Style = .normal,
        prefix: [Span] = [],
        tag: Span? = nil,
        item: ReviewItem? = nil,
        isHighlighted: Bool = false
    ) {
        self.prefix = prefix
        self.text = text
        self.style = style
        self.tag = tag
        self.item = item
        self.isHighlighted = isHighlighted
    }

    /// An empty line.
    static let blank = DocumentLine()

    /// `label` padded to `labelWidth` columns in the muted style, then the value: `  Name      Photo Printer`.
    static func field(
        _ label: String,
        _ value: String,
        style: Style = .normal,
        tag: Span? = nil,
        indent: Int = 2,
        labelWidth: Int = 10,
        item: ReviewItem? = nil
    ) -> DocumentLine {
        let padded = DisplayWidth.pad(label, toWidth: max(labelWidth, DisplayWidth.of(label) + 1))
        return DocumentLine(
            value, style: style, prefix: [Span(String(repeating: " ", count: indent)), Span(padded, style: .muted)],
            tag: tag, item: item)
    }

    /// A bulleted line: `  • text`.
    static func bullet(_ text: String, style: Style = .normal, indent: Int = 2) -> DocumentLine {
        DocumentLine(text, style: style, prefix: [Span(String(repeating: " ", count: indent) + "• ")])
    }
}

/// One screen row of laid-out `DocumentLine`s.
struct DocumentRow: Hashable, Sendable {
    var spans: [Span]
    var item: ReviewItem?
    var isHighlighted: Bool
}

/// Lays out and draws `DocumentLine`s.
enum Document {
    /// The rows of `lines` at `width` columns.
    static func rows(_ lines: [DocumentLine], width: Int) -> [DocumentRow] {
        lines.flatMap { rows(of: $0, width: max(1, width)) }
    }

    private static func rows(of line: DocumentLine, width: Int) -> [DocumentRow] {
        let prefix = line.prefix.map { Span(TextSanitizer.sanitize($0.text), style: $0.style) }
        let prefixWidth = min(width - 1, prefix.reduce(0) { $0 + DisplayWidth.of($1.text) })
        let bodyWidth = max(1, width - prefixWidth)
        let indent = Span(String(repeating: " ", count: prefixWidth))
        var bodies = DisplayWidth.wrap(TextSanitizer.sanitize(line.text), width: bodyWidth).map {
            [Span($0, style: line.style)]
        }
        if let tag = line.tag {
            let text = TextSanitizer.sanitize(tag.text)
            let lastWidth = DisplayWidth.of(bodies.last?.first?.text ?? "")
            if lastWidth == 0 {
                bodies[bodies.count - 1] = [Span(text, style: tag.style)]
            } else if lastWidth + 1 + DisplayWidth.of(text) <= bodyWidth {
                bodies[bodies.count - 1] += [Span(" "), Span(text, style: tag.style)]
            } else {
                bodies.append([Span(text, style: tag.style)])
            }
        }
        return bodies.enumerated().map { index, body in
            DocumentRow(
                spans: (index == 0 ? prefix : [indent]) + body, item: line.item, isHighlighted: line.isHighlighted)
        }
    }

    /// Draws `rows` from the top of `rect`, one per screen row, clipped to it.
    static func draw(_ rows: some Collection<DocumentRow>, in rect: Rect, on canvas: inout Canvas) {
        for (index, row) in rows.enumerated() where index < rect.height {
            let line = rect.row(index)
            if row.isHighlighted { canvas.fill(line, style: .selected) }
            var x = line.minX
            for span in row.spans {
                let style = row.isHighlighted ? Style.selected : span.style
                x += canvas.put(span.text, at: Point(x: x, y: line.minY), style: style, clip: line)
            }
        }
    }
}
