import GNAP
import TerminalSession
import TerminalUI

/// The named commands keys are bound to (see `ApproverKeymaps`).
public enum ApproverCommand: Hashable, Sendable {
    case help
    case quit
    /// Copy what the screen is about (a grant id, a thumbprint) to the clipboard.
    case copy
    /// Mouse events on or off (off lets the terminal select text).
    case toggleMouse
    // Code entry.
    case submitCode
    case leaveField
    case editCode
    case showHistory
    // Review.
    case previousItem
    case nextItem
    case pageUp
    case pageDown
    case top
    case bottom
    case toggle
    case switchFocus
    case focusApprove
    case focusDeny
    case activate
    case approve
    case deny
    case leaveReview
    // Confirm approval.
    case confirm
    case back
    // Deny.
    case previousReason
    case nextReason
    case submitDenial
    // Result.
    case newCode
    // History.
    case openDetail
    /// Start typing a search (`/`).
    case search
    case submitSearch
    case cancelSearch
    case nextMatch
    case previousMatch
    /// Next pane of the records view: decisions, active grants, keys (Shift-Tab goes back).
    case nextPane
    case previousPane
    // Active grants.
    case revoke
    case confirmRevoke
    // Keys.
    case rotateKey
    case confirmRotate
    // Inbox (Inbox/).
    /// Open the inbox pane.
    case showInbox
    /// Lift the block of the selected client.
    case liftBlock
}

/// Everything that can happen to the approver app.
public enum ApproverMessage: Equatable, Sendable {
    case command(ApproverCommand)
    /// A key for the focused text field.
    case edit(Key)
    /// A primary click at a cell.
    case click(Point)
    /// The mouse wheel: rows to scroll (negative is up).
    case scroll(Int)
    case resized(Size)
    /// A tick: the time elapsed since the runner started.
    case tick(Duration)
    case closeHelp
    /// Scroll the help overlay by this many lines (negative is up).
    case scrollHelp(Int)
    /// The AS answered a code.
    case codeLookedUp(Result<InteractionReview, ApproverFailure>)
    /// The AS answered a decision.
    case decided(Result<DecisionResponse, ApproverFailure>)
    case historyLoaded(Result<[DecisionRecord], ApproverFailure>)
    /// The full-text search for the query answered.
    case historySearched(String, Result<[DecisionRecord], ApproverFailure>)
    case activeGrantsLoaded(Result<[ActiveGrant], ApproverFailure>)
    /// The AS answered the revocation of the grant.
    case grantRevoked(String, Result<Bool, ApproverFailure>)
    case keysLoaded(Result<[DeviceKeyInfo], ApproverFailure>)
    case keyRotated(Result<DeviceKeyInfo, ApproverFailure>)
    /// The inbox stream and its actions (Inbox/InboxMessages.swift).
    case inbox(InboxMessage)
}

/// Work for the outside world, performed by `ApproverEffectHandler`.
public enum ApproverEffect: Equatable, Sendable {
    case enterCode(UserCode)
    /// Open an interaction URL or application URI (`gnapterm approve --as AS URL`).
    case openInteraction(String)
    case approve(InteractionReview, ApprovalRequest)
    case deny(InteractionReview, String)
    case loadHistory
    /// Full-text search of the local history.
    case searchHistory(String)
    case loadActiveGrants
    case revokeGrant(String, reason: String)
    case loadKeys
    case rotateKey
    /// Put this text on the terminal's clipboard (OSC 52).
    case copyToClipboard(String)
    /// Report mouse events (true) or leave the mouse to the terminal (false).
    case setMouseCapture(Bool)
    /// The inbox's work (Inbox/InboxMessages.swift), performed by `InboxEffectHandler`.
    case inbox(InboxEffect)
}
