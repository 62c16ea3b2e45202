import GNAP
import GRDB
import HTTPMessageSignatures

extension ASDatabase {
    public func insertAccount(_ account: Account) async throws {
        try await writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE username = ?", arguments: [account.username])
                != nil
            {
                throw StoreError.conflict("account '\(account.username)'")
            }
            try db.execute(
                sql: """
                    INSERT INTO accounts (id, username, display_name, role, opaque_subject, email, disabled, created_at,
                        updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account.id, account.username, account.displayName, account.role.rawValue, account.opaqueSubject,
                    account.email, account.disabled, account.createdAt.unixMilliseconds,
                    account.updatedAt.unixMilliseconds,
                ])
        }
    }

    public func account(id: String) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id]).map(Self.account(from:))
        }
    }

    public func account(username: String) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE username = ?", arguments: [username])
                .map(Self.account(from:))
        }
    }

    public func accounts() async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY username").map(Self.account(from:))
        }
    }

    static func account(from row: Row) throws -> Account {
        guard let role = Account.Role(rawValue: row["role"]) else { throw StorageError.corruptRecord("account role") }
        return Account(
            id: row["id"], username: row["username"], displayName: row["display_name"], role: role,
            opaqueSubject: row["opaque_subject"], email: row["email"], disabled: row["disabled"],
            createdAt: WallInstant(unixMilliseconds: row["created_at"]), updatedAt: row.instant("updated_at"))
    }

    public func insertEnrollmentCode(_ code: EnrollmentCodeRecord) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [
                    code.codeHash, code.accountID, code.createdAt.unixMilliseconds, code.expiresAt.unixMilliseconds,
                ])
        }
    }

    public func redeemEnrollmentCode(hash: String, at now: WallInstant) async throws -> EnrollmentCodeRecord? {
        try await writer.write { db in
            // One UPDATE decides: only an unused, unexpired code changes, so two concurrent redemptions cannot both win.
            try db.execute(
                sql:
                    "UPDATE enrollment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                arguments: [now.unixMilliseconds, hash, now.unixMilliseconds])
            guard db.changesCount == 1,
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM enrollment_codes WHERE code_hash = ?", arguments: [hash])
            else { return nil }
            var record = EnrollmentCodeRecord(
                codeHash: row["code_hash"], accountID: row["account_id"],
                createdAt: WallInstant(unixMilliseconds: row["created_at"]),
                expiresAt: WallInstant(unixMilliseconds: row["expires_at"]))
            record.usedAt = row.instant("used_at")
            return record
        }
    }

    public func insertDevice(_ device: ApproverDevice) async throws {
        let jwk = try JSONColumn.encode(device.jwk)
        try await writer.write { db in try Self.insert(device, jwk: jwk, db) }
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
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM approver_devices WHERE id = ?", arguments: [id])
                .map(Self.device(from:))
        }
    }

    public func device(thumbprint: String) async throws -> ApproverDevice? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM approver_devices WHERE thumbprint = ?", arguments: [thumbprint])
                .map(Self.device(from:))
        }
    }

    public func devices(accountID: String) async throws -> [ApproverDevice] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM approver_devices WHERE account_id = ? ORDER BY enrolled_at",
                arguments: [accountID]
            ).map(Self.device(from:))
        }
    }

    public func touchDevice(id: String, at now: WallInstant) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE approver_devices SET last_seen_at = ? WHERE id = ?", arguments: [now.unixMilliseconds, id])
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
