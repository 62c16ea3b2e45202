extension VirtualTerminal {
    /// The canvas as text: one line per row, wide characters once (their continuation cells
    /// skipped), trailing spaces trimmed.
    public static func renderText(_ canvas: Canvas) -> String {
        rows(of: canvas).map { row in String(row.map(\.character)) }.joined(separator: "\n")
    }

    /// The canvas as text with style changes marked, for tests that check emphasis: whenever the
    /// style changes along a row (each row starts in `.normal`), a marker such as `⟦warning⟧`,
    /// `⟦title+bold⟧` or `⟦normal⟧` is inserted. Trailing spaces are trimmed.
    public static func renderStyledText(_ canvas: Canvas) -> String {
        rows(of: canvas).map { row in
            var line = ""
            var current = Style.normal
            for cell in row {
                if cell.style != current {
                    line += "⟦\(name(of: cell.style))⟧"
                    current = cell.style
                }
                line.append(cell.character)
            }
            return line
        }
        .joined(separator: "\n")
    }

    /// The marker name of a style: the role, then `+bold`, `+underline`, `+reverse`, `+dim`.
    public static func name(of style: Style) -> String {
        var name = style.role.rawValue
        if style.bold { name += "+bold" }
        if style.underline { name += "+underline" }
        if style.reverse { name += "+reverse" }
        if style.dimmed { name += "+dim" }
        return name
    }

    /// Each row's drawn cells (continuations skipped), trailing blanks removed.
    private static func rows(of canvas: Canvas) -> [[Cell]] {
        (0..<canvas.size.height).map { y in
            var row = (0..<canvas.size.width).map { canvas[$0, y] }.filter { !$0.isContinuation }
            while let last = row.last, last.character == " " { row.removeLast() }
            return row
        }
    }
}
