/// What the shell must do.
public enum GrantAction: Sendable, Hashable {
    case interactionBound
    case approved
    case denied
    /// The interaction reference is recorded: follow the finish method (§4.2.1 redirect, §4.2.2 push).
    case interactionFinished
    /// Rotate the continuation token and answer with `continue` and this `wait` (§5.2): the grant is pending, or
    /// approved with nothing new to deliver.
    case respondPending(waitSeconds: Int)
    /// Issue tokens for exactly this selection, and answer with them and a `continue` with a rotated continuation
    /// token (§3.2, §5.2); the grant stays approved, so it can still be modified (§5.3) or cancelled (§5.4).
    case issueTokens(ApprovalSelection)
    /// The modified request needs new consent (§5.3): start a new interaction (new user code), rotate the
    /// continuation token and answer with `continue` (this `wait`) and `interact`.
    case restartInteraction(waitSeconds: Int)
    /// The grant is cancelled (§5.4): revoke its access tokens and answer `204`.
    case cancelled
    /// Answer with this error.
    case respondError(GNAPError)
    /// Answer `too_fast`, rotate the continuation token and include `continue` with this `wait` (§3.6, §5).
    case respondTooFast(GNAPError, waitSeconds: Int)
    /// Answer with this error, rotate the continuation token and include `continue` with this `wait`: the grant
    /// can still go on (§3.6).
    case respondErrorContinuing(GNAPError, waitSeconds: Int)
    /// Refuse the approver's (or admin's) action; nothing changed.
    case refuse(InteractionRefusal)
    /// The approval was withdrawn after the client picked its tokens up: revoke every token of the grant in the
    /// same transaction (§6.2 effect, decided by the AS).
    case revokeTokens
    /// The pending grant's interaction expired: its code stops working (`expired_user_code`) and the client is told
    /// `invalid_interaction` on its next call.
    case interactionExpired
    /// The event does not apply to the grant as it stands (e.g. expiry of a grant already decided); nothing changed.
    case unchanged
}

/// Why an approver's action was refused. Descriptions are for people.
public enum InteractionRefusal: String, Error, Sendable, Hashable, CustomStringConvertible {
    case expired
    case alreadyDecided
    case boundToAnotherApprover
    case codeNotEntered
    case nothingSelected
    case cancelled
    case anotherAccountsGrant
    /// The interaction was started with the user code; its interaction URL is refused (§4.1).
    case startedWithUserCode
    /// The interaction was started with the interaction URL or application URI; the user code is refused (§4.1).
    case startedWithInteractionURL
    /// The request is not addressed to the approver's account (asynchronous requests, RFC 9635 §1.6.3).
    case notForYou

    public var description: String {
        switch self {
        case .expired: "this code has expired; ask the device for a new one"
        case .alreadyDecided: "this request has already been decided"
        case .boundToAnotherApprover: "this code was already used by another approver"
        case .codeNotEntered: "enter the user code before deciding"
        case .nothingSelected: "approving nothing is meaningless; deny the request instead"
        case .cancelled: "the device cancelled this request"
        case .anotherAccountsGrant:
            "this request extends access another account approved; only that account can approve it"
        case .startedWithUserCode:
            "this request's user code was already entered, so its interaction URL can no longer be used"
        case .startedWithInteractionURL:
            "this request's interaction URL was already used, so its user code can no longer be entered"
        case .notForYou: "this request is not in your inbox"
        }
    }
}
