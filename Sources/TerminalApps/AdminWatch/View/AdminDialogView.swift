import TerminalUI

/// The reason field and the confirmations. A confirmation reads like the approver's: a "Confirm …" title, what will
/// happen, and two buttons, "<Verb> (y)" and "Back (n)"; Enter confirms as y does, Esc goes back as n does.
struct AdminDialogView {
    var dialog: AdminDialog

    func draw(in rect: Rect, on canvas: inout Canvas) {
        switch dialog {
        case .reason(let action, let grantID, let client, let field):
            let verb = action == .deny ? "Deny" : "Revoke"
            let modal = Modal(
                title: "\(verb) \(client)",
                message: "Grant \(grantID)\nWhy? The reason is recorded in the audit log.\n\n\n",
                borderStyle: .danger, preferredWidth: min(64, rect.width - 2))
            canvas.draw(modal, in: rect)
            let box = modal.dialogRect(in: rect)
            let row = Rect(x: box.x + 2, y: box.maxY - 3, width: max(0, box.width - 4), height: 1)
            canvas.draw(TextField(state: field, placeholder: "reason (Enter to continue, Esc to cancel)"), in: row)
        case .confirmGrant(let action, let grantID, let client, let reason):
            let verb = action == .deny ? "Deny" : "Revoke"
            let consequence =
                action == .deny
                ? "The client is told the request was denied."
                : "Its access tokens stop working at once."
            canvas.draw(
                Modal(
                    title: action == .deny ? "Confirm denial" : "Confirm revocation",
                    message: "\(verb) \(client) (\(grantID))?\nReason: \(reason)\n\(consequence)",
                    borderStyle: .danger, buttons: ButtonBar(["\(verb) (y)", "Back (n)"], spacing: 6),
                    preferredWidth: min(64, rect.width - 2)),
                in: rect)
        case .confirmAccount(let action):
            let question: String
            switch action {
            case .disable(let username): question = "Disable account '\(username)'? Its devices are refused."
            case .enable(let username): question = "Enable account '\(username)' again?"
            case .revokeDevice(_, let name): question = "Revoke approver device '\(name)'? It cannot be used again."
            }
            canvas.draw(
                Modal(
                    title: "Confirm", message: question, borderStyle: .warning,
                    buttons: ButtonBar(["\(Self.verb(action)) (y)", "Back (n)"], spacing: 6),
                    preferredWidth: min(60, rect.width - 2)),
                in: rect)
        }
    }

    /// The button's verb for an account or device action.
    static func verb(_ action: AccountAction) -> String {
        switch action {
        case .disable: "Disable"
        case .enable: "Enable"
        case .revokeDevice: "Revoke"
        }
    }
}
