import GNAP
import GRDB

extension ASDatabase {
    public func account(opaqueSubject: String) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE opaque_subject = ?", arguments: [opaqueSubject])
                .map(Self.account(from:))
        }
    }

    @discardableResult
    public func updateAccount(id: String, at now: WallInstant, _ body: @Sendable (inout Account) throws -> Void)
        async throws -> Account
    {
        try await writer.write { db in
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
            return account
        }
    }
}
