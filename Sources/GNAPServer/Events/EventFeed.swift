import GNAP
import NIOCore

/// The machinery of a text/event-stream (SSE) over a log whose positions are event ids (the audit table): a
/// producer task reads batches after a position into a bounded buffer, with keep-alive comments and a reauthorization
/// check, and the HTTP writer drains the buffer at the watcher's pace. A watcher too slow to keep the buffer from
/// filling is dropped (its stream ends) instead of letting memory grow: it reconnects with `Last-Event-ID` and
/// resumes. The admin event stream (``AuditEventFeed``) and the inbox stream (``InboxEventFeed``) are two readers of
/// it.
public enum EventFeed {
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

    /// What one read of the log gave: the frames to send, the position after the entries read (even those that
    /// produce no frame), and how many entries were read (a full batch means: read again at once).
    public struct Batch: Sendable {
        public var frames: [ByteBuffer]
        public var position: Int64
        public var entriesRead: Int

        public init(frames: [ByteBuffer], position: Int64, entriesRead: Int) {
            self.frames = frames
            self.position = position
            self.entriesRead = entriesRead
        }
    }

    /// Reads at most `limit` entries after `position`.
    public typealias Reader = @Sendable (_ position: Int64, _ limit: Int) async throws -> Batch

    /// Starts a feed. `reauthorize` is asked before every batch is sent and at least every
    /// ``EventStreamConfiguration/reauthorizationInterval`` while none is; when it answers with a reason, the stream
    /// ends with the comment line `: access ended: <reason>` (SSE comments are ignored by parsers, so a watcher simply
    /// sees the stream end; reconnecting gets the refusal as an RFC 9635 error). `wakeup` ends a wait between polls
    /// early when this process wrote something.
    static func start(
        configuration: EventStreamConfiguration, after position: Int64, follow: Bool,
        reauthorize: Reauthorization? = nil, wakeup: FeedWakeup? = nil, read: @escaping Reader
    ) -> (stream: AsyncStream<ByteBuffer>, producer: Task<End, Never>) {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(
            bufferingPolicy: .bufferingOldest(configuration.bufferLimit))
        let producer = Task<End, Never> {
            let end = await produce(
                configuration: configuration, after: position, follow: follow, reauthorize: reauthorize,
                wakeup: wakeup, read: read, into: continuation)
            continuation.finish()
            return end
        }
        continuation.onTermination = { _ in producer.cancel() }
        return (stream, producer)
    }

    private static func produce(
        configuration: EventStreamConfiguration, after position: Int64, follow: Bool,
        reauthorize: Reauthorization?, wakeup: FeedWakeup?, read: Reader,
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
            // Taken before reading, so a write that lands after the read wakes the wait below.
            let generation = wakeup?.generation
            let batch: Batch
            do {
                batch = try await read(last, configuration.batchSize)
            } catch {
                return .failed
            }
            if !batch.frames.isEmpty || lastCheck.duration(to: clock.now) >= configuration.reauthorizationInterval {
                guard await stillAuthorized() else { return .accessEnded }
            }
            for frame in batch.frames {
                switch continuation.yield(frame) {
                case .enqueued: break
                case .dropped: return .overflowed
                case .terminated: return .cancelled
                @unknown default: return .cancelled
                }
                lastWrite = clock.now
            }
            last = batch.position
            if batch.entriesRead >= configuration.batchSize { continue }
            if !follow { return .caughtUp }
            if lastWrite.duration(to: clock.now) >= configuration.keepAliveInterval {
                guard case .enqueued = continuation.yield(ByteBuffer(string: ": keep-alive\n\n")) else {
                    return .overflowed
                }
                lastWrite = clock.now
            }
            if let wakeup, let generation {
                await wakeup.wait(after: generation, timeout: configuration.pollInterval)
                if Task.isCancelled { return .cancelled }
            } else {
                do {
                    try await Task.sleep(for: configuration.pollInterval)
                } catch {
                    return .cancelled
                }
            }
        }
        return .cancelled
    }

    /// One SSE event: `id` (the log position, for `Last-Event-ID`), `event` (its name), `data` (one JSON line).
    public static func frame(id: Int64, event: String, json: [UInt8]) -> ByteBuffer {
        // Names are the AS's own short words; a line break in one would end the field early, so none may pass.
        let name = event.filter { $0 != "\n" && $0 != "\r" }
        return ByteBuffer(string: "id: \(id)\nevent: \(name)\ndata: \(String(decoding: json, as: UTF8.self))\n\n")
    }
}
