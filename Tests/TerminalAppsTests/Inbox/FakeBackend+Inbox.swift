import GNAP
import GNAPClient
import Synchronization
import TerminalApps
import TerminalSession

extension FakeBackend {
    func inbox() async throws(ApproverFailure) -> InboxSnapshot {
        guard let inboxSnapshot else { throw .notOffered("an inbox of asynchronous requests") }
        return inboxSnapshot
    }

    func inboxEvents(after lastEventID: Int64?) async throws(ApproverFailure) -> any InboxFeed {
        guard inboxSnapshot != nil else { throw .notOffered("an inbox of asynchronous requests") }
        return QuietInboxFeed(batches: inboxBatches)
    }

    func openInboxRequest(_ grantID: String) async throws(ApproverFailure) -> InteractionReview {
        record(.openInboxRequest(grantID))
        guard let review = inboxReviews[grantID] else {
            throw ApproverFailure(code: "already_decided", message: "this request was already decided elsewhere")
        }
        return review
    }
}

/// An inbox stream that brings `batches`, then nothing until it is closed.
final class QuietInboxFeed: InboxFeed {
    private let state = Mutex<(closed: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))
    private let batches: Mutex<[[InboxStreamEvent]]>

    init(batches: [[InboxStreamEvent]] = []) { self.batches = Mutex(batches) }

    func next() async throws(ApproverFailure) -> [InboxStreamEvent] {
        let batch = batches.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        if let batch { return batch }
        // Like the real stream, a cancelled wait ends (the runner cancels its effects when the app quits).
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.closed { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            close()
        }
        throw ApproverFailure(code: "not_offered", message: "the inbox stream ended")
    }

    func close() {
        let waiter = state.withLock { state in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
