/// Horizontal alignment inside a fixed width.
public enum Alignment: Sendable, Hashable {
    case leading
    case center
    case trailing
}

extension DisplayWidth {
    /// The longest prefix of `text` that fits in `width` columns, followed by `ellipsis` when
    /// anything was cut. The result is never wider than `width` (the ellipsis is dropped when even
    /// it does not fit).
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ellipsisWidth = of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        guard ellipsisWidth <= width else { return result }
        while result.last == " " { result.removeLast() }
        return result + ellipsis
    }

    /// `text` truncated to `width` columns and padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, toWidth width: Int, alignment: Alignment = .leading) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, toWidth: width)
        let gap = width - of(fitted)
        switch alignment {
        case .leading:
            return fitted + String(repeating: " ", count: gap)
        case .trailing:
            return String(repeating: " ", count: gap) + fitted
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
        }
    }

    /// Word-wraps `text` into lines of at most `width` columns. Newlines start new lines (blank
    /// lines are kept), runs of spaces between words collapse to one, and a word wider than
    /// `width` is broken between grapheme clusters. Returns no line when `width` is not positive.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapParagraph(paragraph, width: width)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ") {
            var pending = String(word)
            var pendingWidth = of(pending)
            if lineWidth > 0, lineWidth + 1 + pendingWidth <= width {
                line += " " + pending
                lineWidth += 1 + pendingWidth
                continue
            }
            if lineWidth > 0 {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            while pendingWidth > width {
                let (head, tail) = splitPrefix(pending, width: width)
                lines.append(head)
                pending = tail
                pendingWidth = of(pending)
            }
            line = pending
            lineWidth = pendingWidth
        }
        lines.append(line)
        return lines
    }

    /// Splits `text` after the longest prefix that fits `width` (at least one character, so that
    /// callers always make progress).
    private static func splitPrefix(_ text: String, width: Int) -> (String, String) {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let w = of(text[index])
            if used + w > width, index > text.startIndex { break }
            used += w
            index = text.index(after: index)
        }
        return (String(text[..<index]), String(text[index...]))
    }
}
