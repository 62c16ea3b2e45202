import GNAP
import GRDB

extension ASDatabase {
    public func registerClients(_ clients: [ClientInstanceRecord], audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await writer.write { db in
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
}
