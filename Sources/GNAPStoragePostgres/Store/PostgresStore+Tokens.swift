import GNAP
import PostgresNIO

/// ``GrantStore``: access tokens.
extension PostgresStore {
    public func accessToken(hash: String) async throws -> AccessTokenRecord? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: AccessTokenRow.columns) FROM access_tokens WHERE token_hash = \(hash)",
                self.logger
            ).map(AccessTokenRow.decode)
        }
    }

    public func accessToken(id: String) async throws -> AccessTokenRecord? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: AccessTokenRow.columns) FROM access_tokens WHERE id = \(id)", self.logger
            ).map(AccessTokenRow.decode)
        }
    }

    public func accessTokens(grantID: String) async throws -> [AccessTokenRecord] {
        try await autocommit { connection in
            try await connection.collect(
                """
                SELECT \(unescaped: AccessTokenRow.columns) FROM access_tokens WHERE grant_id = \(grantID)
                ORDER BY issued_at, id
                """, self.logger
            ).map(AccessTokenRow.decode)
        }
    }

    public func updateAccessToken<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let context = AuditContext.current
        return try await transaction { connection in
            let logger = self.logger
            guard
                var token = try await connection.first(
                    "SELECT \(unescaped: AccessTokenRow.columns) FROM access_tokens WHERE id = \(id) FOR UPDATE", logger
                ).map(AccessTokenRow.decode)
            else { throw StoreError.notFound("access token \(id)") }
            let mutation = try body(&token)
            guard token.id == id else { throw StoreError.conflict("token id changed during update") }
            try await AccessTokenRow(token).update(connection, logger)
            for issued in mutation.issuedTokens { try await AccessTokenRow(issued).insert(connection, logger) }
            try await self.insertAudit(mutation.audit, connection, context: context)
            return mutation.result
        }
    }
}
