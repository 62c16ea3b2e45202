/// A scrolling list of rows with a selection, an optional checkbox column (`[x]` / `[ ]`) and an
/// optional right-aligned detail per row. A scroll indicator shows when rows are hidden.
public struct ListView: Widget {
    /// One row.
    public struct Row: Hashable, Sendable {
        /// Main text (sanitized when drawn).
        public var text: String
        /// Right-aligned secondary text, e.g. a tag or a time.
        public var detail: String?
        /// Checkbox state; nil draws no checkbox for this row even in a checkbox list.
        public var isChecked: Bool?
        /// Style of the text when not selected.
        public var style: Style
        /// Style of the detail when not selected.
        public var detailStyle: Style

        /// Creates a row.
        public init(
            _ text: String,
            detail: String? = nil,
            isChecked: Bool? = nil,
            style: Style = .normal,
            detailStyle: Style = .muted
        ) {
            self.text = text
            self.detail = detail
            self.isChecked = isChecked
            self.style = style
            self.detailStyle = detailStyle
        }
    }

    /// The rows.
    public var rows: [Row]
    /// Selection and scroll position.
    public var state: ListViewState
    /// Whether to draw the checkbox column.
    public var showsCheckboxes: Bool
    /// Whether the selection is drawn highlighted (false when another widget has the focus).
    public var isFocused: Bool
    /// Text drawn when there is no row.
    public var emptyText: String

    /// Creates a list view.
    public init(
        rows: [Row],
        state: ListViewState,
        showsCheckboxes: Bool = false,
        isFocused: Bool = true,
        emptyText: String = "(nothing)"
    ) {
        self.rows = rows
        self.state = state
        self.showsCheckboxes = showsCheckboxes
        self.isFocused = isFocused
        self.emptyText = emptyText
    }

    /// The index of the row drawn on screen row `y` when the list is drawn in `rect`, or nil.
    public func row(atScreenY y: Int, in rect: Rect) -> Int? {
        guard y >= rect.minY, y < rect.maxY, !rect.isEmpty else { return nil }
        let index = state.visibleOffset(rowCount: rows.count, visibleRows: rect.height) + (y - rect.minY)
        return index < rows.count ? index : nil
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        guard !rows.isEmpty else {
            canvas.draw(Label(emptyText, style: .muted), in: rect.row(0))
            return
        }
        let offset = state.visibleOffset(rowCount: rows.count, visibleRows: rect.height)
        let selection = state.clampedSelection(rowCount: rows.count)
        let hasMore = (above: offset > 0, below: offset + rect.height < rows.count)
        let textWidth = hasMore.above || hasMore.below ? rect.width - 1 : rect.width
        for line in 0..<min(rect.height, rows.count - offset) {
            let index = offset + line
            let row = rows[index]
            let rowRect = rect.row(line).splitHorizontal(left: textWidth).left
            let isSelected = index == selection
            drawRow(row, selected: isSelected, in: rowRect, on: &canvas)
        }
        if hasMore.above {
            canvas.put("▲", at: Point(x: rect.maxX - 1, y: rect.minY), style: .muted, clip: rect)
        }
        if hasMore.below {
            canvas.put("▼", at: Point(x: rect.maxX - 1, y: rect.maxY - 1), style: .muted, clip: rect)
        }
    }

    private func drawRow(_ row: Row, selected: Bool, in rect: Rect, on canvas: inout Canvas) {
        let highlight = selected && isFocused
        let baseStyle = highlight ? Style.selected : row.style
        canvas.fill(rect, style: highlight ? .selected : .normal)
        var x = rect.minX
        x += canvas.put(selected ? "› " : "  ", at: Point(x: x, y: rect.minY), style: baseStyle, clip: rect)
        if showsCheckboxes {
            let box = row.isChecked.map { $0 ? "[x] " : "[ ] " } ?? "    "
            x += canvas.put(box, at: Point(x: x, y: rect.minY), style: baseStyle, clip: rect)
        }
        var textArea = Rect(x: x, y: rect.minY, width: rect.maxX - x, height: 1)
        if let detail = row.detail {
            let detailText = TextSanitizer.sanitize(detail)
            let detailWidth = min(DisplayWidth.of(detailText), max(0, textArea.width / 2))
            let parts = textArea.splitHorizontal(right: detailWidth)
            textArea = parts.left.inset(right: parts.left.width > 0 ? 1 : 0)
            canvas.draw(
                Label(detailText, style: highlight ? .selected : row.detailStyle, alignment: .trailing),
                in: parts.right)
        }
        canvas.draw(Label(row.text, style: baseStyle), in: textArea)
    }
}
