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
                INSERT INTO access_tokens (id, grant_id, token_hash, label, access, flags, bound_key_thumbprint,
                    issued_at, expires_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                token.id, token.grantID, token.tokenHash, token.label, try JSONColumn.encode(token.access),
                try JSONColumn.encode(token.flags), token.boundKeyThumbprint, token.issuedAt.unixMilliseconds,
                token.expiresAt?.unixMilliseconds, token.revokedAt?.unixMilliseconds,
            ])
    }

    static func token(from row: Row) throws -> AccessTokenRecord {
        AccessTokenRecord(
            id: row["id"], grantID: row["grant_id"], tokenHash: row["token_hash"], label: row["label"],
            access: try JSONColumn.decode([AccessRight].self, row["access"], what: "token access"),
            flags: try JSONColumn.decode([String].self, row["flags"], what: "token flags"),
            boundKeyThumbprint: row["bound_key_thumbprint"],
            issuedAt: WallInstant(unixMilliseconds: row["issued_at"]), expiresAt: row.instant("expires_at"),
            revokedAt: row.instant("revoked_at"))
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
                db, sql: "SELECT * FROM client_instances WHERE key_thumbprint = ? ORDER BY created_at LIMIT 1",
                arguments: [thumbprint]
            ).map(Self.clientInstance(from:))
        }
    }

    static func clientInstance(from row: Row) throws -> ClientInstanceRecord {
        ClientInstanceRecord(
            id: row["id"], key: try JSONColumn.decode(ClientKeyBinding.self, row["key"], what: "client key"),
            display: try (row["display"] as String?).map {
                try JSONColumn.decode(ClientDisplay.self, $0, what: "client display")
            },
            createdAt: WallInstant(unixMilliseconds: row["created_at"]))
    }
}
