import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// The grants this approver approved that still hold active tokens, fetched from the AS, with revoke.
enum ActiveGrantsScreen {
    /// Where the list is drawn: under the pane tabs, above the notice line.
    static func listRect(size: Size) -> Rect { ScreenLayout(size: size).content.inset(top: 1, bottom: 1) }

    static func listView(_ grants: GrantsState, timeZone: TimeZone) -> ListView {
        let rows = grants.grants.map { grant in
            let when = grant.decidedAt.map { "approved " + TimeText.format($0, in: timeZone, seconds: false) } ?? ""
            return ListView.Row(
                (grant.clientName ?? "(unnamed client)") + (grant.clientVetted ? "" : "  (self-asserted)"),
                detail: when)
        }
        return ListView(
            rows: rows, state: grants.list, emptyText: "No active grants: no device holds a token from you.")
    }

    static func draw(_ grants: GrantsState, timeZone: TimeZone, size: Size, on canvas: inout Canvas) {
        let content = ScreenLayout(size: size).content
        PaneTabs.draw(selected: 1, in: content.row(0), on: &canvas)
        let bottom = content.row(content.height - 1)
        if grants.isLoading {
            canvas.draw(Label("Asking the server for your active grants…", style: .muted), in: content.row(1))
        } else if let error = grants.error {
            canvas.draw(Paragraph(error, style: .danger), in: content.inset(top: 1))
        } else {
            canvas.draw(listView(grants, timeZone: timeZone), in: listRect(size: size))
        }
        if grants.revoking != nil {
            canvas.draw(Label("Revoking…", style: .muted), in: bottom)
        } else if let notice = grants.notice {
            canvas.draw(Label(notice, style: notice.hasPrefix("Revoked") ? .success : .danger), in: bottom)
        }
    }
}

/// Confirms revoking a grant, with an optional reason.
struct RevokeDialog {
    var modal: Modal
    var body: Rect
    var buttons: ButtonBar
    var buttonRow: Rect

    static let buttonTitles = ["Revoke (Enter)", "Back (Esc)"]

    init(grant: ActiveGrant, size: Size) {
        let bounds = Rect(size: size)
        buttons = ButtonBar(Self.buttonTitles, focusedIndex: nil, spacing: 6)
        modal = Modal(
            title: "Revoke “\(grant.clientName ?? grant.id)”", message: "\n\n\n\n", borderStyle: .danger,
            buttons: buttons, preferredWidth: min(64, size.width - 2))
        body = modal.dialogRect(in: bounds).inset(top: 2, left: 2, bottom: 4, right: 2)
        buttonRow = modal.buttonRect(in: bounds)
    }

    func draw(_ grants: GrantsState, on canvas: inout Canvas) {
        canvas.draw(modal, in: canvas.bounds)
        canvas.draw(
            Label("Its tokens stop working at once; the device must ask again.", style: .title), in: body.row(0))
        if let grant = grants.selectedGrant {
            canvas.draw(Label("Grant " + grant.id, style: .muted), in: body.row(1))
        }
        canvas.draw(Label("Reason (optional):", style: .muted), in: body.row(2))
        canvas.draw(TextField(state: grants.reason, placeholder: GrantsState.defaultReason), in: body.row(3))
    }
}
