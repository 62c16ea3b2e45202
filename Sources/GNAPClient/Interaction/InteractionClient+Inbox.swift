import GNAP

/// The inbox of the interaction API: asynchronous requests (RFC 9635 §1.6.3) waiting for this approver's account.
extension InteractionClient {
    /// Every request waiting now, the clients blocked, and the event position the stream continues from.
    public func inbox() async throws(GNAPClientError) -> InboxSnapshot {
        try await client.send(.get, url: endpoint + "/inbox", json: NoContent?.none, as: InboxSnapshot.self)
    }

    /// Opens a request from the inbox: its review (the AS notes that this terminal saw it).
    public func openInboxRequest(grantID: String) async throws(GNAPClientError) -> InteractionReview {
        try await client.send(
            .post, url: endpoint + "/inbox/\(grantID)/open", json: NoContent?.none, as: InteractionReview.self)
    }

    /// Lifts the block of a client this account kept denying; returns the blocks that remain.
    public func liftInboxBlock(client instanceID: String) async throws(GNAPClientError) -> [InboxBlock] {
        try await client.send(
            .post, url: endpoint + "/inbox/blocks/\(instanceID)/lift", json: NoContent?.none,
            as: InboxBlockList.self
        ).blocks
    }
}
