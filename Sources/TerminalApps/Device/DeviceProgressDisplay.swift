import GNAP
import GNAPClient
import Synchronization
import TerminalUI

/// Shows the device's progress when there is no full-screen display: plain lines on stderr (how to approve, then
/// one line per status change: no escape sequences, no redrawing), which leaves stdout for the tokens.
final class DeviceProgressDisplay: Sendable {
    let serverURL: String
    /// A raw writer: callers include line breaks.
    let stderr: @Sendable (String) -> Void
    private let state = Mutex<(interaction: DeviceInteraction?, status: DeviceStatus, started: Bool)>(
        (nil, .requesting, false))

    init(serverURL: String, stderr: @escaping @Sendable (String) -> Void) {
        self.serverURL = serverURL
        self.stderr = stderr
    }

    /// Shows one event of the flow; `now` is the time it happened.
    func show<C: Clock & Sendable>(_ event: DeviceFlow<C>.Event, now: WallInstant) where C.Instant == WallInstant {
        switch DeviceProgress.of(event) {
        case .interaction(let interaction):
            state.withLock { $0.interaction = interaction }
            let parsed = interaction.userCode.flatMap { try? UserCode(parsing: $0) }
            if let code = interaction.userCode, parsed == nil {
                stderr("Enter this code: \(TextSanitizer.sanitize(code))\n")
            }
            var banner = DeviceBanner(
                userCode: parsed, userCodeURI: interaction.userCodeURI, interactionURL: interaction.redirect,
                appURI: interaction.app, serverURL: serverURL, expiresAt: interaction.expiresAt)
            banner.approver = interaction.approver
            for line in banner.lines(now: now, width: 80, blockLetters: false) { stderr(line + "\n") }
        case .status(let status):
            show(status, now: now)
        }
    }

    /// Prints `status` as a line when it differs from the last one shown.
    func show(_ status: DeviceStatus, now: WallInstant) {
        let (shown, changed, interaction) = state.withLock { state -> (DeviceStatus, Bool, DeviceInteraction?) in
            if status == .codeEntered { state.started = true }
            let next = state.status.followed(by: status, started: state.started)
            defer { state.status = next }
            return (next, state.status != next, state.interaction)
        }
        if changed {
            stderr(
                shown.text(now: now, usesCode: interaction?.userCode != nil, approver: interaction?.approver) + "\n")
        }
    }
}
