import GNAP
import TerminalUI

extension AdminWatchApp {
    public func view(_ state: State, size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        let bounds = canvas.bounds
        drawHeader(state, on: &canvas, width: size.width)
        // Messages are wrapped, never cut: the connection's trouble above the body, a long notice below it.
        let banner = Self.bannerLines(state, width: size.width - 2)
        let status = statusLine(state, width: size.width)
        let notice = status.noticeFits ? [] : Self.wrapped(state.notice?.text ?? "", width: size.width - 2, lines: 3)
        let top = 3 + banner.count
        let body = Rect(x: 0, y: top, width: size.width, height: max(0, size.height - 1 - notice.count - top))
        for (offset, line) in banner.enumerated() {
            canvas.put(line.0, at: Point(x: 1, y: 3 + offset), style: line.1)
        }
        for (offset, line) in notice.enumerated() {
            canvas.put(
                line, at: Point(x: 1, y: body.maxY + offset), style: state.notice?.isError == true ? .danger : .normal)
        }
        if state.detail != nil {
            DetailPane(state: state, timeZone: timeZone).draw(in: body, on: &canvas)
        } else {
            switch state.tab {
            case .pending: PendingTableView(state: state).draw(in: body, on: &canvas)
            case .decisions: OtherTabs.decisions(state, timeZone: timeZone, in: body, on: &canvas)
            case .accounts: OtherTabs.accounts(state, in: body, on: &canvas)
            case .devices: OtherTabs.devices(state, timeZone: timeZone, in: body, on: &canvas)
            case .events: OtherTabs.events(state, timeZone: timeZone, in: body, on: &canvas)
            }
        }
        drawStatus(state, status, on: &canvas, row: bounds.row(size.height - 1))
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
        // The address is what tells two views apart: the product name gives way before it does.
        let room = max(0, width - connectionWidth - 3)
        let title = " gnapterm admin — " + identity
        canvas.put(
            DisplayWidth.of(title) <= room ? title : " " + identity, at: Point(x: 0, y: 0),
            style: Style(.statusBar, bold: true), clip: Rect(x: 0, y: 0, width: room + 1, height: 1))
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
        var right = ""
        if state.tab == .pending {
            let arrow = state.table.sort.ascending ? "↑" : "↓"
            right = "sort: \(state.table.sort.column.rawValue) \(arrow)"
            if !state.table.filter.isEmpty { right = "filter: \(state.table.filter)   " + right }
        } else if state.tab == .events, !state.eventFilter.isEmpty {
            right = "filter: \(state.eventFilter)"
        }
        let text = DisplayWidth.truncate(right, toWidth: max(0, width - x - 1))
        canvas.put(text, at: Point(x: width - DisplayWidth.of(text) - 1, y: 2), style: .muted)
    }

    /// The connection state in a few words for the header, with its style; the reason is in the banner.
    static func connectionText(_ state: State) -> (String, Style) {
        switch state.connection {
        case .connecting(let attempt):
            return (attempt > 1 ? "○ connecting (attempt \(attempt))" : "○ connecting", .warning)
        case .live:
            return ("● live", Style.success.bolded)
        case .reconnecting(let attempt, let retryAt, _):
            let seconds = max(0, Int((state.now.duration(to: retryAt) / .seconds(1)).rounded(.up)))
            return ("✕ disconnected · retry \(attempt) in \(seconds)s", Style.danger.bolded)
        case .refused:
            return ("✕ stopped", Style.danger.bolded)
        }
    }

    /// Why the view is not live and what happens next, wrapped to `width` (at most four lines).
    static func bannerLines(_ state: State, width: Int) -> [(String, Style)] {
        let text: String
        let style: Style
        switch state.connection {
        case .connecting, .live:
            return []
        case .reconnecting(_, _, let reason):
            text = "Not following the AS: \(sentence(reason)) Trying again by itself."
            style = .warning
        case .refused(let reason):
            text = "Stopped: \(sentence(reason)) Press q to quit."
            style = .danger
        }
        return wrapped(text, width: width, lines: 4).map { ($0, style) }
    }

    /// `reason` ending like a sentence (the reasons are clauses, some ending in a question mark).
    static func sentence(_ reason: String) -> String {
        guard let last = reason.last, !".?!".contains(last) else { return reason }
        return reason + "."
    }

    /// `text` wrapped to `width`, at most `lines` lines (the last one ends in "…" when more would follow).
    static func wrapped(_ text: String, width: Int, lines: Int) -> [String] {
        guard !text.isEmpty, width > 0 else { return [] }
        var wrapped = DisplayWidth.wrap(TextSanitizer.sanitize(text), width: width)
        if wrapped.count > lines {
            wrapped = Array(wrapped.prefix(lines))
            wrapped[lines - 1] = DisplayWidth.truncate(wrapped[lines - 1] + " …", toWidth: width)
        }
        return wrapped
    }

    /// The footer's hints for what `state` shows (only actions the keymap binds appear), and whether the notice
    /// fits beside them.
    private func statusLine(_ state: State, width: Int) -> (hints: [StatusBar.Hint], noticeFits: Bool) {
        let keymap = AdminWatchKeymaps.keymap(for: state)
        var hints: [(AdminViewCommand, String)]
        switch state.dialog {
        case .reason: hints = [(.confirm, "continue"), (.cancel, "back")]
        case .confirmGrant(let action, _, _, _):
            hints = [(.confirm, action == .deny ? "deny" : "revoke"), (.cancel, "back")]
        case .confirmAccount(let action):
            hints = [(.confirm, AdminDialogView.verb(action).lowercased()), (.cancel, "back")]
        case nil:
            if state.detail != nil {
                hints = [(.close, "back"), (.deny, "deny"), (.revoke, "revoke")]
            } else {
                switch state.tab {
                case .pending: hints = [(.open, "detail"), (.filter, "filter"), (.sort, "sort"), (.deny, "deny")]
                case .decisions: hints = [(.open, "detail"), (.revoke, "revoke")]
                case .accounts:
                    hints = [(.disable, state.selectedAccount?.disabled == true ? "enable" : "disable")]
                case .devices: hints = [(.revokeDevice, "revoke")]
                case .events: hints = [(.open, "grant"), (.filter, "filter")]
                }
            }
            hints += [(.nextTab, "tabs"), (.help, "help"), (.quit, "quit")]
        }
        let shown = keymap.hints(hints)
        let hintsWidth = shown.map { DisplayWidth.of($0.key + " " + $0.label) + 2 }.reduce(0, +)
        let notice = DisplayWidth.of(TextSanitizer.sanitize(state.notice?.text ?? ""))
        return (shown, notice + hintsWidth + 4 <= width)
    }

    private func drawStatus(
        _ state: State, _ status: (hints: [StatusBar.Hint], noticeFits: Bool), on canvas: inout Canvas, row: Rect
    ) {
        if state.isEditingFilter && state.dialog == nil {
            canvas.fill(row, style: .statusBar)
            let x = canvas.put(" Filter: ", at: row.origin, style: .statusBar)
            let placeholder =
                state.tab == .events ? "kind, grant, actor, account or detail" : "client, right, mode, approver or id"
            canvas.draw(
                TextField(state: state.filterField, placeholder: placeholder),
                in: Rect(x: row.x + x, y: row.y, width: max(0, row.width - x - 1), height: 1))
            return
        }
        let message = status.noticeFits ? state.notice?.text ?? "" : ""
        canvas.draw(
            StatusBar(message, style: state.notice?.isError == true ? .danger : .statusBar, hints: status.hints),
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
