import GNAP
import GNAPClient

/// What the device flow reports to a display, without the flow's clock type: the interaction to show, then status
/// changes, then the end.
public enum DeviceProgress: Sendable, Hashable {
    /// How the person can start the interaction (RFC 9635 §3.3), and until when.
    case interaction(DeviceInteraction)
    /// The status changed.
    case status(DeviceStatus)

    /// The progress of a `DeviceFlow` event.
    public static func of<C: Clock & Sendable>(_ event: DeviceFlow<C>.Event) -> DeviceProgress
    where C.Instant == WallInstant {
        switch event {
        case .interaction(let interaction): .interaction(interaction)
        case .waiting: .status(.waiting)
        case .codeEntered: .status(.codeEntered)
        case .retrying(let reason, let next): .status(.retrying(reason: reason, nextAttemptAt: next))
        // With a finish method, the callback means the approver decided; continuing fetches the outcome.
        case .interactionFinished: .status(.codeEntered)
        }
    }
}
