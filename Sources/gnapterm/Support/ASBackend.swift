import ArgumentParser
import Foundation
import GNAP
import GNAPStorage
import GNAPStoragePostgres
import Logging

/// The AS store `serve` runs on: SQLite in a data directory (one instance), or a PostgreSQL database that several
/// instances may share.
struct ASBackend {
    let store: any ASStore
    let coordination: any InstanceCoordination
    /// Which backend, for the log and the first line `serve` prints.
    let description: String
    let close: @Sendable () async -> Void

    /// The `--database` options of `serve`.
    struct Options: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "PostgreSQL database for the AS state instead of SQLite under --data-dir (several instances may share it).",
                discussion: """
                    postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]; what it leaves \
                    out comes from PGHOST, PGPORT, PGUSER, PGDATABASE, PGSSLMODE.
                    """, valueName: "postgres://USER@HOST:PORT/DB"))
        var database: String?

        @Option(help: "File whose first line is the database password (else the URL's, else PGPASSWORD).")
        var databasePasswordFile: String?

        func location() throws -> PostgresLocation? {
            guard let database else { return nil }
            do {
                return try PostgresLocation(
                    url: database, passwordFile: databasePasswordFile, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    static func sqlite(directory: URL) throws -> ASBackend {
        let store = try ASDatabase.open(directory: directory)
        return ASBackend(
            store: store, coordination: SingleInstance(),
            description: "SQLite \(directory.appendingPathComponent(ASDatabase.fileName).path)", close: {})
    }

    static func postgres(_ location: PostgresLocation, logger: Logger) async throws -> ASBackend {
        let store = try await PostgresStore.connect(location, logger: logger)
        return ASBackend(
            store: store, coordination: store, description: "PostgreSQL \(location.redacted)",
            close: { await store.shutdown() })
    }
}
