import GNAP
import GRDB

extension ASDatabase {
    public func accessToken(hash: String) async throws -> AccessTokenRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE token_hash = ?", arguments: [hash])
                .map(Self.token(from:))
        }
    }

    public func accessTokens(grantID: String) async throws -> [AccessTokenRecord] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM access_tokens WHERE grant_id = ? ORDER BY issued_at, id", arguments: [grantID]
            ).map(Self.token(from:))
        }
    }

    static func insert(_ token: AccessTokenRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO access_tokens (id, grant_id, token_hash, management_token_hash, label, access, flags,
                    bound_key_thumbprint, bound_key, issued_at, expires_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: try tokenArguments(token))
    }

    static func tokenArguments(_ token: AccessTokenRecord) throws -> StatementArguments {
        [
            token.id, token.grantID, token.tokenHash, token.managementTokenHash, token.label,
            try JSONColumn.encode(token.access), try JSONColumn.encode(token.flags), token.boundKeyThumbprint,
            try token.boundKey.map { try JSONColumn.encode($0) }, token.issuedAt.unixMilliseconds,
            token.expiresAt?.unixMilliseconds, token.revokedAt?.unixMilliseconds,
        ]
    }

    static func token(from row: Row) throws -> AccessTokenRecord {
        AccessTokenRecord(
            id: row["id"], grantID: row["grant_id"], tokenHash: row["token_hash"],
            managementTokenHash: row["management_token_hash"], label: row["label"],
            access: try JSONColumn.decode([AccessRight].self, row["access"], what: "token access"),
            flags: try JSONColumn.decode([String].self, row["flags"], what: "token flags"),
            boundKey: try (row["bound_key"] as String?).map {
                try JSONColumn.decode(ClientKeyBinding.self, $0, what: "token key")
            },
            issuedAt: WallInstant(unixMilliseconds: row["issued_at"]), expiresAt: row.instant("expires_at"),
            revokedAt: row.instant("revoked_at"))
    }

    public func accessToken(id: String) async throws -> AccessTokenRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE id = ?", arguments: [id]).map(
                Self.token(from:))
        }
    }

    public func updateAccessToken<Result: Sendable>(
        id: String, _ body: @Sendable (inout AccessTokenRecord) throws -> GrantMutation<Result>
    ) async throws -> Result {
        let context = AuditContext.current
        return try await writer.write { db in
            guard
                var token = try Row.fetchOne(db, sql: "SELECT * FROM access_tokens WHERE id = ?", arguments: [id])
                    .map(Self.token(from:))
            else { throw StoreError.notFound("access token \(id)") }
            let mutation = try body(&token)
            guard token.id == id else { throw StoreError.conflict("token id changed during update") }
            try db.execute(
                sql: """
                    UPDATE access_tokens SET id = ?, grant_id = ?, token_hash = ?, management_token_hash = ?,
                        label = ?, access = ?, flags = ?, bound_key_thumbprint = ?, bound_key = ?, issued_at = ?,
                        expires_at = ?, revoked_at = ?
                    WHERE id = ?
                    """, arguments: try Self.tokenArguments(token) + [id])
            for issued in mutation.issuedTokens { try Self.insert(issued, db) }
            try Self.insert(mutation.audit, db, context: context)
            return mutation.result
        }
    }

    public func insertClientInstance(_ instance: ClientInstanceRecord) async throws {
        let key = try JSONColumn.encode(instance.key)
        let display = try instance.display.map { try JSONColumn.encode($0) }
        try await writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO client_instances (id, key_thumbprint, key, display, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [instance.id, instance.key.thumbprint, key, display, instance.createdAt.unixMilliseconds])
        }
    }

    public func clientInstance(id: String) async throws -> ClientInstanceRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM client_instances WHERE id = ?", arguments: [id])
                .map(Self.clientInstance(from:))
        }
    }

    public func clientInstance(thumbprint: String) async throws -> ClientInstanceRecord? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM client_instances WHERE key_thumbprint = ?
                    ORDER BY registered DESC, created_at LIMIT 1
                    """,
                arguments: [thumbprint]
            ).map(Self.clientInstance(from:))
        }
    }

    public func rotateClientInstanceKey(id: String, to key: ClientKeyBinding, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await writer.write { db in
            try Self.rebindClientInstance(db, id: id, to: key)
            try Self.insert(audit, db, context: context)
        }
    }

    /// Moves a client instance, its unfinished grants and the tokens bound to its old key to `key`.
    static func rebindClientInstance(_ db: Database, id: String, to key: ClientKeyBinding) throws {
        guard
            let instance = try Row.fetchOne(db, sql: "SELECT * FROM client_instances WHERE id = ?", arguments: [id])
                .map(Self.clientInstance(from:))
        else { throw StoreError.notFound("client instance \(id)") }
        let oldThumbprint = instance.key.thumbprint
        try db.execute(
            sql: "UPDATE client_instances SET key = ?, key_thumbprint = ? WHERE id = ?",
            arguments: [try JSONColumn.encode(key), key.thumbprint, id])
        let grantIDs = try String.fetchAll(db, sql: "SELECT id FROM grants WHERE instance_id = ?", arguments: [id])
        for grantID in grantIDs {
            guard var grant = try Self.loadGrant(db, sql: "SELECT record FROM grants WHERE id = ?", grantID) else {
                continue
            }
            if grant.lifecycle.status != .finalized && grant.clientKey.thumbprint == oldThumbprint {
                grant.clientKey = key
                try db.execute(
                    sql: "UPDATE grants SET record = ? WHERE id = ?",
                    arguments: [try JSONColumn.encode(grant), grantID])
            }
            try db.execute(
                sql: """
                    UPDATE access_tokens SET bound_key = ?, bound_key_thumbprint = ?
                    WHERE grant_id = ? AND bound_key_thumbprint = ?
                    """, arguments: [try JSONColumn.encode(key), key.thumbprint, grantID, oldThumbprint])
        }
    }

    static func clientInstance(from row: Row) throws -> ClientInstanceRecord {
        ClientInstanceRecord(
            id: row["id"], key: try JSONColumn.decode(ClientKeyBinding.self, row["key"], what: "client key"),
            display: try (row["display"] as String?).map {
                try JSONColumn.decode(ClientDisplay.self, $0, what: "client display")
            },
            createdAt: WallInstant(unixMilliseconds: row["created_at"]), registered: row["registered"])
    }
}
