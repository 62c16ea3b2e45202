import TerminalUI

/// Document lines laid out in a viewport that scrolls a row or a page at a time, with ▲/▼ at the right edge when
/// rows are hidden above or below.
struct ScrollingDocument {
    var rows: [DocumentRow]
    var viewport: Rect

    init(_ lines: [DocumentLine], in viewport: Rect) {
        self.viewport = viewport
        rows = Document.rows(lines, width: viewport.width - 1)
    }

    var maxScroll: Int { max(0, rows.count - viewport.height) }

    func clamped(_ scroll: Int) -> Int { min(max(0, scroll), maxScroll) }

    /// The scroll offset after `message` (up and down a row, a page, the mouse wheel), or nil when `message` does
    /// not scroll.
    func scroll(_ scroll: Int, after message: ApproverMessage) -> Int? {
        let page = max(1, viewport.height - 1)
        switch message {
        case .command(.previousItem): return clamped(scroll - 1)
        case .command(.nextItem): return clamped(scroll + 1)
        case .command(.pageUp): return clamped(scroll - page)
        case .command(.pageDown): return clamped(scroll + page)
        case .scroll(let rows): return clamped(scroll + rows)
        default: return nil
        }
    }

    func draw(scroll: Int, on canvas: inout Canvas) {
        let offset = clamped(scroll)
        Document.draw(rows.dropFirst(offset), in: viewport, on: &canvas)
        if offset > 0 {
            canvas.put("▲", at: Point(x: viewport.maxX - 1, y: viewport.minY), style: .muted)
        }
        if offset < maxScroll {
            canvas.put("▼", at: Point(x: viewport.maxX - 1, y: viewport.maxY - 1), style: .muted)
        }
    }
}
