import Foundation
import GNAP
import TerminalSession

extension ApproverFailure {
    /// A sentence for the person, chosen by the AS error code when this app knows it (unknown, expired or used
    /// code, request already decided, too many attempts), else the failure's own message.
    public var displayMessage: String {
        guard let code else { return message }
        switch GNAPError.Code(rawValue: code) {
        case .userCodeUnknown: return "No request has this code. Check the code shown on the device and try again."
        case .userCodeExpired: return "This code has expired. Ask the device for a new code."
        case .userCodeUsed: return "This code was already used. Ask the device for a new code."
        case .userCodeMalformed: return "The server did not accept this code. Check it and try again."
        case .requestWithdrawn: return "The device withdrew this request."
        case .alreadyDecided: return "This request was already decided (perhaps from another terminal)."
        case .tooManyAttempts: return "Too many attempts. Wait a while before entering another code."
        case .interactionURLMalformed: return "This is not a request link of this server. Check the link."
        case .interactionURLUnknown: return "No request has this link. Check it, or ask the device for a new one."
        case .interactionExpired: return "This link has expired. Ask the device for a new one."
        case .interactionUsed: return "This link was already used by another approver."
        case .startModeUsed: return "This request is already being approved another way (its code or its link)."
        case .unknownDevice:
            return "The AS no longer accepts this terminal's key (it was revoked). Ask an admin for an enrollment code "
                + "and enroll this terminal again."
        case .unknownUser: return "This request is for another user, so it was refused; the device is told so."
        default: return message
        }
    }

    /// The server's own words when `displayMessage` replaced them (they may say more, e.g. attempts left).
    public var serverDetail: String? {
        let own = message.trimmingCharacters(in: .whitespacesAndNewlines)
        // The same words (case and a final full stop aside) are not worth repeating.
        let same =
            displayMessage.lowercased() == own.lowercased() || displayMessage.lowercased() == own.lowercased() + "."
        guard !own.isEmpty, !same else { return nil }
        return own
    }
}
