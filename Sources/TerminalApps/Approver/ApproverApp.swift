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

    /// The runner settings the layout needs: at least 60x18 cells.
    public static let runnerConfiguration = RunnerConfiguration(minimumSize: Size(width: 60, height: 18))

    /// Ticks every second move `now` (countdowns).
    public var tickInterval: Duration? { .seconds(1) }

    public func tickMessage(elapsed: Duration, in state: State) -> Message? { .tick(elapsed) }

    public func shouldQuit(_ state: State) -> Bool { state.isQuitting }

    public func message(for key: Key, in state: State) -> Message? {
        switch key {
        case .resize(let size):
            return .resized(size)
        case .mouse(let event):
            if state.showsHelp { return event.isPrimaryClick ? .closeHelp : nil }
            switch event.button {
            case .scrollUp: return .scroll(-3)
            case .scrollDown: return .scroll(3)
            default: return event.isPrimaryClick ? .click(event.position) : nil
            }
        default:
            break
        }
        if state.showsHelp { return key == .ctrl("c") ? .command(.quit) : .closeHelp }
        if let command = ApproverKeymaps.keymap(for: state).command(for: key) { return .command(command) }
        return ApproverKeymaps.isTyping(state) ? .edit(key) : nil
    }

    public func update(_ state: inout State, _ message: Message) -> [Effect] {
        switch message {
        case .resized(let size):
            state.size = size
            if var review = state.review {
                review.scroll = reviewLayout(review, state).clamped(review.scroll)
                state.review = review
            }
            return []
        case .tick(let elapsed):
            state.now = state.clockStart.advanced(by: elapsed)
            return []
        case .closeHelp:
            state.showsHelp = false
            return []
        case .command(.help):
            state.showsHelp = true
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
        case .review: return updateReview(&state, message)
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

    /// Back to an empty code field with the focus (to the inbox when watching it).
    func startOver(_ state: inout State) {
        state.screen = state.inbox.watching ? .inbox : .codeEntry
        state.code = CodeEntryState()
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
