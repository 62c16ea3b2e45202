import GNAP
import TerminalUI

/// Where a headless device is in its wait, as its display shows it.
public enum DeviceStatus: Sendable, Hashable {
    /// The grant request is on its way; the AS has not answered yet.
    case requesting
    /// Nobody has entered the code (or opened the link) yet.
    case waiting
    /// Someone entered the code or opened the link and is deciding (a gnapterm extension of the pending response).
    case codeEntered
    /// Polling failed for a transient reason (network, AS restart); the next attempt is at `nextAttemptAt`.
    case retrying(reason: String, nextAttemptAt: WallInstant)
    case approved
    /// Denied, with the AS's description when it gave one.
    case denied(reason: String?)
    case expired

    /// True once nothing more will happen.
    public var isFinal: Bool {
        switch self {
        case .approved, .denied, .expired: true
        case .requesting, .waiting, .codeEntered, .retrying: false
        }
    }

    /// The status to show when `reported` arrives while this one is shown: a final status is never replaced, and
    /// once someone entered the code (`started`) a plain "still pending" report keeps saying so.
    public func followed(by reported: DeviceStatus, started: Bool) -> DeviceStatus {
        if isFinal { return self }
        if reported == .waiting, started { return .codeEntered }
        return reported
    }

    /// One line for a person: what is happening and, when the device is retrying, why and when. `usesCode` says
    /// whether the person enters a code (else they open a link); `approver` names the user an asynchronous request
    /// waits for on their own terminal (RFC 9635 §1.6.3). Untrusted text (the reason) is sanitized.
    public func text(now: WallInstant, usesCode: Bool, approver: String? = nil) -> String {
        if let approver = approver.map({ TextSanitizer.sanitize($0) }) {
            switch self {
            case .waiting: return "Waiting for \(approver) to approve on their terminal…"
            case .codeEntered: return "\(approver) opened the request — waiting for the decision…"
            case .expired: return "Expired — \(approver) did not decide in time"
            default: break
            }
        }
        switch self {
        case .requesting: return "Requesting access…"
        case .waiting:
            return usesCode ? "Waiting for someone to enter the code…" : "Waiting for someone to open the link…"
        case .codeEntered:
            return (usesCode ? "Code entered" : "Link opened") + " — waiting for the decision…"
        case .retrying(let reason, let next):
            let seconds = max(0, Int((now.duration(to: next) / .seconds(1)).rounded(.up)))
            return "Retrying in \(seconds)s (\(TextSanitizer.sanitize(reason)))"
        case .approved: return "Approved — access granted"
        case .denied(let reason):
            return "Denied" + (reason.map { " — " + TextSanitizer.sanitize($0) } ?? "")
        case .expired: return usesCode ? "Expired — the code no longer works" : "Expired — the link no longer works"
        }
    }

    /// The style of the status text.
    public var style: Style {
        switch self {
        case .requesting, .waiting: .statusBar
        case .codeEntered: .accent
        case .retrying: .warning
        case .approved: .success
        case .denied, .expired: .danger
        }
    }
}
