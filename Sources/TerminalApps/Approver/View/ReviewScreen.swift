import GNAP
import TerminalUI

/// Draws the review screen: the scrolling document, the reminder with the countdown, the notice and the buttons.
enum ReviewScreen {
    static func draw(_ review: ReviewState, layout: ReviewLayout, now: WallInstant, on canvas: inout Canvas) {
        let scroll = layout.clamped(review.scroll)
        Document.draw(layout.rows.dropFirst(scroll), in: layout.viewport, on: &canvas)
        if layout.showsRightsSummary(scroll: scroll) {
            let row = layout.viewport.row(layout.viewport.height - 1)
            canvas.fill(row)
            canvas.draw(Label(layout.rightsSummary, style: Style.accent.bolded), in: row)
        }
        canvas.horizontalLine(y: layout.separator.minY, x: layout.separator.minX, width: layout.separator.width)
        let above = scroll > 0
        let below = scroll < layout.maxScroll
        if above || below {
            let text =
                above && below ? " ↑ more above · more below ↓ " : above ? " ↑ more above " : " more below ↓ "
            canvas.draw(Label(text, style: .muted, alignment: .trailing), in: layout.separator)
        }
        let expiry = ReviewDescription.expiryText(expiresAt: review.review.expiresAt, now: now)
        let remaining = now.duration(to: review.review.expiresAt)
        canvas.draw(
            Paragraph(layout.reminderText, style: Style.normal.bolded), in: layout.reminder)
        canvas.draw(
            Label(expiry, style: Countdown(remaining: remaining).style, alignment: .trailing), in: layout.expiry)
        if let notice = review.notice {
            canvas.fill(layout.notice)
            canvas.draw(Label(notice, style: .danger), in: layout.notice)
        }
        canvas.draw(layout.buttons, in: layout.buttonRow)
    }
}
