import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// The approver app: enter a user code, review the request, approve all or part of it or deny it with a reason,
/// look at the local decision history. Pure: `update` changes the state and returns `ApproverEffect`s, which
/// `ApproverEffectHandler` performs against an `ApproverBackend`.
public struct ApproverApp: TerminalProgram {
    public typealias State = ApproverState
    public typealias Message = ApproverMessage
    public typealias Effect = ApproverEffect

    /// Shown in the header, e.g. "alice @ http://127.0.0.1:8080".
    public var identity: String
    /// The time zone of the times shown.
    public var timeZone: TimeZone

    /// Creates the app.
    public init(identity: String, timeZone: TimeZone = .current) {
        self.identity = identity
        self.timeZone = timeZone
    }

    /// The runner settings the layout needs: at least 60x15 cells (short screens scroll, and the review says where
    /// the requested rights are).
    public static let runnerConfiguration = RunnerConfiguration(minimumSize: Size(width: 60, height: 15))

    /// Ticks every second move `now` (countdowns).
    public var tickInterval: Duration? { .seconds(1) }

    public func tickMessage(elapsed: Duration, in state: State) -> Message? { .tick(elapsed) }

    public func shouldQuit(_ state: State) -> Bool { state.isQuitting }

    public func message(for key: Key, in state: State) -> Message? {
        switch key {
        case .resize(let size):
            return .resized(size)
        case .mouse(let event):
            switch event.button {
            case .scrollUp where state.showsHelp: return .scrollHelp(-3)
            case .scrollDown where state.showsHelp: return .scrollHelp(3)
            case _ where state.showsHelp: return event.isPrimaryClick ? .closeHelp : nil
            case .scrollUp: return .scroll(-3)
            case .scrollDown: return .scroll(3)
            default: return event.isPrimaryClick ? .click(event.position) : nil
            }
        default:
            break
        }
        if state.showsHelp { return Self.helpMessage(for: key) }
        if let command = ApproverKeymaps.keymap(for: state).command(for: key) { return .command(command) }
        return ApproverKeymaps.isTyping(state) ? .edit(key) : nil
    }

    public func update(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .command, .edit, .click, .scroll: state.flash = nil  // a confirmation lasts until the next key
        default: break
        }
        switch message {
        case .resized(let size):
            state.size = size
            if var review = state.review {
                review.scroll = reviewLayout(review, state).clamped(review.scroll)
                state.review = review
                if state.screen == .review { markShownRights(&state) }
            }
            return []
        case .tick(let elapsed):
            state.now = state.clockStart.advanced(by: elapsed)
            return []
        case .closeHelp:
            state.showsHelp = false
            return []
        case .scrollHelp(let rows):
            let overlay = helpOverlay(state)
            state.helpScroll = min(max(0, state.helpScroll + rows), overlay.maxScroll(in: Rect(size: state.size)))
            return []
        case .command(.copy):
            return copy(&state)
        case .command(.toggleMouse):
            state.capturesMouse.toggle()
            state.flash =
                state.capturesMouse
                ? "Mouse on: click and scroll here (m: off, to select text)"
                : "Mouse off: select text with the mouse (m: on again)"
            return [.setMouseCapture(state.capturesMouse)]
        case .command(.help):
            state.showsHelp = true
            state.helpScroll = 0
            return []
        case .command(.quit):
            state.isQuitting = true
            return []
        case .codeLookedUp(let result):
            codeLookedUp(&state, result)
            return []
        case .decided(let result):
            decided(&state, result)
            return []
        case .historyLoaded(let result):
            historyLoaded(&state, result)
            return []
        case .historySearched, .activeGrantsLoaded, .grantRevoked, .keysLoaded, .keyRotated:
            return recordsAnswered(&state, message)
        case .inbox(let message):
            return inboxMessage(&state, message)
        case .command(.showInbox):
            return showInbox(&state)
        case .command, .edit, .click, .scroll:
            break
        }
        switch state.screen {
        case .codeEntry: return updateCodeEntry(&state, message)
        case .loading: return []
        case .review:
            let effects = updateReview(&state, message)
            if state.screen == .review { markShownRights(&state) }
            return effects
        case .confirmApproval: return updateConfirmation(&state, message)
        case .deny: return updateDenial(&state, message)
        case .result: return updateResult(&state, message)
        case .history: return updateHistory(&state, message)
        case .historyDetail: return updateHistoryDetail(&state, message)
        case .activeGrants: return updateActiveGrants(&state, message)
        case .revokeGrant: return updateRevokeGrant(&state, message)
        case .keys: return updateKeys(&state, message)
        case .rotateKey: return updateRotateKey(&state, message)
        case .inbox: return updateInbox(&state, message)
        }
    }

    /// While the key help is shown: the arrows, j/k, PgUp/PgDn, Home/End scroll it, Ctrl-C quits, any other key
    /// closes it.
    static func helpMessage(for key: Key) -> Message {
        switch key {
        case .up, .character("k"): .scrollHelp(-1)
        case .down, .character("j"): .scrollHelp(1)
        case .pageUp: .scrollHelp(-10)
        case .pageDown, .space: .scrollHelp(10)
        case .home, .character("g"): .scrollHelp(Int.min / 2)
        case .end, .character("G"): .scrollHelp(Int.max / 2)
        case .ctrl("c"): .command(.quit)
        default: .closeHelp
        }
    }

    /// The key help of `state`'s screen, scrolled as the person left it.
    func helpOverlay(_ state: State) -> HelpOverlay {
        HelpOverlay(
            sections: ApproverKeymaps.keymap(for: state).helpSections, title: "Keys", footer: "Press any key to close",
            scroll: state.helpScroll)
    }

    /// The keys of `state`'s screen merged with the global ones: what dispatch and the help overlay use.
    public func keymap(for state: State) -> Keymap<ApproverCommand> {
        ApproverKeymaps.keymap(for: state)
    }

    /// The review screen's layout for `state`.
    func reviewLayout(_ review: ReviewState, _ state: State) -> ReviewLayout {
        ReviewLayout(
            review: review, description: ReviewDescription(review.review, timeZone: timeZone), now: state.now,
            size: state.size)
    }

    /// Back to an empty code field (to the inbox when watching it): with the focus when the person asked for a new
    /// code (`typing`), else without, so that a key pressed next as on the screen left (`q`, `h`) is not typed into
    /// the field.
    func startOver(_ state: inout State, typing: Bool = false) {
        state.screen = state.inbox.watching ? .inbox : .codeEntry
        state.code = CodeEntryState()
        state.code.isTyping = typing
        state.review = nil
        state.result = nil
        state.denial = DenialState()
    }

    /// Opens the history and asks for it.
    func showHistory(_ state: inout State) -> [Effect] {
        state.screen = .history
        state.history = HistoryState()
        state.history.isLoading = true
        return [.loadHistory]
    }
}
