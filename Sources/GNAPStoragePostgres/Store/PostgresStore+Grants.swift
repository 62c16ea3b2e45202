import GNAP
import PostgresNIO

/// ``GrantStore``: grants.
extension PostgresStore: GrantStore {
    public func insertGrant(_ grant: GrantRecord, audit: [AuditEvent], issuedTokens: [AccessTokenRecord])
        async throws
    {
        let context = AuditContext.current
        try await transaction { connection in
            do {
                try await GrantRow(grant).insert(connection, self.logger)
            } catch let error where PostgresFailure.sqlState(error) == "23505" {
                throw StoreError.conflict("a grant with this id, user code, interaction id or continuation token")
            }
            for token in issuedTokens { try await AccessTokenRow(token).insert(connection, self.logger) }
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    public func grant(id: String) async throws -> GrantRecord? {
        try await autocommit { connection in
            try await connection.first("SELECT record FROM grants WHERE id = \(id)", self.logger).map(GrantRow.decode)
        }
    }

    public func grant(userCodeHash: String) async throws -> GrantRecord? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT record FROM grants WHERE user_code_hash = \(userCodeHash)", self.logger
            ).map(GrantRow.decode)
        }
    }

    public func grant(interactionIDHash: String) async throws -> GrantRecord? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT record FROM grants WHERE interaction_id_hash = \(interactionIDHash)", self.logger
            ).map(GrantRow.decode)
        }
    }

    public func updateGrant<Result: Sendable>(
        id: String, _ body: @escaping @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let context = AuditContext.current
        return try await transaction { connection in
            let logger = self.logger
            // Locked until commit: a concurrent change of this grant waits, then reads what this one wrote.
            guard var grant = try await GrantRow.lock(connection, id: id, logger) else {
                throw StoreError.notFound("grant \(id)")
            }
            let mutation = try body(&grant)
            guard grant.id == id else { throw StoreError.conflict("grant id changed during update") }
            try await GrantRow(grant).update(connection, logger)
            var audit = mutation.audit
            for revocation in mutation.revocations {
                audit += try await self.revokeTokens(grantID: id, revocation, connection)
            }
            for token in mutation.issuedTokens { try await AccessTokenRow(token).insert(connection, logger) }
            // Audit entries last (see insertAudit).
            try await self.insertAudit(audit, connection, context: context)
            return mutation.result
        }
    }

    /// Revokes the grant's active tokens that `revocation` applies to; returns one audit event for each.
    func revokeTokens(grantID: String, _ revocation: TokenRevocation, _ connection: PostgresConnection)
        async throws -> [AuditEvent]
    {
        let active = try await connection.collect(
            """
            SELECT \(unescaped: AccessTokenRow.columns) FROM access_tokens
            WHERE grant_id = \(grantID) AND revoked_at IS NULL ORDER BY issued_at, id FOR UPDATE
            """, logger
        ).map(AccessTokenRow.decode)
        var audit: [AuditEvent] = []
        for token in active where revocation.applies(to: token) {
            try await connection.run(
                "UPDATE access_tokens SET revoked_at = \(revocation.at.unixMilliseconds) WHERE id = \(token.id)", logger
            )
            audit.append(
                AuditEvent(
                    grantID: grantID, at: revocation.at, kind: .tokenRevoked,
                    detail: "token \(token.id) revoked: \(revocation.reason)"))
        }
        return audit
    }
}
