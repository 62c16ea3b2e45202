import AsyncHTTPClient
import GNAP

/// Follows `GET /interact/v1/inbox/events`: the approver account's inbox as server-sent events (``InboxEvent``),
/// signed with the device key like the rest of the interaction API (``SignedEventStream``).
public struct InboxEventStream: Sendable {
    public let interaction: InteractionClient
    let stream: SignedEventStream

    /// - Parameters:
    ///   - httpClient: default ``AsyncHTTPTransport/failFastClient``.
    ///   - idleTimeout: default 45 seconds (the AS sends a keep-alive every 15).
    public init(
        interaction: InteractionClient, httpClient: HTTPClient = AsyncHTTPTransport.failFastClient,
        idleTimeout: Duration = .seconds(45)
    ) {
        self.interaction = interaction
        stream = SignedEventStream(client: interaction.client, httpClient: httpClient, idleTimeout: idleTimeout)
    }

    /// Opens the stream after event `lastEventID` (the snapshot's `latest_event_id`, or the last event received),
    /// or from now when nil. Events of names this build does not know are skipped.
    public func open(after lastEventID: Int64?) async throws(GNAPClientError) -> EventSubscription<InboxStreamEvent> {
        try await stream.open(url: interaction.endpoint + "/inbox/events", after: lastEventID) { event in
            guard let id = event.id.flatMap(Int64.init),
                let decoded = try? InboxEvent.decode(name: event.event, data: Array(event.data.utf8))
            else { return nil }
            return InboxStreamEvent(id: id, event: decoded)
        }
    }
}

/// An inbox event with its position (the `id` to resume after).
public struct InboxStreamEvent: Sendable, Hashable {
    public var id: Int64
    public var event: InboxEvent

    public init(id: Int64, event: InboxEvent) {
        self.id = id
        self.event = event
    }
}
