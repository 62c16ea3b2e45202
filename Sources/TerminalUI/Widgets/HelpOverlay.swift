/// A modal listing key bindings by section. Build it from `Keymap.helpSections` only, so help
/// always tells the truth about the bindings.
public struct HelpOverlay: Widget {
    /// The sections, as produced by `Keymap.helpSections`.
    public var sections: [HelpSection]
    /// Title of the dialog.
    public var title: String
    /// Line shown at the bottom, e.g. how to close the overlay.
    public var footer: String

    /// Creates an overlay.
    public init(sections: [HelpSection], title: String = "Keys", footer: String = "Press any key to close") {
        self.sections = sections
        self.title = title
        self.footer = footer
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
        let contentWidth = max(DisplayWidth.of(footer), body.map { DisplayWidth.of($0.text) }.max() ?? 0)
        let dialog = rect.centered(Size(width: contentWidth + 4, height: body.count + 4))
        guard !dialog.isEmpty else { return }
        canvas.fill(dialog)
        canvas.box(dialog, title: title, lines: .double)
        let inner = dialog.inset(top: 1, left: 2, bottom: 1, right: 2)
        let rows = inner.splitVertical(bottom: 1)
        for (index, line) in body.enumerated() where index < rows.top.height {
            canvas.draw(Label(line.text, style: line.style), in: rows.top.row(index))
        }
        canvas.draw(Label(footer, style: .muted, alignment: .center), in: rows.bottom)
    }
}
