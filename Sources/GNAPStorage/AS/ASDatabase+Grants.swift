import GNAP
import GRDB

/// ``GrantStore``: grants.
extension ASDatabase {
    public func insertGrant(_ grant: GrantRecord, audit: [AuditEvent], issuedTokens: [AccessTokenRecord])
        async throws
    {
        let context = AuditContext.current
        // Encoded before the transaction: the writer's section is serial, the callers run in parallel.
        let row = try GrantRow(grant)
        try await write { db in
            try row.insert(db)
            try Self.insert(audit, db, context: context)
            for token in issuedTokens { try AccessTokenRow(token).insert(db) }
        }
    }

    public func grant(id: String) async throws -> GrantRecord? {
        try read { db in try GrantRow.load(db, "id", id) }
    }

    public func grant(userCodeHash: String) async throws -> GrantRecord? {
        try read { db in try GrantRow.load(db, "user_code_hash", userCodeHash) }
    }

    public func grant(interactionIDHash: String) async throws -> GrantRecord? {
        try read { db in try GrantRow.load(db, "interaction_id_hash", interactionIDHash) }
    }

    public func updateGrant<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let context = AuditContext.current
        return try await write { db in
            guard var grant = try GrantRow.load(db, "id", id) else { throw StoreError.notFound("grant \(id)") }
            let mutation = try body(&grant)
            guard grant.id == id else { throw StoreError.conflict("grant id changed during update") }
            try GrantRow(grant).update(db)
            try Self.insert(mutation.audit, db, context: context)
            for revocation in mutation.revocations {
                try Self.revokeTokens(grantID: id, revocation, db, context: context)
            }
            for token in mutation.issuedTokens { try AccessTokenRow(token).insert(db) }
            return mutation.result
        }
    }

    /// Revokes the grant's active tokens that `revocation` applies to, with one audit event each.
    static func revokeTokens(
        grantID: String, _ revocation: TokenRevocation, _ db: Database, context: AuditContext?
    ) throws {
        let active = try AccessTokenRow.tokens(
            db, "SELECT * FROM access_tokens WHERE grant_id = ? AND revoked_at IS NULL ORDER BY issued_at, id",
            [grantID])
        for token in active where revocation.applies(to: token) {
            try db.execute(
                sql: "UPDATE access_tokens SET revoked_at = ? WHERE id = ?",
                arguments: [revocation.at.unixMilliseconds, token.id])
            try Self.insert(
                [
                    AuditEvent(
                        grantID: grantID, at: revocation.at, kind: .tokenRevoked,
                        detail: "token \(token.id) revoked: \(revocation.reason)")
                ], db, context: context)
        }
    }
}
