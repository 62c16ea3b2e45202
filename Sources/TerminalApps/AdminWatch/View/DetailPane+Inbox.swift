import GNAP
import TerminalUI

extension DetailPane {
    /// What the detail adds for an asynchronous request (RFC 9635 §1.6.3: the user it is addressed to, how far its
    /// delivery got, the terminals that received it), a grant approved by standing access (§1.6.4), and the agent.
    func inboxLines(_ grant: GrantSummary) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        if let agent = grant.agent { lines.append(("  agent      \(agent)", .accent)) }
        if grant.grantedByPolicy == true {
            lines.append(("  granted    by policy: the client's standing access, no person asked", .success))
        }
        guard let inbox = grant.inbox else { return lines }
        let user = state.table.usernames[inbox.accountID] ?? inbox.accountID
        lines.append(
            (
                "  for user   \(user) (asynchronous, in their inbox) · \(inbox.state)"
                    + (inbox.repeats > 0 ? " · asked \(inbox.repeats + 1) times" : ""), .normal
            ))
        if inbox.terminals.isEmpty {
            lines.append(("  terminals  none received it yet", .muted))
        }
        for terminal in inbox.terminals {
            let name = state.devices.first { $0.device.id == terminal.deviceID }?.device.name ?? terminal.deviceID
            var text = "  terminal   \(name)"
            if let delivered = terminal.deliveredAt {
                text +=
                    " · delivered \(RFC3339.parse(delivered).map { TimeText.format($0, in: timeZone) } ?? delivered)"
            }
            if let seen = terminal.seenAt {
                text += " · seen \(RFC3339.parse(seen).map { TimeText.format($0, in: timeZone) } ?? seen)"
            }
            lines.append((text, .normal))
        }
        return lines
    }
}
