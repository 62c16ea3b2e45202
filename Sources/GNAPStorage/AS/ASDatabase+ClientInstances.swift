import GNAP
import GRDB

/// ``ClientInstanceStore``.
extension ASDatabase {
    public func insertClientInstance(_ instance: ClientInstanceRecord) async throws {
        let key = try JSONColumn.encode(instance.key)
        let display = try instance.display.map { try JSONColumn.encode($0) }
        try await write { db in
            try db.execute(
                sql:
                    "INSERT INTO client_instances (id, key_thumbprint, key, display, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [instance.id, instance.key.thumbprint, key, display, instance.createdAt.unixMilliseconds])
        }
    }

    public func clientInstance(id: String) async throws -> ClientInstanceRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM client_instances WHERE id = ?"), arguments: [id])
                .map(Self.clientInstance(from:))
        }
    }

    public func clientInstance(thumbprint: String) async throws -> ClientInstanceRecord? {
        try read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT * FROM client_instances WHERE key_thumbprint = ?
                        ORDER BY registered DESC, created_at LIMIT 1
                        """),
                arguments: [thumbprint]
            ).map(Self.clientInstance(from:))
        }
    }

    public func rotateClientInstanceKey(id: String, to key: ClientKeyBinding, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in
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
            guard var grant = try GrantRow.load(db, "id", grantID) else { continue }
            if grant.lifecycle.status != .finalized && grant.clientKey.thumbprint == oldThumbprint {
                grant.clientKey = key
                try GrantRow(grant).update(db)
            }
            try db.execute(
                sql: """
                    UPDATE access_tokens SET bound_key = ?, bound_key_thumbprint = ?
                    WHERE grant_id = ? AND bound_key_thumbprint = ?
                    """, arguments: [try JSONColumn.encode(key), key.thumbprint, grantID, oldThumbprint])
        }
    }

    public func registerClients(_ clients: [ClientInstanceRecord], audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in
            let listed = Set(clients.map(\.id))
            // Instances no longer in the registry lose their vetting but keep working (their grants and tokens stay).
            let previously = try String.fetchAll(db, sql: "SELECT id FROM client_instances WHERE registered = 1")
            for id in previously where !listed.contains(id) {
                try db.execute(sql: "UPDATE client_instances SET registered = 0 WHERE id = ?", arguments: [id])
            }
            for client in clients {
                let display = try client.display.map { try JSONColumn.encode($0) }
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT * FROM client_instances WHERE id = ?", arguments: [client.id])
                else {
                    try db.execute(
                        sql: """
                            INSERT INTO client_instances (id, key_thumbprint, key, display, created_at, registered,
                                origin)
                            VALUES (?, ?, ?, ?, ?, 1, 'registry')
                            """,
                        arguments: [
                            client.id, client.key.thumbprint, try JSONColumn.encode(client.key), display,
                            client.createdAt.unixMilliseconds,
                        ])
                    continue
                }
                guard row["origin"] as String? == "registry" else {
                    throw StoreError.conflict("a dynamic client instance with the id '\(client.id)'")
                }
                let existing = try Self.clientInstance(from: row)
                // The registry's key wins; unfinished grants and bound tokens follow it, as with a key rotation.
                if existing.key != client.key { try Self.rebindClientInstance(db, id: client.id, to: client.key) }
                try db.execute(
                    sql: "UPDATE client_instances SET display = ?, registered = 1 WHERE id = ?",
                    arguments: [display, client.id])
            }
            try Self.insert(audit, db, context: context)
        }
    }

    static func clientInstance(from row: Row) throws -> ClientInstanceRecord {
        ClientInstanceRecord(
            id: row["id"], key: try JSONColumnMemos.clientKeys.decode(row["key"]),
            display: try (row["display"] as String?).map {
                try JSONColumn.decode(ClientDisplay.self, $0, what: "client display")
            },
            createdAt: WallInstant(unixMilliseconds: row["created_at"]), registered: row["registered"])
    }
}
