import GNAP
import GNAPClient
import TerminalSession
import TerminalUI

/// What happens to the inbox pane (``ApproverMessage/inbox(_:)``).
public enum InboxMessage: Equatable, Sendable {
    /// The stream opened, after loading the snapshot when one was asked for (nil when resuming).
    case connected(Result<InboxSnapshot?, ApproverFailure>)
    /// Events arrived, or the stream broke.
    case events(Result<[InboxStreamEvent], ApproverFailure>)
    /// The AS answered opening a request for review.
    case opened(String, Result<InteractionReview, ApproverFailure>)
    /// The AS answered lifting a client's block, with the blocks that remain.
    case blockLifted(String, Result<[InboxBlock], ApproverFailure>)
}

/// Work for the inbox (``ApproverEffect/inbox(_:)``), performed by ``InboxEffectHandler``.
public enum InboxEffect: Equatable, Sendable {
    /// Open the stream after `after` (nil: load the snapshot first and continue from its position), once `delay`
    /// has passed.
    case connect(after: Int64?, delay: Duration)
    /// Wait for the next events of the open stream.
    case nextEvents
    case open(String)
    case liftBlock(String)
    /// Ring the bell and raise a desktop notification for a new request.
    case notify(TerminalNotification)
}
