import Foundation
import GNAP
import NIOCore

/// Turns the audit table into a text/event-stream (SSE) for one admin: every entry after a position, then new
/// entries as they are written, with keep-alive comments (``EventFeed`` does the streaming). The table is the source
/// of truth, so a watcher that reconnects with `Last-Event-ID` gets exactly what it missed.
public enum AuditEventFeed {
    public typealias End = EventFeed.End
    public typealias Reauthorization = EventFeed.Reauthorization

    /// Starts a feed of every audit entry after `position` (see
    /// ``EventFeed/start(configuration:after:follow:reauthorize:wakeup:read:)``); with a shared `coordination`
    /// (several instances on one database), an entry another instance writes wakes it before its next poll.
    public static func start(
        store: any AdministrationStore, configuration: EventStreamConfiguration, after position: Int64, follow: Bool,
        reauthorize: Reauthorization? = nil, coordination: any InstanceCoordination = SingleInstance()
    ) -> (stream: AsyncStream<ByteBuffer>, producer: Task<End, Never>) {
        start(
            store: store, configuration: configuration, after: position, follow: follow, reauthorize: reauthorize,
            wakeup: coordination is SingleInstance ? nil : FeedWakeup(coordination: coordination))
    }

    static func start(
        store: any AdministrationStore, configuration: EventStreamConfiguration, after position: Int64, follow: Bool,
        reauthorize: Reauthorization?, wakeup: FeedWakeup?
    ) -> (stream: AsyncStream<ByteBuffer>, producer: Task<End, Never>) {
        EventFeed.start(
            configuration: configuration, after: position, follow: follow, reauthorize: reauthorize, wakeup: wakeup
        ) { after, limit in
            let entries = try await store.auditEntries(AuditQuery(afterID: after, limit: limit))
            return EventFeed.Batch(
                frames: entries.map(frame), position: entries.last?.id ?? after, entriesRead: entries.count)
        }
    }

    /// One SSE event: `id` (the audit position, for `Last-Event-ID`), `event` (the kind), `data` (one JSON line).
    public static func frame(_ entry: AuditEntry) -> ByteBuffer {
        EventFeed.frame(
            id: entry.id, event: entry.event.kind.rawValue,
            json: (try? GNAPJSON.encode(AuditEntryView(entry))) ?? Array("{}".utf8))
    }
}
