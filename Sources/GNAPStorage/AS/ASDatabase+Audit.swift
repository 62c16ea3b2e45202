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
        try await writer.write { db in try Self.insert(events, db) }
    }

    public func auditEvents(grantID: String) async throws -> [AuditEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_events WHERE grant_id = ? ORDER BY id", arguments: [grantID])
                .map { row in
                    AuditEvent(
                        grantID: row["grant_id"], at: WallInstant(unixMilliseconds: row["at"]), kind: row["kind"],
                        detail: row["detail"], accountID: row["account_id"])
                }
        }
    }

    static func insert(_ events: [AuditEvent], _ db: Database) throws {
        for event in events {
            try db.execute(
                sql: "INSERT INTO audit_events (grant_id, at, kind, detail, account_id) VALUES (?, ?, ?, ?, ?)",
                arguments: [event.grantID, event.at.unixMilliseconds, event.kind, event.detail, event.accountID])
        }
    }
}
