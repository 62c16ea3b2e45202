import Foundation
import GNAP
import TerminalUI

/// The full request and its audit history, scrollable.
struct DetailPane {
    var state: AdminWatchState
    var timeZone: TimeZone

    func lines() -> [(String, Style)] {
        guard let detailState = state.detail else { return [] }
        guard let detail = detailState.detail else {
            if let error = detailState.error { return [("Could not load \(detailState.grantID): \(error)", .danger)] }
            return [("Loading \(detailState.grantID)…", .muted)]
        }
        let grant = detail.grant
        var lines: [(String, Style)] = [
            ("Grant \(grant.id)", Style.title.bolded),
            ("  state      \(grant.state)" + (grant.outcome.map { " (\($0.rawValue))" } ?? ""), .normal),
            (
                "  client     \(grant.clientName ?? "-") · instance \(grant.instanceID)"
                    + (grant.clientVetted ? " · registered" : " · self-asserted"),
                grant.clientVetted ? .vetted : .selfAsserted
            ),
            ("  modes      \((grant.startModes ?? []).joined(separator: ", "))", .normal),
            ("  created    \(time(grant.createdAt))", .normal),
            ("  expires    \(time(grant.interactionExpiresAt))", .normal),
            (
                "  approver   "
                    + (grant.approverAccountID.map { state.table.usernames[$0] ?? $0 } ?? "none yet")
                    + ((grant.codeEntered ?? false) ? " (code entered)" : ""), .normal
            ),
        ]
        lines += inboxLines(grant)
        if let decided = grant.decidedAt { lines.append(("  decided    \(time(decided))", .normal)) }
        if let reason = grant.denialReason { lines.append(("  reason     \(reason)", .danger)) }
        lines.append(("", .normal))
        lines.append(("Requested access", Style.title.bolded))
        for (index, token) in detail.requested.enumerated() {
            lines.append(("  token \(index)" + (token.label.map { " “\($0)”" } ?? ""), .accent))
            for right in token.access {
                lines.append(contentsOf: Self.describe(right).map { ("    " + $0, Style.normal) })
            }
        }
        if let approval = detail.approval {
            lines.append(("", .normal))
            lines.append(("Approved \(time(approval.at))", Style.success.bolded))
            lines.append(("  rights \(approval.rights.joined(separator: ", "))", .normal))
            let released = approval.subjectFormats + approval.assertionFormats
            if !released.isEmpty { lines.append(("  released \(released.joined(separator: ", "))", .normal)) }
        }
        if !detail.tokens.isEmpty {
            lines.append(("", .normal))
            lines.append(("Tokens", Style.title.bolded))
            for token in detail.tokens {
                let status = token.revokedAt.map { "revoked \(time($0))" } ?? "active"
                lines.append(("  \(token.id) issued \(time(token.issuedAt)) · \(status)", .normal))
            }
        }
        lines.append(("", .normal))
        lines.append(("History", Style.title.bolded))
        for entry in detail.history {
            lines.append(("  #\(entry.id) \(time(entry.at))  \(entry.kind)", .accent))
            lines.append(("      \(entry.detail)" + (entry.actor.map { "  (\($0))" } ?? ""), .normal))
        }
        return lines
    }

    private func time(_ text: String) -> String {
        RFC3339.parse(text).map { TimeText.format($0, in: timeZone) } ?? text
    }

    /// An access right as indented lines: the reference, or the type with each present field.
    static func describe(_ right: AccessRight) -> [String] {
        switch right {
        case .reference(let reference): return ["reference \(reference)"]
        case .object(let object):
            var lines = ["type \(object.type)"]
            func field(_ name: String, _ values: [String]?) {
                if let values, !values.isEmpty { lines.append("  \(name): \(values.joined(separator: ", "))") }
            }
            field("actions", object.actions)
            field("locations", object.locations)
            field("datatypes", object.datatypes)
            field("privileges", object.privileges)
            if let identifier = object.identifier { lines.append("  identifier: \(identifier)") }
            for key in object.additional.keys.sorted() { lines.append("  \(key): …") }
            return lines
        }
    }

    func draw(in rect: Rect, on canvas: inout Canvas) {
        let all = lines()
        let inner = rect.inset(by: 1)
        canvas.box(rect, title: "Request detail", style: .border, lines: .light)
        let maximum = max(0, all.count - inner.height)
        let scroll = min(state.detail?.scroll ?? 0, maximum)
        for (offset, line) in all.dropFirst(scroll).prefix(inner.height).enumerated() {
            canvas.put(
                DisplayWidth.truncate(line.0, toWidth: inner.width), at: Point(x: inner.x, y: inner.y + offset),
                style: line.1)
        }
        if maximum > 0 {
            let text = " \(scroll + 1)–\(min(all.count, scroll + inner.height))/\(all.count) "
            canvas.put(text, at: Point(x: rect.maxX - DisplayWidth.of(text) - 2, y: rect.maxY - 1), style: .muted)
        }
    }
}
