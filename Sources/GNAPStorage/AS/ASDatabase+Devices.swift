import GNAP
import GRDB
import HTTPMessageSignatures

/// ``AccountStore``: approver devices.
extension ASDatabase {
    /// Inserts a device without an audit entry (enrollment goes through ``enrollDevice(codeHash:at:_:)``).
    public func insertDevice(_ device: ApproverDevice) async throws {
        let jwk = try JSONColumn.encode(device.jwk)
        try await write { db in try Self.insert(device, jwk: jwk, db) }
    }

    /// Inserts a device; a key enrolled already (same thumbprint) is a conflict.
    static func insert(_ device: ApproverDevice, jwk: String, _ db: Database) throws {
        if try Bool.fetchOne(
            db, sql: "SELECT 1 FROM approver_devices WHERE thumbprint = ?", arguments: [device.thumbprint]) != nil
        {
            throw StoreError.conflict("a device with this key")
        }
        try db.execute(
            sql: """
                INSERT INTO approver_devices (id, account_id, name, jwk, thumbprint, enrolled_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                device.id, device.accountID, device.name, jwk, device.thumbprint, device.enrolledAt.unixMilliseconds,
            ])
    }

    public func device(id: String) async throws -> ApproverDevice? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM approver_devices WHERE id = ?"), arguments: [id])
                .map(Self.device(from:))
        }
    }

    public func device(thumbprint: String) async throws -> ApproverDevice? {
        try read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM approver_devices WHERE thumbprint = ?"), arguments: [thumbprint]
            )
            .map(Self.device(from:))
        }
    }

    public func devices(accountID: String) async throws -> [ApproverDevice] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM approver_devices WHERE account_id = ? ORDER BY enrolled_at",
                arguments: [accountID]
            ).map(Self.device(from:))
        }
    }

    public func touchDevice(id: String, at now: WallInstant) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE approver_devices SET last_seen_at = ? WHERE id = ?", arguments: [now.unixMilliseconds, id])
        }
    }

    @discardableResult
    public func revokeDevice(id: String, at now: WallInstant, audit: [AuditEvent]) async throws -> ApproverDevice {
        let context = AuditContext.current
        return try await write { db in
            guard
                var device = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM approver_devices WHERE id = ?"), arguments: [id]
                )
                .map(Self.device(from:))
            else { throw StoreError.notFound("device \(id)") }
            guard device.revokedAt == nil else { return device }
            device.revokedAt = now
            try db.execute(
                sql: "UPDATE approver_devices SET revoked_at = ? WHERE id = ?", arguments: [now.unixMilliseconds, id])
            try Self.insert(audit, db, context: context)
            return device
        }
    }

    public func replaceDevice(
        id: String, with replacement: ApproverDevice, at now: WallInstant, audit: [AuditEvent]
    ) async throws {
        let context = AuditContext.current
        let jwk = try JSONColumn.encode(replacement.jwk)
        try await write { db in
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

    static func device(from row: Row) throws -> ApproverDevice {
        var device = ApproverDevice(
            id: row["id"], accountID: row["account_id"], name: row["name"],
            jwk: try JSONColumn.decode(JWK.self, row["jwk"], what: "device key"), thumbprint: row["thumbprint"],
            enrolledAt: WallInstant(unixMilliseconds: row["enrolled_at"]))
        device.lastSeenAt = row.instant("last_seen_at")
        device.revokedAt = row.instant("revoked_at")
        return device
    }
}
