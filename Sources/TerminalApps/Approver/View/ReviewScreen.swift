import GNAP
import TerminalUI

/// Draws the review screen: the scrolling document, the reminder with the countdown, the notice and the buttons.
enum ReviewScreen {
    static func draw(_ review: ReviewState, layout: ReviewLayout, now: WallInstant, on canvas: inout Canvas) {
        let scroll = layout.clamped(review.scroll)
        Document.draw(layout.rows.dropFirst(scroll), in: layout.viewport, on: &canvas)
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
        let expiryStyle = Countdown(remaining: remaining).style
        let expiryWidth = DisplayWidth.of(expiry)
        let (reminderText, reminderExpiry) = layout.reminder.splitHorizontal(right: expiryWidth)
        canvas.draw(
            Paragraph(ReviewDescription.antiPhishing, style: Style.normal.bolded),
            in: reminderText.inset(right: 2))
        canvas.draw(Label(expiry, style: expiryStyle, alignment: .trailing), in: reminderExpiry.row(0))
        if let notice = review.notice {
            canvas.draw(Label(notice, style: .danger), in: layout.notice)
        }
        canvas.draw(layout.buttons, in: layout.buttonRow)
    }
}
