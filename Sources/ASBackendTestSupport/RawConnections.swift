import GNAPStoragePostgres
import GRDB
import Logging
import PostgresNIO

/// A plain connection to an SQLite database file.
enum RawSQLite {
    static func execute(_ sql: String, path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }
}

/// A plain connection to the test cluster, in the test's schema.
enum RawPostgres {
    static func execute(_ sql: String, location: PostgresLocation) async throws {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: .disable)
        let logger = TestStore.quiet
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            if let schema = location.schema {
                // A generated test schema name (t_ and hex digits).
                try await connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \"\(schema)\""), logger: logger)
            }
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
