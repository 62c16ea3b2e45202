import TerminalSession
import TerminalUI

/// The modal that lists exactly what an approval releases and what it withholds.
struct ConfirmDialog {
    var modal: Modal
    var rows: [DocumentRow]
    var body: Rect
    var buttons: ButtonBar
    var buttonRow: Rect

    static let buttonTitles = ["Approve (y)", "Back (n)"]

    init(summary: ApprovalSummary, size: Size) {
        let bounds = Rect(size: size)
        let width = min(72, size.width - 2)
        rows = Document.rows(Self.lines(summary), width: width - 4)
        buttons = ButtonBar(Self.buttonTitles, focusedIndex: nil, spacing: 6)
        modal = Modal(
            title: "Confirm approval", message: String(repeating: "\n", count: max(0, rows.count - 1)),
            buttons: buttons, preferredWidth: width)
        let dialog = modal.dialogRect(in: bounds)
        body = dialog.inset(top: 2, left: 2, bottom: 4, right: 2)
        buttonRow = modal.buttonRect(in: bounds)
    }

    static func lines(_ summary: ApprovalSummary) -> [DocumentLine] {
        var lines = [DocumentLine("The device will receive:", style: .title)]
        lines += summary.granted.map { .bullet($0.displaySummary, style: .success) }
        lines += summary.releasedInformation.map { .bullet($0, style: .success) }
        lines.append(DocumentLine("Withheld:", style: .title))
        lines += summary.withheld.map { .bullet($0.displaySummary) }
        lines += summary.withheldInformation.map { .bullet($0) }
        if summary.withheld.isEmpty && summary.withheldInformation.isEmpty {
            lines.append(.bullet("nothing", style: .muted))
        }
        return lines
    }

    /// The largest useful scroll offset of the list.
    var maxScroll: Int { max(0, rows.count - body.height) }

    /// Draws the dialog with its list scrolled by `scroll` rows; a list taller than the dialog says where the rest is.
    func draw(scroll: Int = 0, on canvas: inout Canvas) {
        canvas.draw(modal, in: canvas.bounds)
        let first = min(max(0, scroll), maxScroll)
        Document.draw(rows.dropFirst(first), in: body, on: &canvas)
        guard rows.count > body.height, body.height > 0 else { return }
        let below = first < maxScroll
        let text = below ? "… more below (↓ or PgDn)" : "↑ more above"
        let row = below ? body.row(body.height - 1) : body.row(0)
        canvas.fill(row)
        canvas.draw(Label(text, style: .warning), in: row)
    }
}
