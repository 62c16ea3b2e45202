import Foundation
import GNAP
import GNAPStorage
import GNAPStoragePostgres
import Logging
import TempDirTestSupport

/// A fresh, empty AS store of one backend for one test: SQLite in a temporary directory, or PostgreSQL in a schema
/// of its own on the test cluster. ``reopen()`` opens the same database again (a second AS instance, or the same
/// one after a restart); ``close()`` closes every handle opened from it and removes the SQLite directory.
public final class TestStore: Sendable {
    public let backend: TestBackend
    public let store: any ASStore & ASStoreTransfer
    public let coordination: any InstanceCoordination
    let sqlite: ASDatabase?
    let postgres: PostgresStore?
    let directory: URL?
    let location: PostgresLocation?
    private let root: TestStore?

    private init(
        backend: TestBackend, sqlite: ASDatabase?, postgres: PostgresStore?, directory: URL?,
        location: PostgresLocation?, root: TestStore?
    ) {
        self.backend = backend
        self.sqlite = sqlite
        self.postgres = postgres
        self.directory = directory
        self.location = location
        self.root = root
        if let postgres {
            store = postgres
            coordination = postgres
        } else {
            store = sqlite!
            coordination = SingleInstance()
        }
    }

    public static func make(_ backend: TestBackend, settings: PostgresSettings = PostgresSettings()) async throws
        -> TestStore
    {
        switch backend {
        case .sqlite:
            // close() removes it; the exit handler removes it if a test never closes its store.
            let directory = try TemporaryDirectories.make("gnapterm-store", create: false)
            return TestStore(
                backend: .sqlite, sqlite: try ASDatabase.open(directory: directory), postgres: nil,
                directory: directory, location: nil, root: nil)
        case .postgres:
            let location = try TestBackend.postgresLocation(schema: TestBackend.freshSchema())
            return TestStore(
                backend: .postgres, sqlite: nil,
                postgres: try await PostgresStore.connect(location, settings: settings, logger: Self.quiet),
                directory: nil, location: location, root: nil)
        }
    }

    /// Runs `body` with a fresh store and closes it afterwards, also when `body` throws.
    public static func with<T: Sendable>(
        _ backend: TestBackend, settings: PostgresSettings = PostgresSettings(),
        _ body: (TestStore) async throws -> T
    ) async throws -> T {
        let store = try await make(backend, settings: settings)
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch {
            await store.close()
            throw error
        }
    }

    /// Another handle on the same database.
    public func reopen(settings: PostgresSettings = PostgresSettings()) async throws -> TestStore {
        let root = root ?? self
        switch backend {
        case .sqlite:
            return TestStore(
                backend: .sqlite, sqlite: try ASDatabase.open(directory: directory!), postgres: nil,
                directory: directory, location: nil, root: root)
        case .postgres:
            return TestStore(
                backend: .postgres, sqlite: nil,
                postgres: try await PostgresStore.connect(location!, settings: settings, logger: Self.quiet),
                directory: nil, location: location, root: root)
        }
    }

    /// Closes this handle; closing the first handle also removes the SQLite directory.
    public func close() async {
        await postgres?.shutdown()
        if root == nil, let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The migrations applied, oldest first.
    public func appliedMigrations() async throws -> [String] {
        if let sqlite { return try sqlite.appliedMigrations() }
        return try await postgres!.appliedMigrations()
    }

    /// Inserts a device without enrollment (fixtures).
    public func insertDevice(_ device: ApproverDevice) async throws {
        if let sqlite { return try await sqlite.insertDevice(device) }
        try await postgres!.insertDevice(device)
    }

    public func redeemEnrollmentCode(hash: String, at now: WallInstant) async throws -> EnrollmentCodeRecord? {
        if let sqlite { return try await sqlite.redeemEnrollmentCode(hash: hash, at: now) }
        return try await postgres!.redeemEnrollmentCode(hash: hash, at: now)
    }

    /// Runs one SQL statement on a connection of its own, outside the store's API (to check that the schema's rules
    /// hold for anyone).
    public func executeRaw(_ sql: String) async throws {
        if let directory {
            try RawSQLite.execute(sql, path: directory.appendingPathComponent(ASDatabase.fileName).path)
        } else {
            try await RawPostgres.execute(sql, location: location!)
        }
    }

    /// A logger that says nothing (the store logs lost connections; tests that want them pass their own).
    public static let quiet = Logger(label: "gnapterm.tests.store", factory: { _ in SwiftLogNoOpLogHandler() })
}
