import GNAP
import PostgresNIO

/// ``AdministrationStore``: the audit log (append-only; the schema refuses UPDATE, DELETE and TRUNCATE).
extension PostgresStore: AdministrationStore {
    public func appendAudit(_ events: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await transaction { connection in try await self.insertAudit(events, connection, context: context) }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        let limit = max(0, min(query.limit, 100_000))
        return try await autocommit { connection in
            try await connection.collect(
                """
                SELECT id, grant_id, at, kind, detail, account_id, actor, request_id FROM audit_events
                WHERE (\(query.afterID)::int8 IS NULL OR id > \(query.afterID))
                    AND (\(query.grantID)::text IS NULL OR grant_id = \(query.grantID))
                    AND (\(query.kind?.rawValue)::text IS NULL OR kind = \(query.kind?.rawValue))
                ORDER BY id LIMIT \(limit)
                """, self.logger
            ).map(Self.auditEntry)
        }
    }

    /// A row of `id, grant_id, at, kind, detail, account_id, actor, request_id` as an entry.
    static func auditEntry(_ row: PostgresRow) throws -> AuditEntry {
        let (id, grantID, at, kind, detail, accountID, actor, requestID) = try row.decode(
            (Int64, String?, Int64, String, String, String?, String?, String?).self)
        return AuditEntry(
            id: id,
            event: AuditEvent(
                grantID: grantID, at: WallInstant(unixMilliseconds: at), kind: AuditEventKind(rawValue: kind),
                detail: detail, accountID: accountID, actor: actor, requestID: requestID))
    }

    public func latestAuditEntryID() async throws -> Int64 {
        try await autocommit { connection in
            try await connection.first("SELECT COALESCE(MAX(id), 0) FROM audit_events", self.logger)?
                .decode(Int64.self) ?? 0
        }
    }

    /// Writes `events`, stamped with the request id and actor of `context` where they have none. Every transaction
    /// writes its audit entries last, after taking the log's lock (held until commit): entries are numbered in the
    /// order they commit, so an event stream that has read up to an id can never later find a smaller one appear
    /// (what `Last-Event-ID` relies on). The lock is the last one a transaction takes, so it cannot be part of a
    /// deadlock; it serializes only the numbering and the commit.
    func insertAudit(_ events: [AuditEvent], _ connection: PostgresConnection, context: AuditContext?) async throws {
        guard !events.isEmpty else { return }
        try await connection.run(
            "SELECT pg_advisory_xact_lock(hashtextextended('gnapterm.audit.' || current_schema(), 0))", logger)
        for event in AuditContext.stamp(events, context: context) {
            try await connection.run(
                """
                INSERT INTO audit_events (grant_id, at, kind, detail, account_id, actor, request_id)
                VALUES (\(event.grantID), \(event.at.unixMilliseconds), \(event.kind.rawValue), \(event.detail),
                    \(event.accountID), \(event.actor), \(event.requestID))
                """, logger)
        }
    }
}
