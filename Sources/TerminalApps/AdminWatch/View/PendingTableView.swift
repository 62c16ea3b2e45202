import GNAP
import TerminalUI

/// The pending table. Virtualized: it lays out only the rows on screen, read by index from the table's order,
/// so its cost depends on the screen's height, not on how many requests are pending.
struct PendingTableView {
    var state: AdminWatchState

    /// Column titles and widths; `rights` takes what is left.
    struct Columns {
        var client: Int
        var rights: Int
        /// Wide enough for "code,code-uri" (a device's usual pair) from 110 columns on.
        var mode: Int
        let age = 5
        let expires = 7
        let code = 4
        var approver: Int

        init(width: Int) {
            approver = width >= 110 ? 14 : 10
            client = width >= 110 ? 22 : 16
            mode = width >= 110 ? 13 : 9
            rights = max(8, width - client - mode - age - expires - code - approver - 8)
        }
    }

    func draw(in rect: Rect, on canvas: inout Canvas) {
        guard rect.height >= 2 else { return }
        let columns = Columns(width: rect.width)
        let titles: [(String, Int)] = [
            ("CLIENT", columns.client), ("RIGHTS", columns.rights), ("MODE", columns.mode), ("AGE", columns.age),
            ("EXPIRES", columns.expires), ("CODE", columns.code), ("APPROVER", columns.approver),
        ]
        putCells(titles, y: rect.y, x: rect.x + 1, style: Style.muted.bolded, on: &canvas)
        let visible = rect.height - 1
        let order = state.table.order
        guard !order.isEmpty else {
            let text =
                state.table.count > 0
                ? "No pending request matches the filter “\(state.table.filter)”."
                : state.hasSnapshot ? "No pending requests. New ones appear here as they arrive." : "Loading…"
            canvas.draw(Label(text, style: .muted, alignment: .center), in: rect.row(rect.height / 2))
            return
        }
        // The rows may be fewer than the state assumes (a banner above): keep the selection on screen.
        let first = max(
            min(state.scrollOffset, max(0, order.count - 1)), state.selectedIndex - visible + 1)
        let last = min(order.count, first + visible)
        for index in first..<last {
            guard let row = state.table[order[index]] else { continue }
            let y = rect.y + 1 + index - first
            let selected = index == state.selectedIndex
            if selected { canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .selected) }
            let base: Style = selected ? .selected : .normal
            let expires = row.expiresAt.map { ShortDuration.format(state.now.duration(to: $0)) } ?? "-"
            let expiring = row.expiresAt.map { state.now.duration(to: $0) < .seconds(60) } ?? false
            let approver = row.approverAccountID.map { state.table.usernames[$0] ?? $0 } ?? "-"
            let cells: [(String, Int, Style)] = [
                (row.client, columns.client, selected ? base : row.clientVetted ? .vetted : .selfAsserted),
                (
                    row.isLoaded ? (row.rights.isEmpty ? "-" : row.rights.joined(separator: "; ")) : "…",
                    columns.rights,
                    base
                ),
                (Self.modes(row.modes, width: columns.mode), columns.mode, base),
                (ShortDuration.format(row.createdAt.duration(to: state.now)), columns.age, base),
                (expires, columns.expires, selected ? base : expiring ? .warning : base),
                (row.codeEntered ? "yes" : "no", columns.code, selected ? base : row.codeEntered ? .accent : .muted),
                (approver, columns.approver, base),
            ]
            var x = rect.x + 1
            for (text, width, style) in cells {
                canvas.put(DisplayWidth.truncate(text, toWidth: width), at: Point(x: x, y: y), style: style)
                x += width + 1
            }
        }
        if order.count > visible {
            let position = "\(state.selectedIndex + 1)/\(order.count)"
            canvas.put(
                position, at: Point(x: rect.maxX - DisplayWidth.of(position) - 1, y: rect.y), style: .muted)
        }
    }

    private func putCells(_ cells: [(String, Int)], y: Int, x: Int, style: Style, on canvas: inout Canvas) {
        var x = x
        for (text, width) in cells {
            canvas.put(DisplayWidth.truncate(text, toWidth: width), at: Point(x: x, y: y), style: style)
            x += width + 1
        }
    }

    /// The start modes in `width` columns: their names, or shorter ones when those do not fit.
    static func modes(_ modes: [String], width: Int) -> String {
        let names = modes.map { modeName($0, short: false) }.joined(separator: ",")
        guard DisplayWidth.of(names) > width else { return names }
        return modes.map { modeName($0, short: true) }.joined(separator: ",")
    }

    /// Start modes in a few letters.
    static func modeName(_ mode: String, short: Bool) -> String {
        switch mode {
        case "user_code": "code"
        case "user_code_uri": short ? "uri" : "code-uri"
        case "redirect": short ? "redir" : "redirect"
        case "app": "app"
        default: mode
        }
    }
}
