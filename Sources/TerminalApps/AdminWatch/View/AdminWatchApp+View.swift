import GNAP
import TerminalUI

extension AdminWatchApp {
    public func view(_ state: State, size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        let bounds = canvas.bounds
        drawHeader(state, on: &canvas, width: size.width)
        let body = Rect(x: 0, y: 3, width: size.width, height: max(0, size.height - 4))
        if state.detail != nil {
            DetailPane(state: state, timeZone: timeZone).draw(in: body, on: &canvas)
        } else {
            switch state.tab {
            case .pending: PendingTableView(state: state).draw(in: body, on: &canvas)
            case .decisions: OtherTabs.decisions(state, timeZone: timeZone, in: body, on: &canvas)
            case .accounts: OtherTabs.accounts(state, in: body, on: &canvas)
            case .devices: OtherTabs.devices(state, timeZone: timeZone, in: body, on: &canvas)
            }
        }
        drawStatus(state, on: &canvas, row: bounds.row(size.height - 1))
        if let dialog = state.dialog { AdminDialogView(dialog: dialog).draw(in: bounds, on: &canvas) }
        if state.showsHelp {
            canvas.cursor = nil
            canvas.draw(
                HelpOverlay(
                    sections: AdminWatchKeymaps.keymap(for: state).helpSections, title: "Keys",
                    footer: "Press any key to close"),
                in: bounds)
        }
        return canvas
    }

    /// Line 1: who and where, and the connection state. Line 2: counts. Line 3: tabs, sort and filter.
    private func drawHeader(_ state: State, on canvas: inout Canvas, width: Int) {
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .statusBar)
        let (connection, style) = Self.connectionText(state)
        let connectionWidth = DisplayWidth.of(connection)
        canvas.put(connection, at: Point(x: max(0, width - connectionWidth - 1), y: 0), style: style)
        canvas.put(
            " gnapterm admin — " + identity, at: Point(x: 0, y: 0), style: Style(.statusBar, bold: true),
            clip: Rect(x: 0, y: 0, width: max(0, width - connectionWidth - 2), height: 1))
        var x = 1
        func item(_ label: String, _ value: Int, _ style: Style) {
            x += canvas.put("\(value)", at: Point(x: x, y: 1), style: style.bolded)
            x += canvas.put(" \(label)   ", at: Point(x: x, y: 1), style: .muted)
        }
        item("pending", state.table.count, .warning)
        item("code entered", state.table.codeEnteredCount, .accent)
        item("approved", state.counts["approved", default: 0], .success)
        item("denied", state.counts["denied", default: 0], .danger)
        item("expired", state.counts["expired", default: 0], .muted)
        x += canvas.put("\(state.recentDecisionTimes.count)", at: Point(x: x, y: 1), style: Style.accent.bolded)
        canvas.put(" decisions/min", at: Point(x: x, y: 1), style: .muted)
        x = 1
        for tab in AdminTab.allCases {
            let count = tab == .pending ? " (\(state.table.order.count))" : ""
            let title = " \(tab.rawValue + 1) \(tab.title)\(count) "
            x += canvas.put(title, at: Point(x: x, y: 2), style: tab == state.tab ? .selected : .normal) + 1
        }
        if state.tab == .pending {
            let arrow = state.table.sort.ascending ? "↑" : "↓"
            var right = "sort: \(state.table.sort.column.rawValue) \(arrow)"
            if !state.table.filter.isEmpty { right = "filter: \(state.table.filter)   " + right }
            let text = DisplayWidth.truncate(right, toWidth: max(0, width - x - 1))
            canvas.put(text, at: Point(x: width - DisplayWidth.of(text) - 1, y: 2), style: .muted)
        }
    }

    /// The connection state for people, with its style.
    static func connectionText(_ state: State) -> (String, Style) {
        switch state.connection {
        case .connecting(let attempt):
            return (attempt > 1 ? "○ connecting (attempt \(attempt))" : "○ connecting", .warning)
        case .live:
            return ("● live", Style.success.bolded)
        case .reconnecting(let attempt, let retryAt, let reason):
            let seconds = max(0, Int((state.now.duration(to: retryAt) / .seconds(1)).rounded(.up)))
            let short = DisplayWidth.truncate(reason, toWidth: 40)
            return ("✕ disconnected: \(short) · retry \(attempt) in \(seconds)s", Style.danger.bolded)
        case .refused(let reason):
            return ("✕ refused: \(DisplayWidth.truncate(reason, toWidth: 50))", Style.danger.bolded)
        }
    }

    private func drawStatus(_ state: State, on canvas: inout Canvas, row: Rect) {
        if state.isEditingFilter && state.dialog == nil {
            canvas.fill(row, style: .statusBar)
            let x = canvas.put(" Filter: ", at: row.origin, style: .statusBar)
            canvas.draw(
                TextField(state: state.filterField, placeholder: "client, right, mode, approver or id"),
                in: Rect(x: row.x + x, y: row.y, width: max(0, row.width - x - 1), height: 1))
            return
        }
        let keymap = AdminWatchKeymaps.keymap(for: state)
        var hints: [(AdminViewCommand, String)]
        if state.detail != nil {
            hints = [(.close, "back"), (.deny, "deny"), (.revoke, "revoke")]
        } else {
            switch state.tab {
            case .pending: hints = [(.open, "detail"), (.filter, "filter"), (.sort, "sort"), (.deny, "deny")]
            case .decisions: hints = [(.open, "detail"), (.revoke, "revoke")]
            case .accounts: hints = [(.disable, "disable/enable")]
            case .devices: hints = [(.revokeDevice, "revoke")]
            }
        }
        hints += [(.nextTab, "tabs"), (.help, "help"), (.quit, "quit")]
        let message = state.notice?.text ?? ""
        canvas.draw(
            StatusBar(
                message, style: state.notice?.isError == true ? .danger : .statusBar, hints: keymap.hints(hints)),
            in: row)
    }
}

/// Ages and countdowns in a few characters: `42s`, `7m`, `3h`, `2d`.
enum ShortDuration {
    static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        if seconds < 0 { return "-" + format(.zero - duration) }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86_400)d"
    }
}
