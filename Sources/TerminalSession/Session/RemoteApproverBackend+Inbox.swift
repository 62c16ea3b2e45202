import GNAP
import GNAPClient

/// The inbox over the interaction API: `GET /interact/v1/inbox`, its event stream, opening a request, lifting a block.
extension RemoteApproverBackend {
    public func inbox() async throws(ApproverFailure) -> InboxSnapshot {
        do {
            return try await client.inbox()
        } catch {
            throw Self.failure(error)
        }
    }

    public func inboxEvents(after lastEventID: Int64?) async throws(ApproverFailure) -> any InboxFeed {
        do {
            return RemoteInboxFeed(
                subscription: try await InboxEventStream(interaction: client).open(after: lastEventID))
        } catch {
            throw Self.failure(error)
        }
    }

    public func openInboxRequest(_ grantID: String) async throws(ApproverFailure) -> InteractionReview {
        do {
            return try await client.openInboxRequest(grantID: grantID)
        } catch {
            throw Self.failure(error)
        }
    }

    public func liftInboxBlock(_ instanceID: String) async throws(ApproverFailure) -> [InboxBlock] {
        do {
            return try await client.liftInboxBlock(client: instanceID)
        } catch {
            throw Self.failure(error)
        }
    }
}

/// The inbox stream of a remote AS.
struct RemoteInboxFeed: InboxFeed {
    let subscription: EventSubscription<InboxStreamEvent>

    func next() async throws(ApproverFailure) -> [InboxStreamEvent] {
        do {
            // A short window gathers a burst into one batch; a single arrival is not held back noticeably.
            return try await subscription.nextBatch(limit: 500, window: .milliseconds(5))
        } catch {
            throw RemoteApproverBackend<WallClock>.failure(error)
        }
    }

    func close() { subscription.close() }
}
