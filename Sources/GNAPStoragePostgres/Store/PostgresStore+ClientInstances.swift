import GNAP
import PostgresNIO

/// ``ClientInstanceStore``.
extension PostgresStore: ClientInstanceStore {
    static let clientColumns = "id, key, display, created_at, registered, origin"

    public func insertClientInstance(_ instance: ClientInstanceRecord) async throws {
        let key = try StoredJSON.encode(instance.key)
        let display = try instance.display.map { try StoredJSON.encode($0) }
        try await transaction { connection in
            do {
                try await connection.run(
                    """
                    INSERT INTO client_instances (id, key_thumbprint, key, display, created_at)
                    VALUES (\(instance.id), \(instance.key.thumbprint), \(key), \(display),
                        \(instance.createdAt.unixMilliseconds))
                    """, self.logger)
            } catch let error where PostgresFailure.sqlState(error) == "23505" {
                throw StoreError.conflict("client instance \(instance.id)")
            }
        }
    }

    public func clientInstance(id: String) async throws -> ClientInstanceRecord? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: Self.clientColumns) FROM client_instances WHERE id = \(id)", self.logger
            ).map { try Self.clientInstance(from: $0).record }
        }
    }

    public func clientInstance(thumbprint: String) async throws -> ClientInstanceRecord? {
        try await autocommit { connection in
            try await connection.first(
                """
                SELECT \(unescaped: Self.clientColumns) FROM client_instances WHERE key_thumbprint = \(thumbprint)
                ORDER BY registered DESC, created_at LIMIT 1
                """, self.logger
            ).map { try Self.clientInstance(from: $0).record }
        }
    }

    public func rotateClientInstanceKey(id: String, to key: ClientKeyBinding, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await transaction { connection in
            try await self.rebindClientInstance(connection, id: id, to: key)
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    /// Moves a client instance, its unfinished grants and the tokens bound to its old key to `key`.
    func rebindClientInstance(_ connection: PostgresConnection, id: String, to key: ClientKeyBinding) async throws {
        guard
            let instance = try await connection.first(
                "SELECT \(unescaped: Self.clientColumns) FROM client_instances WHERE id = \(id) FOR UPDATE", logger
            ).map({ try Self.clientInstance(from: $0).record })
        else { throw StoreError.notFound("client instance \(id)") }
        let oldThumbprint = instance.key.thumbprint
        let keyText = try StoredJSON.encode(key)
        try await connection.run(
            "UPDATE client_instances SET key = \(keyText), key_thumbprint = \(key.thumbprint) WHERE id = \(id)", logger)
        // The instance's grants are locked in id order, as every other change locks one grant.
        let grants = try await connection.collect(
            "SELECT record FROM grants WHERE instance_id = \(id) ORDER BY id FOR NO KEY UPDATE", logger
        ).map(GrantRow.decode)
        for var grant in grants {
            if grant.lifecycle.status != .finalized && grant.clientKey.thumbprint == oldThumbprint {
                grant.clientKey = key
                try await GrantRow(grant).update(connection, logger)
            }
            try await connection.run(
                """
                UPDATE access_tokens SET bound_key = \(keyText), bound_key_thumbprint = \(key.thumbprint)
                WHERE grant_id = \(grant.id) AND bound_key_thumbprint = \(oldThumbprint)
                """, logger)
        }
    }

    public func registerClients(_ clients: [ClientInstanceRecord], audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await transaction { connection in
            let logger = self.logger
            // Instances starting together apply the registry one after the other.
            try await connection.run(
                "SELECT pg_advisory_xact_lock(hashtextextended('gnapterm.registry.' || current_schema(), 0))", logger)
            let listed = Set(clients.map(\.id))
            // Instances no longer in the registry lose their vetting but keep working (their grants and tokens stay).
            let previously = try await connection.collect(
                "SELECT id FROM client_instances WHERE registered", logger
            ).map { try $0.decode(String.self) }
            for id in previously where !listed.contains(id) {
                try await connection.run("UPDATE client_instances SET registered = false WHERE id = \(id)", logger)
            }
            for client in clients {
                let display = try client.display.map { try StoredJSON.encode($0) }
                guard
                    let existing = try await connection.first(
                        "SELECT \(unescaped: Self.clientColumns) FROM client_instances WHERE id = \(client.id)", logger
                    ).map(Self.clientInstance(from:))
                else {
                    try await connection.run(
                        """
                        INSERT INTO client_instances (id, key_thumbprint, key, display, created_at, registered, origin)
                        VALUES (\(client.id), \(client.key.thumbprint), \(try StoredJSON.encode(client.key)),
                            \(display), \(client.createdAt.unixMilliseconds), true, 'registry')
                        """, logger)
                    continue
                }
                guard existing.origin == "registry" else {
                    throw StoreError.conflict("a dynamic client instance with the id '\(client.id)'")
                }
                // The registry's key wins; unfinished grants and bound tokens follow it, as with a key rotation.
                if existing.record.key != client.key {
                    try await self.rebindClientInstance(connection, id: client.id, to: client.key)
                }
                try await connection.run(
                    "UPDATE client_instances SET display = \(display), registered = true WHERE id = \(client.id)",
                    logger)
            }
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    /// A row selected with ``clientColumns``, with where its identifier came from (`dynamic` or `registry`).
    static func clientInstance(from row: PostgresRow) throws -> (record: ClientInstanceRecord, origin: String) {
        let (id, key, display, createdAt, registered, origin) = try row.decode(
            (String, String, String?, Int64, Bool, String).self)
        let record = ClientInstanceRecord(
            id: id, key: try StoredJSON.decode(ClientKeyBinding.self, key, what: "client key"),
            display: try display.map { try StoredJSON.decode(ClientDisplay.self, $0, what: "client display") },
            createdAt: WallInstant(unixMilliseconds: createdAt), registered: registered)
        return (record, origin)
    }
}
