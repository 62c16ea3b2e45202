import Foundation
import GNAP
import TerminalUI

/// The decisions, accounts and devices tabs: short lists, drawn as a window around the selection.
enum OtherTabs {
    static func decisions(_ state: AdminWatchState, timeZone: TimeZone, in rect: Rect, on canvas: inout Canvas) {
        let rows = state.visibleDecisions.map { decision in
            [
                TimeText.format(decision.at, in: timeZone, seconds: true), decision.outcome,
                decision.client ?? decision.grantID, decision.detail,
            ]
        }
        // The grant id is in the detail pane (Enter); the reason needs the room.
        table(
            ["TIME", "OUTCOME", "CLIENT", "DETAIL"], widths: [24, 9, 18], rows: rows,
            styles: state.visibleDecisions.map { style(outcome: $0.outcome) }, selection: state.decisionSelection,
            empty: "No decisions yet. Approvals, denials and revocations appear here as they happen.", in: rect,
            on: &canvas)
    }

    static func accounts(_ state: AdminWatchState, in rect: Rect, on canvas: inout Canvas) {
        let rows = state.accounts.map { account in
            let devices = state.devices.filter { $0.device.accountID == account.id }
            let active = devices.filter { $0.device.revokedAt == nil }.count
            return [
                account.username, account.role.rawValue, account.disabled ? "disabled" : "enabled", "\(active)",
                account.displayName,
            ]
        }
        table(
            ["USERNAME", "ROLE", "STATE", "DEVICES", "NAME"], widths: [16, 6, 9, 8], rows: rows,
            styles: state.accounts.map { $0.disabled ? .muted : .normal }, selection: state.accountSelection,
            empty: state.accountsStale ? "Loading…" : "No accounts.", in: rect, on: &canvas)
    }

    static func devices(_ state: AdminWatchState, timeZone: TimeZone, in rect: Rect, on canvas: inout Canvas) {
        func time(_ text: String?) -> String {
            guard let text else { return "-" }
            return RFC3339.parse(text).map { TimeText.format($0, in: timeZone, seconds: false) } ?? text
        }
        let rows = state.devices.map { entry in
            [
                entry.username, entry.device.name, entry.device.revokedAt == nil ? "active" : "revoked",
                time(entry.device.lastSeenAt), entry.device.id,
            ]
        }
        table(
            ["ACCOUNT", "DEVICE", "STATE", "LAST SEEN", "ID"], widths: [14, 18, 8, 22], rows: rows,
            styles: state.devices.map { $0.device.revokedAt == nil ? .normal : .muted },
            selection: state.deviceSelection, empty: state.accountsStale ? "Loading…" : "No devices.", in: rect,
            on: &canvas)
    }

    /// The raw audit stream, newest first: time, kind, grant, actor and the entry's detail.
    static func events(_ state: AdminWatchState, timeZone: TimeZone, in rect: Rect, on canvas: inout Canvas) {
        let all = state.shownEvents
        // Only the rows on screen are formatted (the log holds up to 2000 entries).
        let visible = max(1, rect.height - 1)
        let first = max(0, min(state.eventSelection - visible + 1, all.count - visible))
        let shown = Array(all[first..<min(all.count, first + visible)])
        let rows = shown.map { entry in
            [
                RFC3339.parse(entry.at).map { TimeText.format($0, in: timeZone, seconds: true, zone: false) }
                    ?? entry.at,
                entry.kind.rawValue, entry.grantID ?? "-", entry.actor ?? entry.accountID ?? "-", entry.detail,
            ]
        }
        let empty =
            state.eventFilter.isEmpty
            ? "No events yet. Everything the AS records in its audit log appears here as it happens."
            : "No event matches the filter “\(state.eventFilter)”."
        table(
            ["TIME", "KIND", "GRANT", "ACTOR", "DETAIL"], widths: [19, 18, 12, 18], rows: rows,
            styles: shown.map { style(kind: $0.kind) }, selection: state.eventSelection - first, empty: empty,
            in: rect, on: &canvas)
    }

    static func style(kind: AuditEventKind) -> Style {
        AdminWatchApp.decisionKinds[kind].map(style(outcome:)) ?? (kind == .grantCreated ? .warning : .normal)
    }

    static func style(outcome: String) -> Style {
        switch outcome {
        case "approved", "policy": .success
        case "denied", "revoked", "refused": .danger
        default: .muted
        }
    }

    /// Columns of the given widths (the last one takes the rest); only the rows on screen are drawn.
    static func table(
        _ titles: [String], widths: [Int], rows: [[String]], styles: [Style], selection: Int, empty: String,
        in rect: Rect, on canvas: inout Canvas
    ) {
        guard rect.height >= 2 else { return }
        var allWidths = widths
        allWidths.append(max(4, rect.width - widths.reduce(0, +) - widths.count - 2))
        func put(_ cells: [String], y: Int, style: (Int) -> Style) {
            var x = rect.x + 1
            for (column, text) in cells.enumerated() {
                canvas.put(
                    DisplayWidth.truncate(text, toWidth: allWidths[column]), at: Point(x: x, y: y), style: style(column)
                )
                x += allWidths[column] + 1
            }
        }
        put(titles, y: rect.y) { _ in Style.muted.bolded }
        guard !rows.isEmpty else {
            canvas.draw(Label(empty, style: .muted, alignment: .center), in: rect.row(rect.height / 2))
            return
        }
        let visible = rect.height - 1
        let first = max(0, min(selection - visible + 1, rows.count - visible))
        for index in first..<min(rows.count, first + visible) {
            let y = rect.y + 1 + index - first
            let selected = index == selection
            if selected { canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .selected) }
            put(rows[index], y: y) { column in selected ? .selected : column == 1 ? styles[index] : .normal }
        }
    }
}
