import Foundation
import GNAP
import NIOCore

/// Turns the audit table into a text/event-stream (SSE) for one watcher: every entry after a position, then new
/// entries as they are written, with keep-alive comments. The table is the source of truth, so a watcher that
/// reconnects with `Last-Event-ID` gets exactly what it missed.
///
/// The producer reads the table again after ``EventStreamConfiguration/pollInterval``, or sooner when the
/// ``InstanceCoordination`` says an entry may have been written (with PostgreSQL, by any instance: LISTEN/NOTIFY).
///
/// A producer task reads the table into a bounded buffer (``EventStreamConfiguration/bufferLimit`` entries); the
/// HTTP writer drains it at the watcher's pace. A watcher too slow to keep the buffer from filling is dropped
/// (its stream ends) instead of letting memory grow: it reconnects and resumes.
public enum AuditEventFeed {
    /// How a feed's producer ended.
    public enum End: Sendable, Hashable {
        /// `follow` was false and every entry was delivered to the buffer.
        case caughtUp
        /// The watcher fell `bufferLimit` entries behind.
        case overflowed
        /// The watcher went away (or the server is stopping).
        case cancelled
        /// The store failed.
        case failed
        /// The watcher may no longer watch (``Reauthorization``); the stream ended with a comment saying why.
        case accessEnded
    }

    /// Asks whether the watcher may still watch: nil if so, otherwise why not (a sentence for the closing comment).
    public typealias Reauthorization = @Sendable () async -> String?

    /// Starts a feed. `reauthorize` is asked before every batch is sent and at least every
    /// ``EventStreamConfiguration/reauthorizationInterval`` while none is; when it answers with a reason, the stream
    /// ends with the comment line `: access ended: <reason>` (SSE comments are ignored by parsers, so a watcher simply
    /// sees the stream end; reconnecting gets the refusal as an RFC 9635 error).
    public static func start(
        store: any AdministrationStore, configuration: EventStreamConfiguration, after position: Int64, follow: Bool,
        reauthorize: Reauthorization? = nil, coordination: any InstanceCoordination = SingleInstance()
    ) -> (stream: AsyncStream<ByteBuffer>, producer: Task<End, Never>) {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(
            bufferingPolicy: .bufferingOldest(configuration.bufferLimit))
        let producer = Task<End, Never> {
            let end = await produce(
                store: store, configuration: configuration, after: position, follow: follow,
                reauthorize: reauthorize, coordination: coordination, into: continuation)
            continuation.finish()
            return end
        }
        continuation.onTermination = { _ in producer.cancel() }
        return (stream, producer)
    }

    private static func produce(
        store: any AdministrationStore, configuration: EventStreamConfiguration, after position: Int64, follow: Bool,
        reauthorize: Reauthorization?, coordination: any InstanceCoordination,
        into continuation: AsyncStream<ByteBuffer>.Continuation
    ) async -> End {
        let clock = ContinuousClock()
        var last = position
        var lastWrite = clock.now
        var lastCheck = clock.now
        /// Whether the watcher may go on; if not, the closing comment is queued.
        func stillAuthorized() async -> Bool {
            lastCheck = clock.now
            guard let reauthorize, let reason = await reauthorize() else { return true }
            let line = reason.filter { $0 != "\n" && $0 != "\r" }
            continuation.yield(ByteBuffer(string: ": access ended: \(line)\n\n"))
            return false
        }
        // Tells EventSource clients how long to wait before reconnecting.
        guard case .enqueued = continuation.yield(ByteBuffer(string: "retry: 2000\n\n")) else { return .overflowed }
        while !Task.isCancelled {
            // Read before the table, so news of an entry written after this read is not missed.
            let seen = coordination.auditSignal()
            let batch: [AuditEntry]
            do {
                batch = try await store.auditEntries(AuditQuery(afterID: last, limit: configuration.batchSize))
            } catch {
                return .failed
            }
            if !batch.isEmpty || lastCheck.duration(to: clock.now) >= configuration.reauthorizationInterval {
                guard await stillAuthorized() else { return .accessEnded }
            }
            for entry in batch {
                switch continuation.yield(frame(entry)) {
                case .enqueued: last = entry.id
                case .dropped: return .overflowed
                case .terminated: return .cancelled
                @unknown default: return .cancelled
                }
                lastWrite = clock.now
            }
            if batch.count == configuration.batchSize { continue }
            if !follow { return .caughtUp }
            if lastWrite.duration(to: clock.now) >= configuration.keepAliveInterval {
                guard case .enqueued = continuation.yield(ByteBuffer(string: ": keep-alive\n\n")) else {
                    return .overflowed
                }
                lastWrite = clock.now
            }
            do {
                try await coordination.waitForAudit(beyond: seen, timeout: configuration.pollInterval)
            } catch {
                return .cancelled
            }
        }
        return .cancelled
    }

    /// One SSE event: `id` (the audit position, for `Last-Event-ID`), `event` (the kind), `data` (one JSON line).
    public static func frame(_ entry: AuditEntry) -> ByteBuffer {
        let json = (try? GNAPJSON.encode(AuditEntryView(entry))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // Kinds are the AS's own short names; a line break in one would end the field early, so none may pass.
        let kind = entry.event.kind.rawValue.filter { $0 != "\n" && $0 != "\r" }
        return ByteBuffer(string: "id: \(entry.id)\nevent: \(kind)\ndata: \(json)\n\n")
    }
}
