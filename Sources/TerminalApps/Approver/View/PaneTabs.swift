import TerminalUI

/// The tabs of the records view: decisions (local), active grants (from the AS), device keys, the inbox. Tab and
/// Shift-Tab move between them.
enum PaneTabs {
    static let titles = ["Decisions", "Active grants", "Keys", "Inbox"]

    static func draw(selected: Int, in row: Rect, on canvas: inout Canvas) {
        var x = row.minX
        for (index, title) in titles.enumerated() {
            let text = index == selected ? "[ \(title) ]" : "  \(title)  "
            x += canvas.put(
                text, at: Point(x: x, y: row.minY), style: index == selected ? .title : .muted, clip: row)
            x += 1
        }
        canvas.draw(Label("Tab: next pane", style: .muted, alignment: .trailing), in: row.inset(left: x - row.minX))
    }
}
