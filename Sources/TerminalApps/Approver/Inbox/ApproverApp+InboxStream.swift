import GNAP
import GNAPClient
import TerminalSession
import TerminalUI

/// The inbox stream: connecting (snapshot, then events after it), applying events in order (replays change
/// nothing), reconnecting with capped backoff, and a notification for each new request.
extension ApproverApp {
    func inboxMessage(_ state: inout State, _ message: InboxMessage) -> [Effect] {
        switch message {
        case .connected(.success(let snapshot)):
            state.inbox.connection = .live
            if let snapshot { state.inbox.load(snapshot) }
            return [.inbox(.nextEvents)]
        case .connected(.failure(let failure)), .events(.failure(let failure)):
            return inboxDisconnected(&state, failure)
        case .events(.success(let events)):
            let removes = events.contains { if case .removed = $0.event { true } else { false } }
            var effects = applyInboxEvents(&state, events)
            // Requests left a list that could not hold every waiting one: load it again, so the rest move up.
            if state.inbox.moreWaiting, removes {
                state.inbox.connection = .connecting
                effects.append(.inbox(.connect(after: nil, delay: .zero)))
            } else {
                effects.append(.inbox(.nextEvents))
            }
            return effects
        case .opened(let grantID, let result):
            inboxOpened(&state, grantID, result)
            return []
        case .blockLifted(let instanceID, let result):
            inboxBlockLifted(&state, instanceID, result)
            return []
        }
    }

    /// Failure codes that no retry can mend: the AS has no inbox, or refuses this device or account.
    static let inboxRefusals: Set<String> = [
        "not_offered", "unknown_device", "account_disabled", "invalid_signature", "not_found",
    ]

    private func inboxDisconnected(_ state: inout State, _ failure: ApproverFailure) -> [Effect] {
        if let code = failure.code, Self.inboxRefusals.contains(code) {
            state.inbox.connection = .unavailable(failure.displayMessage)
            return []
        }
        let attempt: Int
        if case .reconnecting(let previous, _, _) = state.inbox.connection {
            attempt = previous + 1
        } else {
            attempt = 1
        }
        // 1, 2, 4, 8, 16, then 30 seconds.
        let delay = Duration.seconds(min(30, 1 << min(attempt - 1, 5)))
        state.inbox.connection = .reconnecting(
            attempt: attempt, retryAt: state.now.advanced(by: delay), reason: failure.displayMessage)
        return [.inbox(.connect(after: state.inbox.lastEventID, delay: delay))]
    }

    /// Applies events in order; returns a notification effect per new request (when notifications are on).
    func applyInboxEvents(_ state: inout State, _ events: [InboxStreamEvent]) -> [Effect] {
        var arrivals: [InboxItem] = []
        for event in events {
            if let last = state.inbox.lastEventID, event.id <= last { continue }
            state.inbox.lastEventID = event.id
            switch event.event {
            case .request(let item):
                if state.inbox.upsert(item) { arrivals.append(item) }
            case .removed(let removal):
                state.inbox.remove(removal.grantID)
                noteRemoval(&state, removal)
            case .blocks(let blocks):
                state.inbox.blocks = blocks
            }
        }
        let count = state.inbox.rowCount
        if count > 0, state.inbox.list.selection == nil { state.inbox.list.selection = 0 }
        if let selection = state.inbox.list.selection, selection >= count {
            state.inbox.list.selection = count == 0 ? nil : count - 1
        }
        guard state.inbox.notifies, !arrivals.isEmpty else { return [] }
        return [.inbox(.notify(Self.notification(for: arrivals)))]
    }

    /// A request under review here left the inbox (decided on another terminal, expired, withdrawn): the review says
    /// so, and a decision sent now is refused by the AS with the same explanation.
    private func noteRemoval(_ state: inout State, _ removal: InboxRemoval) {
        guard var review = state.review, review.review.grantID == removal.grantID else { return }
        switch state.screen {
        case .review, .confirmApproval, .deny: break
        default: return
        }
        state.inbox.removals[removal.grantID] = removal
        review.notice = Self.removalText(removal)
        state.review = review
    }

    static func removalText(_ removal: InboxRemoval) -> String {
        let place = removal.deviceName.map { " on your terminal “\(TextSanitizer.sanitize($0))”" } ?? ""
        switch removal.outcome {
        case "approved": return "This request was approved\(place); it is no longer waiting."
        case "denied": return "This request was denied\(place); it is no longer waiting."
        case "expired": return "This request expired; it is no longer waiting."
        case "cancelled": return "The client withdrew this request."
        default: return "This request is no longer waiting for a decision."
        }
    }

    /// One notification for the requests that arrived together.
    static func notification(for arrivals: [InboxItem]) -> TerminalNotification {
        guard arrivals.count == 1, let item = arrivals.first else {
            return TerminalNotification(title: "gnapterm", body: "\(arrivals.count) new requests are waiting for you")
        }
        let who = item.agent.map { $0.name + " via " } ?? ""
        let client = item.client.display?.name ?? item.client.instanceID
        return TerminalNotification(
            title: "gnapterm", body: "\(who)\(client) asks for " + item.rights.prefix(3).joined(separator: "; "))
    }
}
