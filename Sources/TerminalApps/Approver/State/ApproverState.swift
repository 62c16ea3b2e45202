import GNAP
import TerminalUI

/// Everything the approver app shows. Pure data: `ApproverApp.update` changes it, `ApproverApp.view` draws it.
public struct ApproverState: Equatable, Sendable {
    /// What the approver is doing.
    public enum Screen: Hashable, Sendable {
        /// Typing a user code.
        case codeEntry
        /// Waiting for the AS.
        case loading(Activity)
        /// Reviewing a request.
        case review
        /// The modal that lists what an approval releases and withholds.
        case confirmApproval
        /// The modal that asks for the reason of a denial.
        case deny
        /// The outcome of a decision.
        case result
        /// The local decision history.
        case history
        /// One decision of the history.
        case historyDetail
        /// The grants this approver approved that still hold tokens, from the AS.
        case activeGrants
        /// The modal that confirms revoking the selected grant.
        case revokeGrant
        /// This approver's device keys.
        case keys
        /// The modal that confirms rotating the device key.
        case rotateKey
        /// The requests waiting in this account's inbox (asynchronous requests).
        case inbox
    }

    /// What the app waits for on the loading screen.
    public enum Activity: Hashable, Sendable {
        case lookingUp(UserCode)
        /// Opening an interaction URL or application URI.
        case openingInteraction(String)
        case approving(ApprovalRequest)
        case denying(reason: String)
    }

    public var screen: Screen
    /// The key help is shown over the screen.
    public var showsHelp: Bool
    /// The first line of the key help shown, when it is taller than the screen.
    public var helpScroll: Int
    /// The current time, moved by ticks; countdowns are computed from it.
    public var now: WallInstant
    /// The time of the first tick's origin: ticks set `now` to `clockStart` plus the elapsed time.
    public var clockStart: WallInstant
    /// The terminal size (for scrolling and mouse clicks).
    public var size: Size
    /// A line shown under the code field (the demo says which code its device shows).
    public var hint: String?
    public var code: CodeEntryState
    /// The request under review, kept until the next code.
    public var review: ReviewState?
    public var denial: DenialState
    public var result: DecisionResult?
    /// The first row shown of the result.
    public var resultScroll: Int
    /// The first row shown of the approval's confirmation list.
    public var confirmScroll: Int
    public var history: HistoryState
    public var grants: GrantsState
    public var keys: KeysState
    public var inbox: InboxState
    /// Set by the quit command; the runner then stops.
    public var isQuitting: Bool
    /// A short confirmation in the status bar (e.g. what was copied), until the next key.
    public var flash: String?
    /// True while the app receives mouse events; false leaves the mouse to the terminal's text selection.
    public var capturesMouse: Bool

    /// The state at start: the code entry screen, typing.
    public init(now: WallInstant, size: Size = Size(width: 80, height: 24), hint: String? = nil) {
        screen = .codeEntry
        showsHelp = false
        helpScroll = 0
        self.now = now
        clockStart = now
        self.size = size
        self.hint = hint
        code = CodeEntryState()
        review = nil
        denial = DenialState()
        result = nil
        resultScroll = 0
        confirmScroll = 0
        history = HistoryState()
        grants = GrantsState()
        keys = KeysState()
        inbox = InboxState()
        isQuitting = false
        flash = nil
        capturesMouse = true
    }

    /// The state at start when the person gave an interaction URL or application URI: waiting for its review,
    /// with the effect that asks for it. A failure lands on the code entry screen with the reason.
    public static func opening(
        _ interaction: String, now: WallInstant, size: Size = Size(width: 80, height: 24)
    ) -> (ApproverState, [ApproverEffect]) {
        var state = ApproverState(now: now, size: size)
        state.screen = .loading(.openingInteraction(interaction))
        return (state, [.openInteraction(interaction)])
    }
}
