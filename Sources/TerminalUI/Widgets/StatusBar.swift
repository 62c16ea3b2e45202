/// A one-row bar: a message on the left, key hints ("q quit  ? help") on the right.
public struct StatusBar: Widget {
    /// A key hint.
    public struct Hint: Hashable, Sendable {
        /// The key's name, e.g. "q" or "Ctrl-C".
        public var key: String
        /// What it does, e.g. "quit".
        public var label: String

        /// Creates a hint.
        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    /// Left-aligned message (sanitized).
    public var message: String
    /// Style of the message (e.g. `.warning` for a transient error).
    public var messageStyle: Style
    /// Hints drawn on the right; they are dropped from the end when space runs out.
    public var hints: [Hint]

    /// Creates a status bar.
    public init(_ message: String = "", style: Style = .statusBar, hints: [Hint] = []) {
        self.message = message
        self.messageStyle = style
        self.hints = hints
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        canvas.fill(line, style: .statusBar)
        var shown = hints
        var hintText = StatusBar.text(of: shown)
        let messageWidth = DisplayWidth.of(TextSanitizer.sanitize(message))
        while !shown.isEmpty, DisplayWidth.of(hintText) + min(messageWidth, 12) + 3 > line.width {
            shown.removeLast()
            hintText = StatusBar.text(of: shown)
        }
        let parts = line.inset(left: 1, right: 1).splitHorizontal(right: DisplayWidth.of(hintText))
        canvas.draw(Label(message, style: messageStyle), in: parts.left.inset(right: 1))
        var x = parts.right.minX
        for (index, hint) in shown.enumerated() {
            if index > 0 { x += canvas.put("  ", at: Point(x: x, y: line.minY), style: .statusBar, clip: line) }
            x += canvas.put(hint.key, at: Point(x: x, y: line.minY), style: Style(.statusBar, bold: true), clip: line)
            x += canvas.put(" " + hint.label, at: Point(x: x, y: line.minY), style: .statusBar, clip: line)
        }
    }

    private static func text(of hints: [Hint]) -> String {
        hints.map { "\($0.key) \($0.label)" }.joined(separator: "  ")
    }
}
