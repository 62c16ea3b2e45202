import GNAP
import GRDB

/// ``AccountStore``: accounts.
extension ASDatabase {
    public func insertAccount(_ account: Account, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in
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
            try Self.insert(audit, db, context: context)
        }
    }

    public func account(id: String) async throws -> Account? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ?"), arguments: [id])
                .map(Self.account(from:))
        }
    }

    public func account(username: String) async throws -> Account? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE username = ?", arguments: [username])
                .map(Self.account(from:))
        }
    }

    public func account(opaqueSubject: String) async throws -> Account? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE opaque_subject = ?", arguments: [opaqueSubject])
                .map(Self.account(from:))
        }
    }

    public func accounts() async throws -> [Account] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY username").map(Self.account(from:))
        }
    }

    @discardableResult
    public func updateAccount(
        id: String, at now: WallInstant, audit: @escaping @Sendable (Account) -> [AuditEvent],
        _ body: @escaping @Sendable (inout Account) throws -> Void
    ) async throws -> Account {
        let context = AuditContext.current
        return try await write { db in
            guard
                let original = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id])
                    .map(Self.account(from:))
            else { throw StoreError.notFound("account \(id)") }
            var account = original
            try body(&account)
            guard account.id == id, account.createdAt == original.createdAt else {
                throw StoreError.conflict("account id or creation time changed during update")
            }
            account.updatedAt = original.updatedAt
            guard account != original else { return original }
            // §3.4 `updated_at`: any change to what the account is counts, and only a change.
            account.updatedAt = now
            if account.username != original.username,
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM accounts WHERE username = ? AND id <> ?", arguments: [account.username, id])
                    != nil
            {
                throw StoreError.conflict("account '\(account.username)'")
            }
            try db.execute(
                sql: """
                    UPDATE accounts SET username = ?, display_name = ?, role = ?, opaque_subject = ?, email = ?,
                        disabled = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    account.username, account.displayName, account.role.rawValue, account.opaqueSubject, account.email,
                    account.disabled, account.updatedAt.unixMilliseconds, id,
                ])
            try Self.insert(audit(account), db, context: context)
            return account
        }
    }

    static func account(from row: Row) throws -> Account {
        guard let role = Account.Role(rawValue: row["role"]) else { throw StorageError.corruptRecord("account role") }
        return Account(
            id: row["id"], username: row["username"], displayName: row["display_name"], role: role,
            opaqueSubject: row["opaque_subject"], email: row["email"], disabled: row["disabled"],
            createdAt: WallInstant(unixMilliseconds: row["created_at"]), updatedAt: row.instant("updated_at"))
    }
}
