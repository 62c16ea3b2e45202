import Foundation
import GNAP
import TerminalUI

/// `gnapterm admin`: a live table of pending requests fed by the AS's audit event stream, with their details and
/// history, deny and revoke, recent decisions, accounts and devices. Pure: `update` changes the state and returns
/// ``AdminWatchEffect``s, which ``AdminWatchEffectHandler`` performs.
public struct AdminWatchApp: TerminalProgram {
    public typealias State = AdminWatchState
    public typealias Message = AdminWatchMessage
    public typealias Effect = AdminWatchEffect
    /// The state's revision: the runner keeps it instead of a copy of 50,000 rows (see ``AdminWatchState``).
    public typealias RenderKey = UInt64

    public func renderKey(_ state: State) -> UInt64 { state.revision }

    /// Shown in the header, e.g. "alice @ http://127.0.0.1:8080".
    public var identity: String
    public var timeZone: TimeZone
    /// Ring the terminal's bell when a new request arrives (`gnapterm admin --bell`).
    public var bell: Bool

    public init(identity: String, timeZone: TimeZone = .current, bell: Bool = false) {
        self.identity = identity
        self.timeZone = timeZone
        self.bell = bell
    }

    public static let runnerConfiguration = RunnerConfiguration(minimumSize: Size(width: 72, height: 16))

    /// The first effect of a run: open the stream and load the snapshot.
    public static let initialEffects: [AdminWatchEffect] = [.connect(after: nil, snapshot: true, delay: .zero)]

    /// Ticks move `now` (ages, countdowns, the decision rate).
    public var tickInterval: Duration? { .seconds(1) }

    public func tickMessage(elapsed: Duration, in state: State) -> Message? { .tick(elapsed) }

    public func shouldQuit(_ state: State) -> Bool { state.isQuitting }

    public func message(for key: Key, in state: State) -> Message? {
        if case .resize(let size) = key { return .resized(size) }
        if case .mouse = key { return nil }
        if state.showsHelp { return key == .ctrl("c") ? .command(.quit) : .closeHelp }
        if let command = AdminWatchKeymaps.keymap(for: state).command(for: key) { return .command(command) }
        return AdminWatchKeymaps.isTyping(state) ? .edit(key) : nil
    }

    public func update(_ state: inout State, _ message: Message) -> [Effect] {
        state.revision &+= 1
        switch message {
        case .resized(let size):
            state.size = size
            Self.scrollToSelection(&state)
            return []
        case .tick(let elapsed):
            state.now = state.clockStart.advanced(by: elapsed)
            let horizon = state.now.advanced(by: .seconds(-60))
            state.recentDecisionTimes.removeAll { $0 < horizon }
            return []
        case .closeHelp:
            state.showsHelp = false
            return []
        case .connected(let result):
            return connected(&state, result)
        case .events(let result):
            return eventsArrived(&state, result)
        case .grantLoaded(let id, let asOf, let result):
            if case .failure(let failure) = result { Self.noteSessionEnd(failure, &state) }
            return grantLoaded(&state, id: id, asOf: asOf, result)
        case .detailLoaded(let id, let result):
            if case .failure(let failure) = result { Self.noteSessionEnd(failure, &state) }
            guard state.detail?.grantID == id else { return [] }
            switch result {
            case .success(let detail): state.detail?.detail = detail
            case .failure(let failure): state.detail?.error = failure.description
            }
            return []
        case .grantActionDone(let action, let grantID, let result):
            return grantActionDone(&state, action, grantID, result)
        case .accountsLoaded(let result):
            switch result {
            case .success(let loaded):
                state.accounts = loaded.accounts
                state.devices = loaded.devices
                state.accountsStale = false
                state.table.setUsernames(Dictionary(loaded.accounts.map { ($0.id, $0.username) }) { first, _ in first })
                Self.fixSelection(&state)
            case .failure(let failure):
                Self.noteSessionEnd(failure, &state)
                state.notice = ("Accounts: \(failure.description)", true)
            }
            return []
        case .accountActionDone(_, let result):
            switch result {
            case .success(let text): state.notice = (text, false)
            case .failure(let failure):
                Self.noteSessionEnd(failure, &state)
                state.notice = (failure.description, true)
            }
            return [.loadAccounts]
        case .command(let command):
            return perform(command, &state)
        case .edit(let key):
            return edit(key, &state)
        }
    }

    public func keymap(for state: State) -> Keymap<AdminViewCommand> { AdminWatchKeymaps.keymap(for: state) }

    private func grantActionDone(
        _ state: inout State, _ action: GrantAction, _ grantID: String,
        _ result: Result<GrantSummary, AdminWatchFailure>
    ) -> [Effect] {
        switch result {
        case .success(let summary):
            let verb = action == .deny ? "Denied" : "Revoked"
            state.notice = ("\(verb) \(summary.clientName ?? summary.instanceID) (\(grantID)).", false)
            // The row leaves the table when the decision's audit entry arrives through the stream, like anyone
            // else's decision, so the decisions tab gets it with its client and reason.
            return state.detail?.grantID == grantID ? [.loadDetail(id: grantID)] : []
        case .failure(let failure):
            Self.noteSessionEnd(failure, &state)
            state.notice = ("\(action == .deny ? "Deny" : "Revoke") failed: \(failure.description)", true)
            return []
        }
    }

    /// A call refused because the AS no longer accepts this terminal's credentials: the header must not go on
    /// saying "live" while every call fails; it says what happened (and the banner what to do).
    static func noteSessionEnd(_ failure: AdminWatchFailure, _ state: inout State) {
        if failure.endsSession { state.connection = .refused(failure.description) }
    }
}
