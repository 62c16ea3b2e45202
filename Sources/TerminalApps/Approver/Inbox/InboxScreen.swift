import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// The inbox pane: the waiting requests newest first (agent, client, rights, age, time left), the blocked clients
/// after them, and the selected request's detail with the agent apart from the client application, vetted and
/// self-asserted parts marked differently.
enum InboxScreen {
    /// Rows of the detail under the list.
    static let detailHeight = 5

    /// Where the list is drawn: under the pane tabs, above the detail and the notice line.
    static func listRect(size: Size, inbox: InboxState) -> Rect {
        let content = ScreenLayout(size: size).content.inset(top: 1, bottom: 1)
        let detail = inbox.items.isEmpty || content.height < detailHeight + 4 ? 0 : detailHeight + 1
        return content.inset(bottom: detail)
    }

    static func listView(_ inbox: InboxState, now: WallInstant) -> ListView {
        let requests = inbox.items.map { item in
            ListView.Row(
                summary(item), detail: age(item, now: now),
                style: item.seenBy.isEmpty ? Style.normal.bolded : .normal)
        }
        let blocks = inbox.blocks.map { block in
            ListView.Row(
                "⊘ blocked: \(TextSanitizer.sanitize(block.clientName ?? block.instanceID)) — you denied its last "
                    + "\(block.denials) requests (u lifts it)", style: .warning)
        }
        return ListView(rows: requests + blocks, state: inbox.list, emptyText: emptyText(inbox))
    }

    static func emptyText(_ inbox: InboxState) -> String {
        switch inbox.connection {
        case .idle, .connecting: "Connecting to your inbox…"
        case .unavailable(let reason): "No inbox: \(reason)"
        default: "No requests are waiting for you."
        }
    }

    /// "release-bot ✓ via CI runner: deploy: write; logs: read" — vetted names carry ✓, self-asserted ones are quoted.
    static func summary(_ item: InboxItem) -> String {
        var text = ""
        if let agent = item.agent {
            text += agent.vetted.map { "\($0.name) ✓" } ?? "“\(agent.asserted?.name ?? "")”"
            text += " via "
        }
        let client = item.client.display?.name ?? item.client.instanceID
        text += item.client.vetted ? "\(client) ✓" : "“\(client)”"
        text += ": " + item.rights.joined(separator: "; ")
        if !item.subjectFormats.isEmpty { text += "; who you are (\(item.subjectFormats.joined(separator: ", ")))" }
        if item.repeats > 0 { text += "  ×\(item.repeats + 1)" }
        return TextSanitizer.sanitize(text)
    }

    /// "2m ago · 8:12 left".
    static func age(_ item: InboxItem, now: WallInstant) -> String {
        let waited = max(0, item.requestedAt.duration(to: now).roundedUpSeconds)
        let ago = waited < 60 ? "\(waited)s" : waited < 3600 ? "\(waited / 60)m" : "\(waited / 3600)h"
        let left = now.duration(to: item.expiresAt)
        return "\(ago) ago · " + (left > .zero ? Countdown.format(left) + " left" : "expired")
    }

    static func draw(_ inbox: InboxState, now: WallInstant, timeZone: TimeZone, size: Size, on canvas: inout Canvas) {
        let content = ScreenLayout(size: size).content
        PaneTabs.draw(selected: 3, in: content.row(0), on: &canvas)
        let list = listRect(size: size, inbox: inbox)
        canvas.draw(listView(inbox, now: now), in: list)
        if let item = inbox.selectedItem, list.maxY + detailHeight < content.maxY {
            let rect = Rect(x: content.minX, y: list.maxY + 1, width: content.width, height: detailHeight)
            for (index, line) in detail(item, timeZone: timeZone).prefix(detailHeight).enumerated() {
                canvas.draw(Label(line.text, style: line.style), in: rect.row(index))
            }
        }
        let bottom = content.row(content.height - 1)
        if let lifting = inbox.lifting {
            canvas.draw(Label("Lifting the block of \(lifting)…", style: .muted), in: bottom)
        } else if let notice = inbox.notice {
            canvas.draw(Label(notice, style: inbox.noticeIsError ? .danger : .success), in: bottom)
        } else if inbox.moreWaiting {
            canvas.draw(Label(moreWaitingText, style: .warning), in: bottom)
        }
    }

    /// Under the list when the AS holds more requests than this terminal listed.
    static let moreWaitingText = "More requests are waiting than listed here — decide some to see the rest"

    /// The selected request in a few lines: the agent (vetted, then what it says of itself), the client, the rights,
    /// and what happened to it so far.
    static func detail(_ item: InboxItem, timeZone: TimeZone) -> [(text: String, style: Style)] {
        var lines: [(String, Style)] = []
        if let vetted = item.agent?.vetted {
            lines.append(("Agent ✓ \(vetted.name), run by \(vetted.operator) (vetted by the AS operator)", .success))
        }
        if let asserted = item.agent?.asserted {
            var text = "Agent says: “\(asserted.name)”"
            if let model = asserted.model { text += ", \(model)" }
            if let claimed = asserted.operator { text += ", run by “\(claimed)”" }
            if let task = asserted.task { text += " — “\(task)”" }
            lines.append((text + " (self-asserted, unverified)", .warning))
        }
        let client = item.client.display?.name ?? item.client.instanceID
        lines.append(
            item.client.vetted
                ? ("Client ✓ \(client) (registered, \(item.client.instanceID))", .normal)
                : ("Client “\(client)” (self-asserted, key \(item.client.keyThumbprint.prefix(12))…)", .muted))
        lines.append(("Asks for: " + item.rights.joined(separator: "; "), .normal))
        var status = "Requested " + TimeText.format(item.requestedAt, in: timeZone, seconds: false)
        if item.repeats > 0 { status += " · asked \(item.repeats + 1) times" }
        if !item.seenBy.isEmpty { status += " · opened on \(item.seenBy.count) terminal(s)" }
        if item.interactive { status += " · also reachable by its code" }
        lines.append((status, .muted))
        return lines.map { (TextSanitizer.sanitize($0.0), $0.1) }
    }

    /// The status bar text: the stream's state.
    static func status(_ inbox: InboxState, now: WallInstant) -> String {
        switch inbox.connection {
        case .idle, .connecting: return "connecting…"
        case .live:
            if inbox.moreWaiting { return "live · more than \(inbox.items.count) waiting" }
            return inbox.items.isEmpty ? "live · nothing waiting" : "live · \(inbox.items.count) waiting"
        case .reconnecting(_, let retryAt, let reason):
            let seconds = max(0, now.duration(to: retryAt).roundedUpSeconds)
            return "reconnecting in \(seconds)s (\(TextSanitizer.sanitize(reason)))"
        case .unavailable: return "no inbox"
        }
    }
}
