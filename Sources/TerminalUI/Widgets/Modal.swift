/// A centred dialog over a dimmed background: a double-line box with a title, a wrapped message
/// and an optional button bar. Draw it last, over the screen it interrupts.
public struct Modal: Widget {
    /// Title in the top edge.
    public var title: String
    /// Body text, wrapped (sanitized).
    public var message: String
    /// Style of the message (e.g. `.danger` for a destructive confirmation).
    public var messageStyle: Style
    /// Style of the border.
    public var borderStyle: Style
    /// Buttons under the message, if any.
    public var buttons: ButtonBar?
    /// Preferred outer width; the dialog shrinks to fit the screen.
    public var preferredWidth: Int

    /// Creates a dialog.
    public init(
        title: String,
        message: String,
        messageStyle: Style = .normal,
        borderStyle: Style = .border,
        buttons: ButtonBar? = nil,
        preferredWidth: Int = 56
    ) {
        self.title = title
        self.message = message
        self.messageStyle = messageStyle
        self.borderStyle = borderStyle
        self.buttons = buttons
        self.preferredWidth = preferredWidth
    }

    /// The dialog's outer rectangle when drawn over `rect`.
    public func dialogRect(in rect: Rect) -> Rect {
        let width = min(preferredWidth, rect.width - 2)
        let textWidth = max(1, width - 4)
        let body = Paragraph(message).height(width: textWidth)
        let height = body + 2 + (buttons == nil ? 0 : 2) + 2
        return rect.centered(Size(width: width, height: min(height, rect.height)))
    }

    /// The row the buttons are drawn on when the dialog is drawn over `rect` (for hit-testing with
    /// `ButtonBar.button(at:in:)`).
    public func buttonRect(in rect: Rect) -> Rect {
        let dialog = dialogRect(in: rect)
        guard buttons != nil, dialog.height >= 4 else { return Rect(origin: dialog.origin, size: .zero) }
        return Rect(x: dialog.minX + 1, y: dialog.maxY - 3, width: dialog.width - 2, height: 1)
    }

    public func draw(in rect: Rect, on canvas: inout Canvas) {
        canvas.restyle(rect) { $0.dimmed = true }
        let dialog = dialogRect(in: rect)
        guard !dialog.isEmpty else { return }
        canvas.fill(dialog)
        canvas.box(dialog, title: title, style: borderStyle, lines: .double)
        var body = dialog.inset(top: 2, left: 2, bottom: 2, right: 2)
        if let buttons {
            let row = buttonRect(in: rect)
            canvas.draw(buttons, in: row)
            body = body.inset(bottom: 2)
        }
        canvas.draw(Paragraph(message, style: messageStyle), in: body)
    }
}
