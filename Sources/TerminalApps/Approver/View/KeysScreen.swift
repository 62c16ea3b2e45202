import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// This approver's device keys with their thumbprints (to compare with what an admin sees), and rotation.
enum KeysScreen {
    /// The list of keys: under the pane tabs, above the detail of the selected key.
    static func listRect(size: Size) -> Rect {
        let content = ScreenLayout(size: size).content
        return content.inset(top: 1, bottom: detailHeight + 1)
    }

    static let detailHeight = 6

    static func listView(_ keys: KeysState) -> ListView {
        let rows = keys.keys.map { key in
            ListView.Row(
                "\(key.origin.rawValue): \(key.name ?? key.deviceID)",
                detail: key.revokedAt != nil
                    ? "revoked" : (key.isSealed ? "sealed" : (key.origin == .thisTerminal ? "not sealed" : "active")),
                detailStyle: key.revokedAt != nil ? .danger : (key.isSealed ? .success : .muted))
        }
        return ListView(rows: rows, state: keys.list, emptyText: "No device key is stored for this server.")
    }

    static func detailLines(_ key: DeviceKeyInfo, timeZone: TimeZone) -> [DocumentLine] {
        var lines: [DocumentLine] = [
            .field("Thumbprint", key.thumbprint, style: .accent, indent: 0, labelWidth: 12),
            .field("Device", key.deviceID, indent: 0, labelWidth: 12),
            .field("Server", key.server, indent: 0, labelWidth: 12),
        ]
        if let enrolled = key.enrolledAt {
            lines.append(.field("Enrolled", TimeText.format(enrolled, in: timeZone), indent: 0, labelWidth: 12))
        }
        if key.origin == .thisTerminal {
            lines.append(
                .field(
                    "At rest",
                    key.isSealed
                        ? "sealed with a passphrase (scrypt, AES-GCM)"
                        : "not sealed; gnapterm keys seal --as \(key.server) seals it",
                    indent: 0, labelWidth: 12))
        }
        return lines
    }

    static func draw(_ keys: KeysState, timeZone: TimeZone, size: Size, on canvas: inout Canvas) {
        let content = ScreenLayout(size: size).content
        PaneTabs.draw(selected: 2, in: content.row(0), on: &canvas)
        if keys.isLoading {
            canvas.draw(Label("Reading the device keys…", style: .muted), in: content.row(1))
        } else if let error = keys.error {
            canvas.draw(Paragraph(error, style: .danger), in: content.inset(top: 1))
        } else {
            let list = listRect(size: size)
            canvas.draw(listView(keys), in: list)
            if let selection = keys.list.clampedSelection(rowCount: keys.keys.count) {
                let detail = Rect(x: content.minX, y: list.maxY, width: content.width, height: detailHeight)
                canvas.horizontalLine(y: detail.minY, x: detail.minX, width: detail.width)
                Document.draw(
                    Document.rows(detailLines(keys.keys[selection], timeZone: timeZone), width: detail.width),
                    in: detail.inset(top: 1), on: &canvas)
            }
        }
        let bottom = content.row(content.height - 1)
        if keys.isRotating {
            canvas.draw(Label("Enrolling the new key…", style: .muted), in: bottom)
        } else if let notice = keys.notice {
            canvas.draw(Label(notice, style: notice.hasPrefix("New key") ? .success : .danger), in: bottom)
        }
    }
}

/// Confirms rotating this terminal's device key.
struct RotateDialog {
    var modal: Modal
    var buttons: ButtonBar
    var buttonRow: Rect

    static let buttonTitles = ["Rotate (y)", "Back (n)"]

    init(size: Size) {
        let bounds = Rect(size: size)
        buttons = ButtonBar(Self.buttonTitles, focusedIndex: nil, spacing: 6)
        modal = Modal(
            title: "Rotate the device key",
            message:
                "A new key is made here and enrolled at the server with the current one; the server then revokes the "
                + "current key. A sealed key stays sealed under the same passphrase.",
            buttons: buttons, preferredWidth: min(64, size.width - 2))
        buttonRow = modal.buttonRect(in: bounds)
    }

    func draw(on canvas: inout Canvas) {
        canvas.draw(modal, in: canvas.bounds)
    }
}
