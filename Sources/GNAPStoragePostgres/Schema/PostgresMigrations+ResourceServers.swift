import PostgresNIO

extension PostgresMigrations {
    /// RFC 9767 §3.2, §3.4: the resource servers the AS knows (pre-registered, origin `registry`, or trusted on first
    /// use, origin `dynamic`; one RS per key) and the resource sets they registered; tokens keep their format (§2.2),
    /// audience and subject (§2.1) and the token a derived one was made from (§4). The tables and columns of the SQLite
    /// migration `2026-12-07-resource-servers`.
    static let resourceServers = Migration(
        name: "2026-12-07-resource-servers",
        statements: [
            """
            CREATE TABLE resource_servers (
                id TEXT PRIMARY KEY,
                key_thumbprint TEXT NOT NULL UNIQUE,
                key TEXT NOT NULL,
                display_name TEXT,
                access_types TEXT NOT NULL,
                locations TEXT NOT NULL,
                references_served TEXT NOT NULL,
                registered BOOLEAN NOT NULL DEFAULT false,
                origin TEXT NOT NULL CHECK (origin IN ('dynamic', 'registry')),
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE resource_sets (
                reference TEXT PRIMARY KEY,
                resource_server_id TEXT NOT NULL REFERENCES resource_servers(id),
                access TEXT NOT NULL,
                token_formats TEXT,
                introspection_required BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX resource_sets_server ON resource_sets(resource_server_id, created_at)",
            "ALTER TABLE access_tokens ADD COLUMN format TEXT",
            "ALTER TABLE access_tokens ADD COLUMN audience TEXT",
            "ALTER TABLE access_tokens ADD COLUMN subject TEXT",
            "ALTER TABLE access_tokens ADD COLUMN parent_token_id TEXT REFERENCES access_tokens(id)",
            "CREATE INDEX access_tokens_parent ON access_tokens(parent_token_id)",
        ])
}
