import GNAP
import GRDB

/// ``AdministrationStore``: the audit log (append-only; the schema refuses UPDATE and DELETE).
extension ASDatabase {
    public func appendAudit(_ events: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in try Self.insert(events, db, context: context) }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        let listing = Self.auditListing(query)
        return try read { db in
            try Row.fetchAll(db, sql: listing.sql, arguments: listing.arguments).map(Self.auditEntry)
        }
    }

    /// The query of one page of the audit log: the events after a cursor (`afterID`) in id order, each filter
    /// answered by an index that ends in the id (`audit_events_grant`, `audit_events_kind`), so a page reads only
    /// its own rows.
    static func auditListing(_ query: AuditQuery) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let after = query.afterID {
            conditions.append("id > ?")
            arguments += [after]
        }
        if let grantID = query.grantID {
            conditions.append("grant_id = ?")
            arguments += [grantID]
        }
        if let kind = query.kind {
            conditions.append("kind = ?")
            arguments += [kind.rawValue]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limit = max(0, min(query.limit, 100_000))
        return ("SELECT * FROM audit_events \(filter) ORDER BY id LIMIT \(limit)", arguments)
    }

    /// An `audit_events` row as an entry.
    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(
            id: row["id"],
            event: AuditEvent(
                grantID: row["grant_id"], at: WallInstant(unixMilliseconds: row["at"]),
                kind: AuditEventKind(rawValue: row["kind"]),
                detail: row["detail"], accountID: row["account_id"], actor: row["actor"],
                requestID: row["request_id"]))
    }

    public func latestAuditEntryID() async throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM audit_events") ?? 0 }
    }

    /// Writes `events`, stamped with the request id and actor of `context` where they have none. Callers read
    /// `AuditContext.current` before entering the database queue, where task-locals are not visible.
    static func insert(_ events: [AuditEvent], _ db: Database, context: AuditContext?) throws {
        for event in AuditContext.stamp(events, context: context) {
            try db.cachedStatement(
                sql: """
                    INSERT INTO audit_events (grant_id, at, kind, detail, account_id, actor, request_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    event.grantID, event.at.unixMilliseconds, event.kind.rawValue, event.detail, event.accountID,
                    event.actor,
                    event.requestID,
                ])
        }
    }
}
