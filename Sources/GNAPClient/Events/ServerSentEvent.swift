/// One event of a `text/event-stream` (the WHATWG HTML "server-sent events" format).
public struct ServerSentEvent: Sendable, Hashable {
    /// The `id` field, or the last one seen before this event (the stream's last event id).
    public var id: String?
    /// The `event` field; `message` when the event named none.
    public var event: String
    /// The `data` lines joined with line feeds.
    public var data: String

    public init(id: String?, event: String = "message", data: String) {
        self.id = id
        self.event = event
        self.data = data
    }
}
