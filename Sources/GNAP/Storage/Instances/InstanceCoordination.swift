/// What several AS instances on one database coordinate through it besides the stores: which one runs the AS-wide
/// maintenance (the expiry service), and prompt news that an audit entry was written, for the live event streams.
/// ``SingleInstance`` is the answer of a backend that one instance owns (SQLite under its data directory).
public protocol InstanceCoordination: Sendable {
    /// Runs `body` while this instance holds the AS-wide maintenance role, waiting until the role is free. When the
    /// role is lost (the instance's hold on it broke), `body` is cancelled and the role is sought again. Returns when
    /// the calling task is cancelled or `body` returns.
    func runAsMaintainer(_ body: @escaping @Sendable () async throws -> Void) async throws
    /// A number that grows whenever an audit entry may have been written by any instance.
    func auditSignal() -> UInt64
    /// Waits until ``auditSignal()`` exceeds `seen` or `timeout` passes (callers poll the log either way).
    func waitForAudit(beyond seen: UInt64, timeout: Duration) async throws
}

/// One instance owns the database: it is always the maintainer, and its event streams poll the log.
public struct SingleInstance: InstanceCoordination {
    public init() {}

    public func runAsMaintainer(_ body: @escaping @Sendable () async throws -> Void) async throws { try await body() }

    public func auditSignal() -> UInt64 { 0 }

    public func waitForAudit(beyond seen: UInt64, timeout: Duration) async throws {
        try await Task.sleep(for: timeout)
    }
}
