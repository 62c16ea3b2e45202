import TerminalUI

/// The code entry screen: the field, what went wrong, the hint.
enum CodeEntryScreen {
    static let label = "User code  "
    /// The label while the field holds a request link.
    static let linkLabel = "Link  "
    static let fieldWidth = 11

    static func label(_ state: ApproverState) -> String { state.code.isLink ? linkLabel : label }

    /// Where the code field is drawn: centred for a code, as wide as the screen allows for a link.
    static func fieldRect(_ state: ApproverState) -> Rect {
        let content = ScreenLayout(size: state.size).content
        let label = label(state)
        let width = state.code.isLink ? max(fieldWidth, content.width - DisplayWidth.of(label) - 2) : fieldWidth
        let total = DisplayWidth.of(label) + width
        let x = content.minX + max(0, (content.width - total) / 2) + DisplayWidth.of(label)
        return Rect(x: x, y: content.minY + 4, width: width, height: 1).intersection(content)
    }

    static func draw(_ state: ApproverState, on canvas: inout Canvas) {
        let content = ScreenLayout(size: state.size).content
        canvas.draw(Paragraph("Type the code shown on the device that is asking for access."), in: content.row(1))
        // Two rows at most (the field is on the fourth).
        canvas.draw(
            Paragraph("Letters and digits; case, spaces and dashes do not matter. A link works too.", style: .muted),
            in: Rect(x: content.minX, y: content.minY + 2, width: content.width, height: 2).intersection(content))
        let field = fieldRect(state)
        let label = label(state)
        let labelWidth = DisplayWidth.of(label)
        canvas.draw(
            Label(label), in: Rect(x: field.minX - labelWidth, y: field.minY, width: labelWidth, height: 1))
        canvas.draw(
            TextField(state: state.code.field, placeholder: "XXXX-XXXX", isFocused: state.code.isTyping), in: field)
        var y = content.minY + 6
        var error = state.code.error
        if let until = state.code.lockedUntil, state.now < until {
            // A live countdown of the AS's lockout (Retry-After), in place of "wait a while".
            error = ApproverApp.lockoutMessage(until: until, now: state.now)
        }
        if let error {
            let paragraph = Paragraph(error, style: .danger)
            let height = paragraph.height(width: content.width)
            canvas.draw(paragraph, in: Rect(x: content.minX, y: y, width: content.width, height: height))
            y += height
        }
        if let detail = state.code.errorDetail {
            let paragraph = Paragraph("The server said: " + detail, style: .muted)
            let height = paragraph.height(width: content.width)
            canvas.draw(paragraph, in: Rect(x: content.minX, y: y, width: content.width, height: height))
        }
        if let hint = state.hint {
            let paragraph = Paragraph(hint, style: .accent)
            let height = paragraph.height(width: content.width)
            canvas.draw(
                paragraph, in: Rect(x: content.minX, y: content.minY + 10, width: content.width, height: height))
        }
    }
}
