import Foundation
import GNAP
import GRDB

extension ASDatabase {
    public func secret(named name: String, create: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        try await writer.write { db in
            if let existing = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name])
            {
                return [UInt8](existing)
            }
            let value = create()
            try db.execute(sql: "INSERT INTO secrets (name, value) VALUES (?, ?)", arguments: [name, Data(value)])
            return value
        }
    }

    public func appendAudit(_ events: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await writer.write { db in try Self.insert(events, db, context: context) }
    }

    public func auditEvents(grantID: String) async throws -> [AuditEvent] {
        try await auditEntries(AuditQuery(grantID: grantID, limit: .max)).map(\.event)
    }

    /// Writes `events`, stamped with the request id and actor of `context` where they have none. Callers read
    /// `AuditContext.current` before entering the database queue, where task-locals are not visible.
    static func insert(_ events: [AuditEvent], _ db: Database, context: AuditContext?) throws {
        for event in AuditContext.stamp(events, context: context) {
            try db.execute(
                sql: """
                    INSERT INTO audit_events (grant_id, at, kind, detail, account_id, actor, request_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    event.grantID, event.at.unixMilliseconds, event.kind, event.detail, event.accountID, event.actor,
                    event.requestID,
                ])
        }
    }
}
