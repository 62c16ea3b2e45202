import Logging
import PostgresNIO

/// The AS schema on PostgreSQL: the same tables, columns and rules as the SQLite schema (NOT NULL, foreign keys,
/// UNIQUE, CHECK, the audit log append-only by trigger), times as milliseconds since the epoch. Migrations are named
/// and append-only: never edit one that has shipped, add a new one. They run in one transaction under an advisory
/// lock, so instances that start together apply each once.
enum PostgresMigrations {
    struct Migration {
        var name: String
        var statements: [PostgresQuery]
    }

    static let all: [Migration] = [initialSchema, sharedInstanceState, inbox, resourceServers]

    static func migrate(_ store: PostgresStore) async throws {
        if let schema = store.location.schema {
            // The name was checked to be a plain identifier (PostgresLocation.isPlainIdentifier).
            try await store.client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""))
        }
        try await store.transaction { connection in
            let logger = store.logger
            try await connection.run(
                "SELECT pg_advisory_xact_lock(hashtextextended('gnapterm.migrations.' || current_schema(), 0))",
                logger)
            try await connection.run(
                """
                CREATE TABLE IF NOT EXISTS gnapterm_migrations (
                    name TEXT PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger)
            let applied = Set(
                try await connection.collect("SELECT name FROM gnapterm_migrations", logger).map {
                    try $0.decode(String.self)
                })
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements { try await connection.run(statement, logger) }
                try await connection.run("INSERT INTO gnapterm_migrations (name) VALUES (\(migration.name))", logger)
                logger.info("applied database migration", metadata: ["migration": "\(migration.name)"])
            }
        }
    }
}
