import GNAP
import GNAPClient

/// An open inbox event stream: the next events, in order.
public protocol InboxFeed: Sendable {
    /// Waits for at least one event and returns those that arrived; throws when the stream ended.
    func next() async throws(ApproverFailure) -> [InboxStreamEvent]
    /// Stops following.
    func close()
}

extension ApproverBackend {
    public func inbox() async throws(ApproverFailure) -> InboxSnapshot {
        throw .notOffered("an inbox of asynchronous requests")
    }

    public func inboxEvents(after lastEventID: Int64?) async throws(ApproverFailure) -> any InboxFeed {
        throw .notOffered("an inbox of asynchronous requests")
    }

    public func openInboxRequest(_ grantID: String) async throws(ApproverFailure) -> InteractionReview {
        throw .notOffered("an inbox of asynchronous requests")
    }

    public func liftInboxBlock(_ instanceID: String) async throws(ApproverFailure) -> [InboxBlock] {
        throw .notOffered("an inbox of asynchronous requests")
    }
}
