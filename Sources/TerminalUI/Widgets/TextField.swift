/// A single-line input field. Draws the text (or a muted placeholder when empty) scrolled so the
/// cursor stays visible, and sets the canvas cursor when focused.
public struct TextField: Widget {
    /// Text and cursor.
    public var state: TextFieldState
    /// Shown muted when the text is empty.
    public var placeholder: String
    /// Whether the field has the focus (shows the cursor).
    public var isFocused: Bool
    /// When set, every character is drawn as this one (for secrets).
    public var mask: Character?

    /// Creates a field.
    public init(state: TextFieldState, placeholder: String = "", isFocused: Bool = true, mask: Character? = nil) {
        self.state = state
        self.placeholder = placeholder
        self.isFocused = isFocused
        self.mask = mask
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        canvas.fill(line, style: .input)
        let characters = Array(state.text).map { mask ?? $0 }
        if characters.isEmpty {
            canvas.put(placeholder, at: line.origin, style: Style(.input, dimmed: true), clip: line)
            if isFocused { canvas.cursor = line.origin }
            return
        }
        // Scroll so the cursor column (which may be one past the end) fits in the line.
        let widths = characters.map { DisplayWidth.of($0) }
        var start = 0
        func columns(_ from: Int, _ to: Int) -> Int { widths[from..<to].reduce(0, +) }
        while start < state.cursor, columns(start, state.cursor) + 1 > line.width { start += 1 }
        var x = line.minX
        for index in start..<characters.count {
            let used = canvas.put(String(characters[index]), at: Point(x: x, y: line.minY), style: .input, clip: line)
            x += used
            if x >= line.maxX { break }
        }
        if isFocused {
            let cursorX = line.minX + columns(start, state.cursor)
            canvas.cursor = Point(x: min(cursorX, line.maxX - 1), y: line.minY)
        }
    }
}
