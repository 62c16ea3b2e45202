import GNAP
import PostgresNIO

/// ``AccountStore``: accounts.
extension PostgresStore: AccountStore {
    static let accountColumns =
        "id, username, display_name, role, opaque_subject, email, disabled, created_at, updated_at"

    public func insertAccount(_ account: Account, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await transaction { connection in
            do {
                try await connection.run(
                    """
                    INSERT INTO accounts (id, username, display_name, role, opaque_subject, email, disabled,
                        created_at, updated_at)
                    VALUES (\(account.id), \(account.username), \(account.displayName), \(account.role.rawValue),
                        \(account.opaqueSubject), \(account.email), \(account.disabled),
                        \(account.createdAt.unixMilliseconds), \(account.updatedAt.unixMilliseconds))
                    """, self.logger)
            } catch let error where PostgresFailure.sqlState(error) == "23505" {
                throw StoreError.conflict("account '\(account.username)'")
            }
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    public func account(id: String) async throws -> Account? {
        try await oneAccount("SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE id = \(id)")
    }

    public func account(username: String) async throws -> Account? {
        try await oneAccount("SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE username = \(username)")
    }

    public func account(opaqueSubject: String) async throws -> Account? {
        try await oneAccount(
            "SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE opaque_subject = \(opaqueSubject)")
    }

    public func accounts() async throws -> [Account] {
        try await autocommit { connection in
            try await connection.collect(
                "SELECT \(unescaped: Self.accountColumns) FROM accounts ORDER BY username", self.logger
            ).map(Self.account(from:))
        }
    }

    @discardableResult
    public func updateAccount(
        id: String, at now: WallInstant, audit: @escaping @Sendable (Account) -> [AuditEvent],
        _ body: @escaping @Sendable (inout Account) throws -> Void
    ) async throws -> Account {
        let context = AuditContext.current
        return try await transaction { connection in
            let logger = self.logger
            guard
                let original = try await connection.first(
                    "SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE id = \(id) FOR NO KEY UPDATE", logger
                ).map(Self.account(from:))
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
            do {
                try await connection.run(
                    """
                    UPDATE accounts SET username = \(account.username), display_name = \(account.displayName),
                        role = \(account.role.rawValue), opaque_subject = \(account.opaqueSubject),
                        email = \(account.email), disabled = \(account.disabled),
                        updated_at = \(account.updatedAt.unixMilliseconds)
                    WHERE id = \(id)
                    """, logger)
            } catch let error where PostgresFailure.sqlState(error) == "23505" {
                throw StoreError.conflict("account '\(account.username)'")
            }
            try await self.insertAudit(audit(account), connection, context: context)
            return account
        }
    }

    private func oneAccount(_ query: PostgresQuery) async throws -> Account? {
        try await autocommit { connection in try await connection.first(query, self.logger).map(Self.account(from:)) }
    }

    /// A row selected with ``accountColumns``.
    static func account(from row: PostgresRow) throws -> Account {
        let (id, username, displayName, roleText, opaqueSubject, email, disabled, createdAt, updatedAt) =
            try row.decode((String, String, String, String, String, String?, Bool, Int64, Int64).self)
        guard let role = Account.Role(rawValue: roleText) else {
            throw PostgresStoreError.corruptRecord("account role")
        }
        return Account(
            id: id, username: username, displayName: displayName, role: role, opaqueSubject: opaqueSubject,
            email: email, disabled: disabled, createdAt: WallInstant(unixMilliseconds: createdAt),
            updatedAt: WallInstant(unixMilliseconds: updatedAt))
    }
}
