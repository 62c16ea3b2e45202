import GNAP
import Logging
import PostgresNIO

/// The AS store on PostgreSQL (postgres-nio): every AS store protocol (``ASStore``), one extension file per concern,
/// and the coordination of several AS instances on one database (``InstanceCoordination``). Every multi-step change
/// runs in one transaction at READ COMMITTED; a change of an existing row locks it first (`SELECT … FOR NO KEY UPDATE`),
/// so concurrent changes of one grant, token, account or device run one after the other, each on the other's result.
/// Every value is bound (`PostgresQuery` interpolation); the only SQL text not written here is a schema name that
/// ``PostgresLocation`` checked to be a plain identifier.
public final class PostgresStore: Sendable {
    public let location: PostgresLocation
    let settings: PostgresSettings
    let client: PostgresClient
    let logger: Logger
    let health: DatabaseHealth
    let auditListener: AuditListener
    let tasks: BackgroundTasks

    private init(location: PostgresLocation, settings: PostgresSettings, logger: Logger) {
        self.location = location
        self.settings = settings
        self.logger = logger
        // The pool logs every failed connection attempt; the store says what matters (lost, back) itself.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .warning)
        client = PostgresClient(configuration: Self.configuration(location, settings), backgroundLogger: poolLogger)
        health = DatabaseHealth(logger: logger)
        auditListener = AuditListener()
        tasks = BackgroundTasks()
    }

    /// Connects to the database, creates the schema if `location` names one, and applies the migrations not yet
    /// applied (under a lock, so instances starting together migrate once). Throws ``PostgresStartError`` with the
    /// server's reason when the database cannot be reached or refuses the login.
    public static func connect(
        _ location: PostgresLocation, settings: PostgresSettings = PostgresSettings(),
        logger: Logger = Logger(label: "gnapterm.as.postgres")
    ) async throws -> PostgresStore {
        do {
            try await location.checkReachable(timeout: settings.connectTimeout, logger: logger)
        } catch {
            throw PostgresStartError(location: location, reason: PostgresFailure.describe(error))
        }
        let store = PostgresStore(location: location, settings: settings, logger: logger)
        let client = store.client
        store.tasks.start { await client.run() }
        do {
            try await PostgresMigrations.migrate(store)
        } catch {
            await store.shutdown()
            throw PostgresStartError(location: location, reason: PostgresFailure.describe(error))
        }
        store.tasks.start { await store.health.watch(store) }
        return store
    }

    /// Closes every connection; the store cannot be used afterwards.
    public func shutdown() async { await tasks.cancelAll() }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await autocommit { connection in
            try await connection.collect("SELECT name FROM gnapterm_migrations ORDER BY name", self.logger).map {
                try $0.decode(String.self)
            }
        }
    }

    private static func configuration(_ location: PostgresLocation, _ settings: PostgresSettings)
        -> PostgresClient.Configuration
    {
        let tls: PostgresClient.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration =
            location.host.hasPrefix("/")
            ? PostgresClient.Configuration(
                unixSocketPath: "\(location.host)/.s.PGSQL.\(location.port)", username: location.username,
                password: location.password, database: location.database)
            : PostgresClient.Configuration(
                host: location.host, port: location.port, username: location.username, password: location.password,
                database: location.database, tls: tls)
        configuration.options.maximumConnections = settings.maximumConnections
        configuration.options.connectTimeout = settings.connectTimeout
        // Named in pg_stat_activity; every session of the store works in its schema (a plain identifier).
        configuration.options.additionalStartupParameters =
            [("application_name", "gnapterm")] + (location.schema.map { [("search_path", $0)] } ?? [])
        return configuration
    }
}

/// The database could not be reached or refused the login when the AS started.
public struct PostgresStartError: Error, Sendable, CustomStringConvertible {
    public let location: PostgresLocation
    public let reason: String

    public var description: String { "cannot use the database \(location.redacted): \(reason)" }
}
