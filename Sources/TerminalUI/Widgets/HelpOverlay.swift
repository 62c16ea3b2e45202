/// A modal listing key bindings by section. Build it from `Keymap.helpSections` only, so help
/// always tells the truth about the bindings.
public struct HelpOverlay: Widget {
    /// The sections, as produced by `Keymap.helpSections`.
    public var sections: [HelpSection]
    /// Title of the dialog.
    public var title: String
    /// Line shown at the bottom, e.g. how to close the overlay.
    public var footer: String
    /// The first body line shown, for a program that scrolls the overlay when it does not fit (nil: it does not
    /// scroll, and what does not fit is cut off).
    public var scroll: Int?
    /// The footer while the overlay scrolls.
    public static let scrollingFooter = "↑/↓ PgUp/PgDn scroll · other keys close"

    /// Creates an overlay.
    public init(
        sections: [HelpSection], title: String = "Keys", footer: String = "Press any key to close", scroll: Int? = nil
    ) {
        self.sections = sections
        self.title = title
        self.footer = footer
        self.scroll = scroll
    }

    /// The dialog's rectangle over `rect`.
    func dialogRect(in rect: Rect, body: [(text: String, style: Style)]) -> Rect {
        let footerWidth = DisplayWidth.of(scroll == nil ? footer : Self.scrollingFooter)
        let contentWidth = max(footerWidth, body.map { DisplayWidth.of($0.text) }.max() ?? 0)
        return rect.centered(Size(width: contentWidth + 4, height: body.count + 4))
    }

    /// How many body lines fit over `rect`.
    public func visibleLineCount(in rect: Rect) -> Int {
        max(0, dialogRect(in: rect, body: lines).height - 4)
    }

    /// The largest useful `scroll` over `rect` (0 when everything fits).
    public func maxScroll(in rect: Rect) -> Int {
        max(0, lines.count - visibleLineCount(in: rect))
    }

    /// The lines of the overlay body: section titles, then `keys  help` lines with aligned columns.
    public var lines: [(text: String, style: Style)] {
        let keyWidth = sections.flatMap(\.entries).map { DisplayWidth.of($0.keys) }.max() ?? 0
        var lines: [(String, Style)] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(("", .normal)) }
            lines.append((section.title, .title))
            for entry in section.entries {
                lines.append(("  " + DisplayWidth.pad(entry.keys, toWidth: keyWidth) + "  " + entry.help, .normal))
            }
        }
        return lines
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        canvas.restyle(rect) { $0.dimmed = true }
        let body = lines
        let dialog = dialogRect(in: rect, body: body)
        guard !dialog.isEmpty else { return }
        canvas.fill(dialog)
        canvas.box(dialog, title: title, lines: .double)
        let inner = dialog.inset(top: 1, left: 2, bottom: 1, right: 2)
        let rows = inner.splitVertical(bottom: 1)
        // One blank row stays above the footer.
        let visible = max(0, min(rows.top.height, dialog.height - 4))
        let first = min(max(0, scroll ?? 0), max(0, body.count - visible))
        for (offset, line) in body.dropFirst(first).prefix(visible).enumerated() {
            canvas.draw(Label(line.text, style: line.style), in: rows.top.row(offset))
        }
        guard scroll != nil, body.count > visible else {
            canvas.draw(Label(footer, style: .muted, alignment: .center), in: rows.bottom)
            return
        }
        // Where the visible part is, on the frame, and how to move it.
        let position = " \(first + 1)–\(first + visible) of \(body.count) "
        canvas.put(
            position, at: Point(x: dialog.maxX - 2 - DisplayWidth.of(position), y: dialog.maxY - 1),
            style: .muted, clip: dialog)
        canvas.draw(Label(Self.scrollingFooter, style: .muted, alignment: .center), in: rows.bottom)
    }
}
