/// A box with an optional title around a content widget drawn inside it.
public struct Frame<Content: Widget>: Widget {
    /// Title shown in the top edge.
    public var title: String?
    /// Style of the border.
    public var style: Style
    /// Line set of the border.
    public var lines: BoxLines
    /// What is drawn inside.
    public var content: Content

    /// Creates a frame around `content`.
    public init(title: String? = nil, style: Style = .border, lines: BoxLines = .light, content: Content) {
        self.title = title
        self.style = style
        self.lines = lines
        self.content = content
    }

    /// The rectangle left for the content inside a frame drawn in `rect`.
    public static func contentRect(in rect: Rect) -> Rect {
        rect.inset(top: 1, left: 2, bottom: 1, right: 2)
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        canvas.box(rect, title: title, style: style, lines: lines)
        canvas.draw(content, in: Self.contentRect(in: rect))
    }
}

/// A widget that draws nothing; the content of an empty `Frame`.
public struct EmptyWidget: Widget {
    /// Creates it.
    public init() {}

    public func draw(in rect: Rect, on canvas: inout Canvas) {}
}

extension Frame where Content == EmptyWidget {
    /// A frame with nothing inside (draw the inside yourself at `Frame.contentRect(in:)`).
    public init(title: String? = nil, style: Style = .border, lines: BoxLines = .light) {
        self.init(title: title, style: style, lines: lines, content: EmptyWidget())
    }
}
