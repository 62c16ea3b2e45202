import GNAP
import PostgresNIO

/// ``ResourceServerStore``.
extension PostgresStore: ResourceServerStore {
    static let resourceServerColumns = """
        id, key, display_name, access_types, locations, references_served, registered, origin, created_at
        """
    static let resourceSetColumns = """
        reference, resource_server_id, access, token_formats, introspection_required, created_at
        """

    public func resourceServer(id: String) async throws -> ResourceServerRecord? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: Self.resourceServerColumns) FROM resource_servers WHERE id = \(id)", self.logger
            ).map { try Self.resourceServer(from: $0).record }
        }
    }

    public func resourceServer(thumbprint: String) async throws -> ResourceServerRecord? {
        try await autocommit { connection in
            try await connection.first(
                """
                SELECT \(unescaped: Self.resourceServerColumns) FROM resource_servers
                WHERE key_thumbprint = \(thumbprint)
                """, self.logger
            ).map { try Self.resourceServer(from: $0).record }
        }
    }

    public func resourceServers() async throws -> [ResourceServerRecord] {
        try await autocommit { connection in
            try await connection.collect(
                """
                SELECT \(unescaped: Self.resourceServerColumns) FROM resource_servers
                ORDER BY registered DESC, created_at, id
                """, self.logger
            ).map { try Self.resourceServer(from: $0).record }
        }
    }

    public func insertResourceServer(_ server: ResourceServerRecord, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await transaction { connection in
            try await self.insert(server, origin: "dynamic", connection)
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    public func registerResourceServers(_ servers: [ResourceServerRecord], audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        try await transaction { connection in
            let logger = self.logger
            // Instances starting together apply the file one after the other.
            try await connection.run(
                """
                SELECT pg_advisory_xact_lock(hashtextextended('gnapterm.resource-servers.' || current_schema(), 0))
                """, logger)
            let listed = Set(servers.map(\.id))
            // RSes no longer in the file keep their resource sets but lose their vetting and their served scope.
            let previously = try await connection.collect(
                "SELECT id FROM resource_servers WHERE registered", logger
            ).map { try $0.decode(String.self) }
            for id in previously where !listed.contains(id) {
                try await connection.run("UPDATE resource_servers SET registered = false WHERE id = \(id)", logger)
            }
            for server in servers {
                guard
                    let origin = try await connection.first(
                        "SELECT origin FROM resource_servers WHERE id = \(server.id) FOR UPDATE", logger
                    ).map({ try $0.decode(String.self) })
                else {
                    try await self.insert(server, origin: "registry", connection)
                    continue
                }
                guard origin == "registry" else {
                    throw StoreError.conflict("a resource server trusted on first use with the id '\(server.id)'")
                }
                let key = try StoredJSON.encode(server.key)
                let types = try StoredJSON.encode(server.accessTypes)
                let locations = try StoredJSON.encode(server.locations)
                let references = try StoredJSON.encode(server.references)
                try await Self.failingOnDuplicateKey(server) {
                    try await connection.run(
                        """
                        UPDATE resource_servers SET key_thumbprint = \(server.key.thumbprint), key = \(key),
                            display_name = \(server.displayName), access_types = \(types), locations = \(locations),
                            references_served = \(references), registered = true
                        WHERE id = \(server.id)
                        """, logger)
                }
            }
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    public func resourceSet(reference: String) async throws -> ResourceSetRecord? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: Self.resourceSetColumns) FROM resource_sets WHERE reference = \(reference)",
                self.logger
            ).map(Self.resourceSet(from:))
        }
    }

    public func resourceSets(resourceServerID: String?) async throws -> [ResourceSetRecord] {
        try await autocommit { connection in
            guard let resourceServerID else {
                return try await connection.collect(
                    "SELECT \(unescaped: Self.resourceSetColumns) FROM resource_sets ORDER BY created_at, reference",
                    self.logger
                ).map(Self.resourceSet(from:))
            }
            return try await connection.collect(
                """
                SELECT \(unescaped: Self.resourceSetColumns) FROM resource_sets
                WHERE resource_server_id = \(resourceServerID) ORDER BY created_at, reference
                """, self.logger
            ).map(Self.resourceSet(from:))
        }
    }

    public func insertResourceSet(_ set: ResourceSetRecord, audit: [AuditEvent]) async throws {
        let context = AuditContext.current
        let access = try StoredJSON.encode(set.access)
        let formats = try set.tokenFormats.map { try StoredJSON.encode($0) }
        try await transaction { connection in
            do {
                try await connection.run(
                    """
                    INSERT INTO resource_sets (reference, resource_server_id, access, token_formats,
                        introspection_required, created_at)
                    VALUES (\(set.reference), \(set.resourceServerID), \(access), \(formats),
                        \(set.introspectionRequired), \(set.createdAt.unixMilliseconds))
                    """, self.logger)
            } catch let error where PostgresFailure.sqlState(error) == "23505" {
                throw StoreError.conflict("resource set \(set.reference)")
            }
            try await self.insertAudit(audit, connection, context: context)
        }
    }

    func insert(_ server: ResourceServerRecord, origin: String, _ connection: PostgresConnection) async throws {
        let key = try StoredJSON.encode(server.key)
        let types = try StoredJSON.encode(server.accessTypes)
        let locations = try StoredJSON.encode(server.locations)
        let references = try StoredJSON.encode(server.references)
        let logger = logger
        try await Self.failingOnDuplicateKey(server) {
            try await connection.run(
                """
                INSERT INTO resource_servers (id, key_thumbprint, key, display_name, access_types, locations,
                    references_served, registered, origin, created_at)
                VALUES (\(server.id), \(server.key.thumbprint), \(key), \(server.displayName), \(types),
                    \(locations), \(references), \(server.registered), \(origin), \(server.createdAt.unixMilliseconds))
                """, logger)
        }
    }

    /// One RS per key and per identifier: a UNIQUE violation is a conflict the caller can report.
    private static func failingOnDuplicateKey(_ server: ResourceServerRecord, _ body: () async throws -> Void)
        async throws
    {
        do {
            try await body()
        } catch let error where PostgresFailure.sqlState(error) == "23505" {
            throw StoreError.conflict("a resource server with the id '\(server.id)' or its key")
        }
    }

    /// A row selected with ``resourceServerColumns``, with where it came from (`dynamic` or `registry`).
    static func resourceServer(from row: PostgresRow) throws -> (record: ResourceServerRecord, origin: String) {
        let (id, key, displayName, types, locations, references, registered, origin, createdAt) = try row.decode(
            (String, String, String?, String, String, String, Bool, String, Int64).self)
        let record = ResourceServerRecord(
            id: id, key: try StoredJSON.decode(ClientKeyBinding.self, key, what: "resource server key"),
            displayName: displayName,
            accessTypes: try StoredJSON.decode([String].self, types, what: "resource server types"),
            locations: try StoredJSON.decode([String].self, locations, what: "resource server locations"),
            references: try StoredJSON.decode([String].self, references, what: "resource server references"),
            registered: registered, createdAt: WallInstant(unixMilliseconds: createdAt))
        return (record, origin)
    }

    /// A row selected with ``resourceSetColumns``.
    static func resourceSet(from row: PostgresRow) throws -> ResourceSetRecord {
        let (reference, serverID, access, formats, introspectionRequired, createdAt) = try row.decode(
            (String, String, String, String?, Bool, Int64).self)
        return ResourceSetRecord(
            reference: reference, resourceServerID: serverID,
            access: try StoredJSON.decode([AccessRight].self, access, what: "resource set access"),
            tokenFormats: try formats.map {
                try StoredJSON.decode([String].self, $0, what: "resource set token formats")
            },
            introspectionRequired: introspectionRequired, createdAt: WallInstant(unixMilliseconds: createdAt))
    }
}
