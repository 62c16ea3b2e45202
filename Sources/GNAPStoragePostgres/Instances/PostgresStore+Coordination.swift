import GNAP
import Logging
import PostgresNIO

/// ``InstanceCoordination`` for several AS instances on one database. The maintenance role is a session-level
/// advisory lock held on a connection of its own: when the instance dies its connection closes and the server
/// releases the lock, and another instance, trying every ``PostgresSettings/maintainerCheckInterval``, takes it.
/// The holder checks its connection at the same interval and stops `body` when the connection (and so the lock) is
/// gone. Audit news comes from ``AuditListener`` (LISTEN/NOTIFY).
extension PostgresStore: InstanceCoordination {
    public func runAsMaintainer(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let interval = settings.maintainerCheckInterval
        while !Task.isCancelled {
            do {
                let finished = try await client.withConnection { connection in
                    try await self.holdMaintainerRole(connection, interval: interval, body)
                }
                if finished { return }
            } catch is CancellationError {
                return
            } catch {
                logger.warning(
                    "the maintenance role was lost; trying to take it again",
                    metadata: ["reason": "\(PostgresFailure.describe(error))"])
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
        }
    }

    /// The first call starts listening (a connection of its own), so an instance without event streams holds none.
    public func auditSignal() -> UInt64 {
        if auditListener.claimStart() {
            let (listener, client, logger) = (auditListener, client, logger)
            tasks.start { await listener.run(client: client, logger: logger) }
        }
        return auditListener.signal
    }

    public func waitForAudit(beyond seen: UInt64, timeout: Duration) async throws {
        try await auditListener.wait(beyond: seen, timeout: timeout)
    }

    /// Gives the role up by closing its connection: the server releases the session's lock, whatever state the
    /// connection was left in by the work that was stopped; the pool opens another connection when needed.
    private static func release(_ connection: PostgresConnection, within timeout: Duration) async {
        _ = try? await PostgresFailure.waitAtMost(timeout) { try await connection.close() }
    }

    /// Runs `body` while holding the role on `connection`; false when the role is taken by another instance. The
    /// statements on the connection run in tasks of their own (cancelling `body` must not interrupt one of them),
    /// and an unanswered one counts as a lost connection after the operation timeout.
    private func holdMaintainerRole(
        _ connection: PostgresConnection, interval: Duration, _ body: @escaping @Sendable () async throws -> Void
    ) async throws -> Bool {
        let logger = logger
        let key = "hashtextextended('gnapterm.maintainer.' || current_schema(), 0)"
        let timeout = settings.operationTimeout
        let locked = try await PostgresFailure.waitAtMost(timeout) {
            try await connection.first("SELECT pg_try_advisory_lock(\(unescaped: key))", logger)?.decode(Bool.self)
        }
        guard locked == true else { return false }
        logger.notice("this instance runs the AS-wide maintenance (expiry, purging)")
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await body() }
                // The lock lives as long as this connection: check it, and end `body` when it is gone.
                group.addTask {
                    while true {
                        try await Task.sleep(for: interval)
                        try await PostgresFailure.waitAtMost(timeout) { try await connection.run("SELECT 1", logger) }
                    }
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            await Self.release(connection, within: timeout)
            throw error
        }
        await Self.release(connection, within: timeout)
        return true
    }
}
