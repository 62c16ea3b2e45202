import AsyncHTTPClient
import Foundation
import GNAP
import NIOCore

/// One open event stream: a reader task parses the body into events (`decode` turns each server-sent event into a
/// value) and buffers them until ``nextBatch(limit:window:)`` takes them. The stream ends with an error when the
/// connection closes, the AS stays silent past the idle timeout, or the body is malformed; ``close()`` (or deinit)
/// stops the reader.
public final class EventSubscription<Event: Sendable>: Sendable {
    private let buffer: EntryBuffer<Event>
    private let reader: Task<Void, Never>

    init(
        body: HTTPClientResponse.Body, url: String, idleTimeout: Duration,
        decode: @escaping @Sendable (ServerSentEvent) -> Event?
    ) {
        let buffer = EntryBuffer<Event>()
        self.buffer = buffer
        reader = Task {
            do {
                try await Self.read(body, into: buffer, idleTimeout: idleTimeout, decode: decode)
                await buffer.finish(.transport("the AS ended the event stream (\(url))"), normally: true)
            } catch let error as GNAPClientError {
                await buffer.finish(error)
            } catch is CancellationError {
                await buffer.finish(.transport("the event stream was closed"))
            } catch {
                await buffer.finish(.transport(AsyncHTTPTransport.describe(error, url: url)))
            }
        }
    }

    deinit { reader.cancel() }

    /// Stops reading; waiting and later calls throw.
    public func close() { reader.cancel() }

    /// Waits for at least one entry, then for up to `window` more, and returns at most `limit` in stream order.
    /// Collecting for a short window lets a busy stream arrive as a few batches instead of one message each.
    public func nextBatch(limit: Int = 1000, window: Duration = .milliseconds(50)) async throws(GNAPClientError)
        -> [Event]
    {
        try await buffer.waitForFirst()
        if window > .zero { try? await Task.sleep(for: window) }
        return try await buffer.take(limit: limit)
    }

    /// Every entry of a stream that ends by itself (`follow=false`), once it has ended; throws when it broke.
    public func all() async throws(GNAPClientError) -> [Event] {
        await reader.value
        return try await buffer.takeAllIfEndedNormally()
    }

    private static func read(
        _ body: HTTPClientResponse.Body, into buffer: EntryBuffer<Event>, idleTimeout: Duration,
        decode: @escaping @Sendable (ServerSentEvent) -> Event?
    ) async throws {
        let activity = ActivityClock()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var parser = ServerSentEventParser()
                for try await chunk in body {
                    activity.touch()
                    let entries = try parser.feed(chunk.readableBytesView).compactMap(decode)
                    if !entries.isEmpty { await buffer.append(entries) }
                }
            }
            group.addTask {
                // The watchdog: the AS sends keep-alives, so silence past the timeout means a dead connection.
                while true {
                    try await Task.sleep(for: idleTimeout / 4)
                    if activity.silence > idleTimeout {
                        throw GNAPClientError.transport("the event stream went silent")
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// When the stream last delivered bytes.
private final class ActivityClock: Sendable {
    private let last = LockedValue(ContinuousClock.now)
    func touch() { last.set(ContinuousClock.now) }
    var silence: Duration { last.get().duration(to: .now) }
}

/// A value behind a lock (the watchdog reads what the reader writes).
private final class LockedValue<Value: Sendable>: @unchecked Sendable {
    // Only touched under `lock`.
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}

/// Entries read but not yet taken, and how the stream ended.
private actor EntryBuffer<Entry: Sendable> {
    private var entries: [Entry] = []
    private var end: GNAPClientError?
    private var endedNormally = false
    private var waiter: CheckedContinuation<Void, Never>?

    func append(_ more: [Entry]) {
        entries += more
        wake()
    }

    func finish(_ error: GNAPClientError, normally: Bool = false) {
        if end == nil {
            end = error
            endedNormally = normally
        }
        wake()
    }

    func takeAllIfEndedNormally() throws(GNAPClientError) -> [Entry] {
        if let end, !endedNormally { throw end }
        defer { entries = [] }
        return entries
    }

    private func wake() {
        waiter?.resume()
        waiter = nil
    }

    func waitForFirst() async throws(GNAPClientError) {
        while entries.isEmpty {
            if let end { throw end }
            if Task.isCancelled { throw .transport("cancelled") }
            await withTaskCancellationHandler {
                await withCheckedContinuation { waiter = $0 }
            } onCancel: {
                Task { await self.cancelWaiter() }
            }
        }
    }

    private func cancelWaiter() { wake() }

    func take(limit: Int) throws(GNAPClientError) -> [Entry] {
        if entries.isEmpty, let end { throw end }
        let count = min(limit, entries.count)
        let batch = Array(entries.prefix(count))
        entries.removeFirst(count)
        return batch
    }
}
