import Logging
import PostgresNIO
import Synchronization

/// Whether the database is reachable, as this instance last found it. A store call that loses the database marks
/// it lost; from then on calls fail at once with ``GNAP/StoreError/unavailable(_:)`` (the server answers 503) while
/// the watcher tries to reach it again with a growing delay, logging the loss and the recovery once each.
final class DatabaseHealth: Sendable {
    private struct State {
        var lostAt: ContinuousClock.Instant?
        var reason = ""
    }

    private let state = Mutex(State())
    private let losses: AsyncStream<Void>
    private let lossSignal: AsyncStream<Void>.Continuation
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
        (losses, lossSignal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Nil while the database is reachable, else why it is not.
    var unavailableReason: String? {
        state.withLock { $0.lostAt == nil ? nil : $0.reason }
    }

    func noteLost(_ reason: String) {
        let first = state.withLock { state -> Bool in
            guard state.lostAt == nil else { return false }
            state.lostAt = .now
            state.reason = reason
            return true
        }
        guard first else { return }
        logger.error("lost the database; requests fail with 503 until it is back", metadata: ["reason": "\(reason)"])
        lossSignal.yield()
    }

    /// Waits for losses and tries to reach the database after each, with a doubling delay, until it answers.
    func watch(_ store: PostgresStore) async {
        for await _ in losses {
            var delay = store.settings.firstRetryDelay
            var attempts = 0
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return
                }
                attempts += 1
                if await store.probe() { break }
                delay = min(delay * 2, store.settings.maximumRetryDelay)
                logger.warning(
                    "the database is still unreachable", metadata: ["attempts": "\(attempts)", "next_try": "\(delay)"])
            }
            let down = state.withLock { state -> Duration? in
                defer { state.lostAt = nil }
                return state.lostAt.map { $0.duration(to: .now) }
            }
            logger.notice("the database is reachable again", metadata: ["down_for": "\(down ?? .zero)"])
        }
    }
}
