import GNAP
import TerminalUI

/// The named commands keys are bound to (see `ApproverKeymaps`).
public enum ApproverCommand: Hashable, Sendable {
    case help
    case quit
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
    /// The AS answered a code.
    case codeLookedUp(Result<InteractionReview, ApproverFailure>)
    /// The AS answered a decision.
    case decided(Result<DecisionResponse, ApproverFailure>)
    case historyLoaded(Result<[DecisionRecord], ApproverFailure>)
}

/// Work for the outside world, performed by `ApproverEffectHandler`.
public enum ApproverEffect: Equatable, Sendable {
    case enterCode(UserCode)
    /// Open an interaction URL or application URI (`gnapterm approve --as AS URL`).
    case openInteraction(String)
    case approve(InteractionReview, ApprovalRequest)
    case deny(InteractionReview, String)
    case loadHistory
}
