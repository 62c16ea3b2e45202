import GNAP
import GRDB

/// ``GrantStore``: access tokens.
extension ASDatabase {
    public func accessToken(hash: String) async throws -> AccessTokenRecord? {
        try read { db in
            try AccessTokenRow.token(db, "SELECT * FROM access_tokens WHERE token_hash = ?", [hash])
        }
    }

    public func accessToken(id: String) async throws -> AccessTokenRecord? {
        try read { db in try AccessTokenRow.token(db, "SELECT * FROM access_tokens WHERE id = ?", [id]) }
    }

    public func accessTokens(grantID: String) async throws -> [AccessTokenRecord] {
        try read { db in
            try AccessTokenRow.tokens(
                db, "SELECT * FROM access_tokens WHERE grant_id = ? ORDER BY issued_at, id", [grantID])
        }
    }

    public func updateAccessToken<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let context = AuditContext.current
        return try await write { db in
            guard var token = try AccessTokenRow.token(db, "SELECT * FROM access_tokens WHERE id = ?", [id]) else {
                throw StoreError.notFound("access token \(id)")
            }
            let mutation = try body(&token)
            guard token.id == id else { throw StoreError.conflict("token id changed during update") }
            try AccessTokenRow(token).update(db)
            for issued in mutation.issuedTokens { try AccessTokenRow(issued).insert(db) }
            try Self.insert(mutation.audit, db, context: context)
            return mutation.result
        }
    }
}
