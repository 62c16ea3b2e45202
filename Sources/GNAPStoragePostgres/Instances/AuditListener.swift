import Logging
import PostgresNIO
import Synchronization

/// Keeps one connection listening (`LISTEN`) on the channel the audit log's trigger notifies when any instance
/// commits audit entries, and wakes this instance's event streams. Each notification, and each (re)connection of the
/// listener, raises a counter; streams wait for it to pass what they saw, or for their poll interval, whichever
/// comes first, so a lost listener only makes them fall back to polling.
final class AuditListener: Sendable {
    private struct State {
        var started = false
        var signal: UInt64 = 0
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())
    let retryDelay: Duration

    init(retryDelay: Duration = .seconds(1)) { self.retryDelay = retryDelay }

    var signal: UInt64 { state.withLock { $0.signal } }

    /// True once: the caller starts ``run(client:logger:)``.
    func claimStart() -> Bool {
        state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
    }

    func run(client: PostgresClient, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    let schema =
                        try await connection.collect("SELECT current_schema()", logger).first?.decode(String.self)
                        ?? "public"
                    try await connection.listen(on: "gnapterm_audit_" + schema) { notifications in
                        // Listening again may have missed notifications: every stream reads the log once.
                        self.raise()
                        for try await _ in notifications { self.raise() }
                    }
                }
            } catch {
                logger.debug("the audit listener lost its connection", metadata: ["error": "\(error)"])
            }
            raise()
            try? await Task.sleep(for: retryDelay)
        }
        raise()
    }

    /// Returns once the signal passed `seen`, or after `timeout`.
    func wait(beyond seen: UInt64, timeout: Duration) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal(beyond: seen) }
            group.addTask { try await Task.sleep(for: timeout) }
            defer { group.cancelAll() }
            try await group.next()
        }
        try Task.checkCancellation()
    }

    private func raise() {
        let woken = state.withLock { state in
            state.signal &+= 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    private func waitForSignal(beyond seen: UInt64) async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.signal > seen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
