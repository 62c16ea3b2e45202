import GNAP
import GRDB

/// ``ResourceServerStore``.
extension ASDatabase {
    public func resourceServer(id: String) async throws -> ResourceServerRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM resource_servers WHERE id = ?", arguments: [id])
                .map(Self.resourceServer(from:))
        }
    }

    public func resourceServer(thumbprint: String) async throws -> ResourceServerRecord? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM resource_servers WHERE key_thumbprint = ?", arguments: [thumbprint]
            ).map(Self.resourceServer(from:))
        }
    }

    public func resourceServers() async throws -> [ResourceServerRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM resource_servers ORDER BY registered DESC, created_at, id")
                .map(Self.resourceServer(from:))
        }
    }

    public func insertResourceServer(_ server: ResourceServerRecord, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in
            try Self.insert(server, origin: "dynamic", db)
            try Self.insert(audit, db, context: context)
        }
    }

    public func registerResourceServers(_ servers: [ResourceServerRecord], audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in
            let listed = Set(servers.map(\.id))
            // RSes no longer in the file keep their resource sets but lose their vetting and their served scope.
            let previously = try String.fetchAll(db, sql: "SELECT id FROM resource_servers WHERE registered = 1")
            for id in previously where !listed.contains(id) {
                try db.execute(sql: "UPDATE resource_servers SET registered = 0 WHERE id = ?", arguments: [id])
            }
            for server in servers {
                guard
                    let origin = try String.fetchOne(
                        db, sql: "SELECT origin FROM resource_servers WHERE id = ?", arguments: [server.id])
                else {
                    try Self.insert(server, origin: "registry", db)
                    continue
                }
                guard origin == "registry" else {
                    throw StoreError.conflict("a resource server trusted on first use with the id '\(server.id)'")
                }
                try Self.failingOnDuplicateKey(server) {
                    try db.execute(
                        sql: """
                            UPDATE resource_servers SET key_thumbprint = ?, key = ?, display_name = ?, access_types = ?,
                                locations = ?, references_served = ?, registered = 1
                            WHERE id = ?
                            """,
                        arguments: [
                            server.key.thumbprint, try JSONColumn.encode(server.key), server.displayName,
                            try JSONColumn.encode(server.accessTypes), try JSONColumn.encode(server.locations),
                            try JSONColumn.encode(server.references), server.id,
                        ])
                }
            }
            try Self.insert(audit, db, context: context)
        }
    }

    public func resourceSet(reference: String) async throws -> ResourceSetRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM resource_sets WHERE reference = ?", arguments: [reference])
                .map(Self.resourceSet(from:))
        }
    }

    public func resourceSets(resourceServerID: String?) async throws -> [ResourceSetRecord] {
        try read { db in
            guard let resourceServerID else {
                return try Row.fetchAll(db, sql: "SELECT * FROM resource_sets ORDER BY created_at, reference")
                    .map(Self.resourceSet(from:))
            }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM resource_sets WHERE resource_server_id = ? ORDER BY created_at, reference",
                arguments: [resourceServerID]
            ).map(Self.resourceSet(from:))
        }
    }

    public func insertResourceSet(_ set: ResourceSetRecord, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await write { db in
            do {
                try db.execute(
                    sql: """
                        INSERT INTO resource_sets (reference, resource_server_id, access, token_formats,
                            introspection_required, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        set.reference, set.resourceServerID, try JSONColumn.encode(set.access),
                        try set.tokenFormats.map { try JSONColumn.encode($0) }, set.introspectionRequired,
                        set.createdAt.unixMilliseconds,
                    ])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.conflict("resource set \(set.reference)")
            }
            try Self.insert(audit, db, context: context)
        }
    }

    static func insert(_ server: ResourceServerRecord, origin: String, _ db: Database) throws {
        try failingOnDuplicateKey(server) {
            try db.execute(
                sql: """
                    INSERT INTO resource_servers (id, key_thumbprint, key, display_name, access_types, locations,
                        references_served, registered, origin, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    server.id, server.key.thumbprint, try JSONColumn.encode(server.key), server.displayName,
                    try JSONColumn.encode(server.accessTypes), try JSONColumn.encode(server.locations),
                    try JSONColumn.encode(server.references), server.registered, origin,
                    server.createdAt.unixMilliseconds,
                ])
        }
    }

    /// One RS per key and per identifier: a UNIQUE violation is a conflict the caller can report.
    private static func failingOnDuplicateKey(_ server: ResourceServerRecord, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.conflict("a resource server with the id '\(server.id)' or its key")
        }
    }

    static func resourceServer(from row: Row) throws -> ResourceServerRecord {
        ResourceServerRecord(
            id: row["id"], key: try JSONColumn.decode(ClientKeyBinding.self, row["key"], what: "resource server key"),
            displayName: row["display_name"],
            accessTypes: try JSONColumn.decode([String].self, row["access_types"], what: "resource server types"),
            locations: try JSONColumn.decode([String].self, row["locations"], what: "resource server locations"),
            references: try JSONColumn.decode(
                [String].self, row["references_served"], what: "resource server references"),
            registered: row["registered"], createdAt: WallInstant(unixMilliseconds: row["created_at"]))
    }

    static func resourceSet(from row: Row) throws -> ResourceSetRecord {
        ResourceSetRecord(
            reference: row["reference"], resourceServerID: row["resource_server_id"],
            access: try JSONColumn.decode([AccessRight].self, row["access"], what: "resource set access"),
            tokenFormats: try (row["token_formats"] as String?).map {
                try JSONColumn.decode([String].self, $0, what: "resource set token formats")
            },
            introspectionRequired: row["introspection_required"],
            createdAt: WallInstant(unixMilliseconds: row["created_at"]))
    }
}
