import TerminalUI

/// The chrome every screen shares: a header row, a framed body and a status bar.
struct ScreenLayout {
    /// Row 0: "gnapterm approve" and the identity.
    var header: Rect
    /// The frame around the screen's content.
    var frame: Rect
    /// Inside the frame.
    var content: Rect
    /// The last row.
    var status: Rect

    init(size: Size) {
        let bounds = Rect(size: size)
        let (top, rest) = bounds.splitVertical(top: 1)
        let (body, bottom) = rest.splitVertical(bottom: 1)
        header = top
        frame = body
        content = Frame<EmptyWidget>.contentRect(in: body)
        status = bottom
    }

    /// Draws the header, the frame with `title`, and the status bar.
    func drawChrome(
        title: String,
        identity: String,
        status message: String = "",
        statusStyle: Style = .statusBar,
        hints: [StatusBar.Hint],
        on canvas: inout Canvas
    ) {
        let name = " gnapterm approve"
        let nameWidth = DisplayWidth.of(name)
        canvas.draw(Label(name, style: .title), in: header)
        let right = header.inset(left: nameWidth + 2, right: 1)
        canvas.draw(Label(identity, style: .muted, alignment: .trailing), in: right)
        canvas.draw(Frame(title: title), in: frame)
        canvas.draw(StatusBar(message, style: statusStyle, hints: hints), in: status)
    }
}
