import GNAP
import GRDB

extension ASDatabase {
    public func replaceDevice(
        id: String, with replacement: ApproverDevice, at now: WallInstant, audit: [AuditEvent]
    ) async throws {
        let context = AuditContext.current
        let jwk = try JSONColumn.encode(replacement.jwk)
        try await writer.write { db in
            guard
                let revokedAt = try Row.fetchOne(
                    db, sql: "SELECT revoked_at FROM approver_devices WHERE id = ?", arguments: [id])
            else { throw StoreError.notFound("device \(id)") }
            guard (revokedAt["revoked_at"] as Int64?) == nil else { throw StoreError.conflict("a revoked device") }
            try Self.insert(replacement, jwk: jwk, db)
            try db.execute(
                sql: "UPDATE approver_devices SET revoked_at = ? WHERE id = ?", arguments: [now.unixMilliseconds, id])
            try Self.insert(audit, db, context: context)
        }
    }
}
