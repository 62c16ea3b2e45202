import GNAP
import Logging
import PostgresNIO
import Synchronization

/// The two ways a store call uses the database: single statements on a pooled connection, or one transaction.
///
/// Once a call has its connection, its statements run to their end whatever happens to the calling task: a query
/// interrupted by cancellation could leave the connection unusable, and a change half-done must not be reported
/// as failed when it committed. What is bounded is the wait for a connection (``PostgresSettings/operationTimeout``),
/// and, far longer, the wait for answers on it (``PostgresSettings/answerTimeout``, for a connection that broke
/// without a word): past either, or while the database is known to be lost, the call fails at once with
/// ``GNAP/StoreError/unavailable(_:)`` (noted on the request's ``GNAP/StoreOutageNote``). Every other error passes
/// through unchanged.
extension PostgresStore {
    /// Runs `body` on a pooled connection, each statement in its own transaction (autocommit).
    func autocommit<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await guarded(body)
    }

    /// Runs `body` in one transaction (READ COMMITTED), committed when it returns and rolled back when it throws.
    /// A deadlock or serialization failure (SQLSTATE 40P01, 40001) runs it again, up to three times in all, so
    /// `body` must only touch the database and values it creates.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws
        -> T
    {
        let logger = logger
        var attempt = 1
        while true {
            do {
                return try await guarded { connection in try await Self.inTransaction(connection, logger, body) }
            } catch let error where attempt < 3 && ["40P01", "40001"].contains(PostgresFailure.sqlState(error)) {
                attempt += 1
            }
        }
    }

    /// Whether the database answers now (bypassing the lost state; used by the health watcher).
    func probe() async -> Bool {
        do {
            try await onConnection { connection in try await connection.run("SELECT 1", self.logger) }
            return true
        } catch {
            return false
        }
    }

    private static func inTransaction<T: Sendable>(
        _ connection: PostgresConnection, _ logger: Logger, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let value = try await body(connection)
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            do {
                try await connection.query("ROLLBACK", logger: logger)
            } catch {
                // A connection that cannot roll back is closed; the pool opens another.
                try? await connection.close()
            }
            throw error
        }
    }

    private func guarded<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T)
        async throws -> T
    {
        let note = StoreOutageNote.current
        if let reason = health.unavailableReason {
            note?.note()
            throw StoreError.unavailable(reason)
        }
        do {
            return try await onConnection(body)
        } catch let error where PostgresFailure.isUnavailability(error) {
            let reason = PostgresFailure.describe(error)
            health.noteLost(reason)
            note?.note()
            throw StoreError.unavailable(reason)
        }
    }

    /// Leases a connection (waiting at most the operation timeout) and runs `body` on it in a task of its own, which
    /// the caller's cancellation does not reach. Either the wait is given up before `body` starts, or `body` runs to
    /// its end: never both.
    func onConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws
        -> T
    {
        let lease = LeaseWait()
        let client = client
        let work = Task {
            try await client.withConnection { connection in
                guard lease.settle(.leased) else { throw PostgresFailure.TimedOut() }
                return try await Task { try await body(connection) }.value
            }
        }
        let timeout = settings.operationTimeout
        let timer = Task {
            try await Task.sleep(for: timeout)
            if lease.settle(.gaveUp) { work.cancel() }
        }
        defer { timer.cancel() }
        do {
            return try await work.value
        } catch  where lease.gaveUp {
            throw PostgresFailure.TimedOut()
        }
    }
}

/// Whether a store call got its connection or gave up waiting for it, whichever came first.
final class LeaseWait: Sendable {
    enum Outcome { case leased, gaveUp }

    private let outcome = Mutex<Outcome?>(nil)

    /// Records `outcome` if nothing was recorded yet; true when it was.
    func settle(_ new: Outcome) -> Bool {
        outcome.withLock { outcome in
            guard outcome == nil else { return false }
            outcome = new
            return true
        }
    }

    var gaveUp: Bool { outcome.withLock { $0 == .gaveUp } }
}

extension PostgresConnection {
    /// Every row of `query`.
    func collect(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }

    /// The first row of `query`, if any.
    func first(_ query: PostgresQuery, _ logger: Logger) async throws -> PostgresRow? {
        try await collect(query, logger).first
    }

    /// Runs `query` for its effect.
    func run(_ query: PostgresQuery, _ logger: Logger) async throws {
        _ = try await self.query(query, logger: logger).collect()
    }
}
