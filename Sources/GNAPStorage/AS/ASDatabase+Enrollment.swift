import GNAP
import GRDB

/// ``AccountStore``: enrollment codes and enrolling a device with one.
extension ASDatabase {
    public func insertEnrollmentCode(_ code: EnrollmentCodeRecord, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in
            try db.execute(
                sql: "INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [
                    code.codeHash, code.accountID, code.createdAt.unixMilliseconds, code.expiresAt.unixMilliseconds,
                ])
            try Self.insert(audit, db, context: context)
        }
    }

    public func enrollDevice(
        codeHash: String, at now: WallInstant,
        _ enroll: @escaping @Sendable (Account) -> (device: ApproverDevice, audit: [AuditEvent])?
    ) async throws -> (device: ApproverDevice, account: Account)? {
        let context = AuditContext.current
        do {
            return try await write { db in
                guard let code = try Self.redeem(codeHash, at: now, db),
                    let account = try Row.fetchOne(
                        db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [code.accountID]
                    ).map(Self.account(from:)),
                    let enrolled = enroll(account)
                else {
                    // Thrown to roll the redemption back: nothing of a refused enrollment is kept.
                    throw EnrollmentRefused()
                }
                try Self.insert(enrolled.device, jwk: try JSONColumn.encode(enrolled.device.jwk), db)
                try Self.insert(enrolled.audit, db, context: context)
                return (enrolled.device, account)
            }
        } catch is EnrollmentRefused {
            return nil
        }
    }

    /// Marks the code used and returns it, atomically, if it exists, is unused and has not expired at `now`.
    public func redeemEnrollmentCode(hash: String, at now: WallInstant) async throws -> EnrollmentCodeRecord? {
        try await write { db in try Self.redeem(hash, at: now, db) }
    }

    private static func redeem(_ hash: String, at now: WallInstant, _ db: Database) throws -> EnrollmentCodeRecord? {
        // One UPDATE decides: only an unused, unexpired code changes, so two concurrent redemptions cannot both win.
        try db.execute(
            sql: "UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
            arguments: [now.unixMilliseconds, hash, now.unixMilliseconds])
        guard db.changesCount == 1 else { return nil }
        return try enrollmentCode(hash, db)
    }

    public func enrollmentCode(hash: String) async throws -> EnrollmentCodeRecord? {
        try read { db in try Self.enrollmentCode(hash, db) }
    }

    private static func enrollmentCode(_ hash: String, _ db: Database) throws -> EnrollmentCodeRecord? {
        guard
            let row = try Row.fetchOne(db, sql: "SELECT * FROM enrollment_codes WHERE code_hash = ?", arguments: [hash])
        else { return nil }
        var record = EnrollmentCodeRecord(
            codeHash: row["code_hash"], accountID: row["account_id"],
            createdAt: WallInstant(unixMilliseconds: row["created_at"]),
            expiresAt: WallInstant(unixMilliseconds: row["expires_at"]))
        record.usedAt = row.instant("used_at")
        return record
    }
}

private struct EnrollmentRefused: Error {}
