import GNAP
import PostgresNIO

/// ``AccountStore``: enrollment codes and enrolling a device with one.
extension PostgresStore {
    public func insertEnrollmentCode(_ code: EnrollmentCodeRecord, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await transaction { connection in
            try await connection.run(
                """
                INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at)
                VALUES (\(code.codeHash), \(code.accountID), \(code.createdAt.unixMilliseconds),
                    \(code.expiresAt.unixMilliseconds))
                """, self.logger)
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    public func enrollDevice(
        codeHash: String, at now: WallInstant,
        _ enroll: @escaping @Sendable (Account) -> (device: ApproverDevice, audit: [AuditEvent])?
    ) async throws -> (device: ApproverDevice, account: Account)? {
        let context = AuditContext.current
        do {
            return try await transaction { connection in
                let logger = self.logger
                guard let code = try await Self.redeem(codeHash, at: now, connection, logger),
                    let account = try await connection.first(
                        "SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE id = \(code.accountID)", logger
                    ).map(Self.account(from:)),
                    let enrolled = enroll(account)
                else {
                    // Thrown to roll the redemption back: nothing of a refused enrollment is kept.
                    throw EnrollmentRefused()
                }
                try await Self.insert(enrolled.device, connection, logger)
                try await self.insertAudit(enrolled.audit, connection, context: context)
                return (enrolled.device, account)
            }
        } catch is EnrollmentRefused {
            return nil
        }
    }

    public func enrollmentCode(hash: String) async throws -> EnrollmentCodeRecord? {
        try await autocommit { connection in
            try await connection.first(
                """
                SELECT code_hash, account_id, created_at, expires_at, used_at FROM enrollment_codes
                WHERE code_hash = \(hash)
                """, self.logger
            ).map(Self.enrollmentCode(from:))
        }
    }

    /// Marks the code used and returns it, atomically, if it exists, is unused and has not expired at `now`.
    public func redeemEnrollmentCode(hash: String, at now: WallInstant) async throws -> EnrollmentCodeRecord? {
        try await transaction { connection in try await Self.redeem(hash, at: now, connection, self.logger) }
    }

    private static func redeem(
        _ hash: String, at now: WallInstant, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> EnrollmentCodeRecord? {
        // One UPDATE decides: a concurrent redemption waits for the row and then finds it used.
        let now = now.unixMilliseconds
        guard
            let row = try await connection.first(
                """
                UPDATE enrollment_codes SET used_at = \(now)
                WHERE code_hash = \(hash) AND used_at IS NULL AND expires_at > \(now)
                RETURNING code_hash, account_id, created_at, expires_at, used_at
                """, logger)
        else { return nil }
        return try enrollmentCode(from: row)
    }

    /// A row of `code_hash, account_id, created_at, expires_at, used_at`.
    private static func enrollmentCode(from row: PostgresRow) throws -> EnrollmentCodeRecord {
        let (codeHash, accountID, createdAt, expiresAt, usedAt) = try row.decode(
            (String, String, Int64, Int64, Int64?).self)
        var record = EnrollmentCodeRecord(
            codeHash: codeHash, accountID: accountID, createdAt: WallInstant(unixMilliseconds: createdAt),
            expiresAt: WallInstant(unixMilliseconds: expiresAt))
        record.usedAt = WallInstant(milliseconds: usedAt)
        return record
    }
}

private struct EnrollmentRefused: Error {}
