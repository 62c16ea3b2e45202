import GNAP
import HTTPMessageSignatures
import PostgresNIO

/// ``AccountStore``: approver devices.
extension PostgresStore {
    static let deviceColumns = "id, account_id, name, jwk, thumbprint, enrolled_at, last_seen_at, revoked_at"

    /// Inserts a device without an audit entry (enrollment goes through ``enrollDevice(codeHash:at:_:)``).
    public func insertDevice(_ device: ApproverDevice) async throws {
        try await transaction { connection in try await Self.insert(device, connection, self.logger) }
    }

    /// Inserts a device; a key enrolled already (same thumbprint) is a conflict.
    static func insert(_ device: ApproverDevice, _ connection: PostgresConnection, _ logger: Logger) async throws {
        do {
            try await connection.run(
                """
                INSERT INTO approver_devices (id, account_id, name, jwk, thumbprint, enrolled_at)
                VALUES (\(device.id), \(device.accountID), \(device.name), \(try StoredJSON.encode(device.jwk)),
                    \(device.thumbprint), \(device.enrolledAt.unixMilliseconds))
                """, logger)
        } catch let error where PostgresFailure.sqlState(error) == "23505" {
            throw StoreError.conflict("a device with this key")
        }
    }

    public func device(id: String) async throws -> ApproverDevice? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: Self.deviceColumns) FROM approver_devices WHERE id = \(id)", self.logger
            ).map(Self.device(from:))
        }
    }

    public func device(thumbprint: String) async throws -> ApproverDevice? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: Self.deviceColumns) FROM approver_devices WHERE thumbprint = \(thumbprint)",
                self.logger
            ).map(Self.device(from:))
        }
    }

    public func devices(accountID: String) async throws -> [ApproverDevice] {
        try await autocommit { connection in
            try await connection.collect(
                """
                SELECT \(unescaped: Self.deviceColumns) FROM approver_devices WHERE account_id = \(accountID)
                ORDER BY enrolled_at, id
                """, self.logger
            ).map(Self.device(from:))
        }
    }

    public func touchDevice(id: String, at now: WallInstant) async throws {
        try await autocommit { connection in
            try await connection.run(
                "UPDATE approver_devices SET last_seen_at = \(now.unixMilliseconds) WHERE id = \(id)", self.logger)
        }
    }

    @discardableResult
    public func revokeDevice(id: String, at now: WallInstant, audit: [AuditEvent]) async throws -> ApproverDevice {
        let context = AuditContext.current
        return try await transaction { connection in
            guard
                var device = try await connection.first(
                    "SELECT \(unescaped: Self.deviceColumns) FROM approver_devices WHERE id = \(id) FOR UPDATE",
                    self.logger
                ).map(Self.device(from:))
            else { throw StoreError.notFound("device \(id)") }
            guard device.revokedAt == nil else { return device }
            device.revokedAt = now
            try await connection.run(
                "UPDATE approver_devices SET revoked_at = \(now.unixMilliseconds) WHERE id = \(id)", self.logger)
            try await self.insertAudit(audit, connection, context: context)
            return device
        }
    }

    public func replaceDevice(
        id: String, with replacement: ApproverDevice, at now: WallInstant, audit: [AuditEvent]
    ) async throws {
        let context = AuditContext.current
        try await transaction { connection in
            let logger = self.logger
            guard
                let row = try await connection.first(
                    "SELECT revoked_at FROM approver_devices WHERE id = \(id) FOR UPDATE", logger)
            else { throw StoreError.notFound("device \(id)") }
            guard try row.decode(Int64?.self) == nil else { throw StoreError.conflict("a revoked device") }
            try await Self.insert(replacement, connection, logger)
            try await connection.run(
                "UPDATE approver_devices SET revoked_at = \(now.unixMilliseconds) WHERE id = \(id)", logger)
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    /// A row selected with ``deviceColumns``.
    static func device(from row: PostgresRow) throws -> ApproverDevice {
        let (id, accountID, name, jwk, thumbprint, enrolledAt, lastSeenAt, revokedAt) = try row.decode(
            (String, String, String, String, String, Int64, Int64?, Int64?).self)
        var device = ApproverDevice(
            id: id, accountID: accountID, name: name, jwk: try StoredJSON.decode(JWK.self, jwk, what: "device key"),
            thumbprint: thumbprint, enrolledAt: WallInstant(unixMilliseconds: enrolledAt))
        device.lastSeenAt = WallInstant(milliseconds: lastSeenAt)
        device.revokedAt = WallInstant(milliseconds: revokedAt)
        return device
    }
}
