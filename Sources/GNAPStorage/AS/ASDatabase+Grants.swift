import GNAP
import GRDB

extension ASDatabase {
    public func insertGrant(_ grant: GrantRecord, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await writer.write { db in
            let columns = try GrantColumns(grant)
            try db.execute(
                sql: """
                    INSERT INTO grants (id, instance_id, status, outcome, client_name, approver_account_id,
                        user_code_hash, continuation_token_hash, created_at, interaction_expires_at, record,
                        interaction_id_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: columns.arguments)
            try Self.insert(audit, db, context: context)
        }
    }

    public func grant(id: String) async throws -> GrantRecord? {
        try await writer.read { db in try Self.loadGrant(db, sql: "SELECT record FROM grants WHERE id = ?", id) }
    }

    public func grant(userCodeHash: String) async throws -> GrantRecord? {
        try await writer.read { db in
            try Self.loadGrant(db, sql: "SELECT record FROM grants WHERE user_code_hash = ?", userCodeHash)
        }
    }

    public func grant(interactionIDHash: String) async throws -> GrantRecord? {
        try await writer.read { db in
            try Self.loadGrant(db, sql: "SELECT record FROM grants WHERE interaction_id_hash = ?", interactionIDHash)
        }
    }

    public func updateGrant<Result: Sendable>(
        id: String, _ body: @Sendable (inout GrantRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let context = AuditContext.current
        return try await writer.write { db in
            guard var grant = try Self.loadGrant(db, sql: "SELECT record FROM grants WHERE id = ?", id) else {
                throw StoreError.notFound("grant \(id)")
            }
            let mutation = try body(&grant)
            guard grant.id == id else { throw StoreError.conflict("grant id changed during update") }
            let columns = try GrantColumns(grant)
            try db.execute(
                sql: """
                    UPDATE grants SET instance_id = ?, status = ?, outcome = ?, client_name = ?,
                        approver_account_id = ?, user_code_hash = ?, continuation_token_hash = ?, created_at = ?,
                        interaction_expires_at = ?, record = ?, interaction_id_hash = ?
                    WHERE id = ?
                    """, arguments: StatementArguments(columns.values.dropFirst()) + [id])
            try Self.insert(mutation.audit, db, context: context)
            if let revocation = mutation.revocation {
                try Self.revokeTokens(grantID: id, revocation, db, context: context)
            }
            for token in mutation.issuedTokens { try Self.insert(token, db) }
            return mutation.result
        }
    }

    /// Revokes the grant's active tokens (all, or all but the durable ones), with one audit event each.
    static func revokeTokens(
        grantID: String, _ revocation: TokenRevocation, _ db: Database, context: AuditContext? = AuditContext.current
    ) throws {
        let active = try Row.fetchAll(
            db, sql: "SELECT * FROM access_tokens WHERE grant_id = ? AND revoked_at IS NULL ORDER BY issued_at, id",
            arguments: [grantID]
        ).map(Self.token(from:))
        for token in active where !(revocation.keepsDurable && token.isDurable) {
            try db.execute(
                sql: "UPDATE access_tokens SET revoked_at = ? WHERE id = ?",
                arguments: [revocation.at.unixMilliseconds, token.id])
            try Self.insert(
                [
                    AuditEvent(
                        grantID: grantID, at: revocation.at, kind: "token.revoked",
                        detail: "token \(token.id) revoked: \(revocation.reason)")
                ], db, context: context)
        }
    }

    static func loadGrant(_ db: Database, sql: String, _ key: String) throws -> GrantRecord? {
        guard let text = try String.fetchOne(db, sql: sql, arguments: [key]) else { return nil }
        return try JSONColumn.decode(GrantRecord.self, text, what: "grant")
    }
}

/// The SQL columns of a grant, all derived from the record in this one place so they cannot drift from it.
struct GrantColumns {
    let values: [(any DatabaseValueConvertible)?]

    init(_ grant: GrantRecord) throws {
        values = [
            grant.id, grant.instanceID, grant.lifecycle.status.rawValue, grant.lifecycle.outcome?.rawValue,
            grant.clientDisplay?.name, grant.lifecycle.boundApprover?.accountID, grant.userCodeHash,
            grant.continuationTokenHash, grant.lifecycle.createdAt.unixMilliseconds,
            grant.lifecycle.interactionExpiresAt.unixMilliseconds, try JSONColumn.encode(grant),
            grant.interactionIDHash,
        ]
    }

    var arguments: StatementArguments { StatementArguments(values) }
}
