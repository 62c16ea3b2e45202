import Foundation
import GNAP

/// The inbox of the interaction API: asynchronous requests (RFC 9635 §1.6.3) waiting for this approver's account.
extension InteractionClient {
    /// The requests waiting now, page after page (the AS keeps each page within any approver's response limit), up
    /// to `maximumItems`; the clients blocked; and the event position the stream continues from. That position is
    /// the first page's: whatever changed while the later pages were read comes through the stream again, so an
    /// inbox loaded from this and the stream converges. `truncated` (with `next_cursor`) says that more requests wait than
    /// were listed.
    /// - Parameter maximumItems: default 50,000: where a terminal stops listing.
    public func inbox(maximumItems: Int = 50_000) async throws(GNAPClientError) -> InboxSnapshot {
        var snapshot = try await inboxPage()
        var listed = Set(snapshot.items.map(\.grantID))
        while snapshot.truncated, let next = snapshot.nextCursor, snapshot.items.count < maximumItems {
            let page = try await inboxPage(cursor: next)
            // A request created after the first page may be listed twice (the stream brings it too).
            for item in page.items where listed.insert(item.grantID).inserted { snapshot.items.append(item) }
            snapshot.blocks = page.blocks
            snapshot.truncated = page.truncated
            snapshot.nextCursor = page.nextCursor
            if page.items.isEmpty { break }
        }
        return snapshot
    }

    /// One page of the waiting requests, oldest first: from the start, or from `cursor` (the `next_cursor` of the
    /// previous page).
    public func inboxPage(cursor: String? = nil) async throws(GNAPClientError) -> InboxSnapshot {
        var url = endpoint + "/inbox"
        if let cursor, let escaped = cursor.addingPercentEncoding(withAllowedCharacters: Self.cursorCharacters) {
            url += "?cursor=" + escaped
        }
        return try await client.send(.get, url: url, json: NoContent?.none, as: InboxSnapshot.self)
    }

    private static let cursorCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

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
