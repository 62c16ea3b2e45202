import Foundation
import GNAP
import GRDB

/// The AS store on SQLite (GRDB): every AS store protocol (``ASStore``), one extension file per concern. One
/// `Sendable` value over a `DatabaseWriter`; every multi-step change runs in one
/// write transaction, which concurrent changes share (``GroupCommit``, each in its own savepoint).
public struct ASDatabase: ASStore {
    /// The file name inside the AS data directory.
    public static let fileName = "gnapterm-as.sqlite"

    let writer: any DatabaseWriter
    private let commits: GroupCommit

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        self.commits = GroupCommit(writer: writer)
        try ASMigrations.migrator.migrate(writer)
    }

    /// Runs `updates` in a write transaction (shared with concurrent writes, see ``GroupCommit``) and returns its
    /// result once that transaction has committed.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await commits.write(updates)
    }

    /// Reads on the calling thread, in a read transaction of a reader connection (decision 70). GRDB's `async` read
    /// hops to the reader's queue and back: reading here saved 4-5 % of the AS's CPU per continuation poll under load. Blocking the caller is
    /// safe only because every read of the AS's database is this one: no read holds a reader connection across a
    /// suspension (GRDB's `async` read keeps its reader until its task resumes), so a caller waiting for a free
    /// reader waits for a read that is running, never for a task that needs the caller's thread to resume.
    /// Keep it so: an `async` read on this pool beside these can deadlock the concurrency pool.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        try writer.read(value)
    }

    /// Opens (creating if needed) the AS database in `directory`, with WAL so approvers and clients are served
    /// concurrently.
    public static func open(directory: URL) throws -> ASDatabase {
        let path = try DatabaseFile.prepare(directory: directory, fileName: fileName)
        return try DatabaseFile.opening(path) {
            try ASDatabase(writer: DatabasePool(path: path, configuration: DatabaseFile.configuration()))
        }
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws -> ASDatabase {
        try ASDatabase(writer: DatabaseQueue(configuration: DatabaseFile.configuration()))
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try ASMigrations.migrator.appliedIdentifiers(db).sorted() }
    }
}

extension Row {
    func instant(_ column: String) -> WallInstant? {
        (self[column] as Int64?).map(WallInstant.init(unixMilliseconds:))
    }
}
