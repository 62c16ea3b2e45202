import Foundation
import GRDB
import Synchronization
import Testing

@testable import GNAPStorage

/// Group commit (decision 69): writes queued while a transaction commits share the next one, each in its own
/// savepoint; a caller is answered only after its transaction committed; one write's failure is its own.
@Suite("AS database: group commit")
struct GroupCommitTests {
    /// A file database in WAL mode (as the AS opens it), with a table of rows and one with a deferred foreign key,
    /// which fails only when its transaction commits.
    private static func database() throws -> (DatabasePool, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "group-commit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let pool = try DatabasePool(
            path: directory.appendingPathComponent("test.sqlite").path, configuration: configuration)
        try pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE rows (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
                    CREATE TABLE children (
                        id INTEGER PRIMARY KEY,
                        parent INTEGER NOT NULL REFERENCES rows(id) DEFERRABLE INITIALLY DEFERRED
                    );
                    """)
        }
        return (pool, directory)
    }

    /// Holds the writer's queue in a first write until the others are queued, so that they form one batch. Only the
    /// writer's own thread waits on the semaphore; the test's tasks poll, so the cooperative pool is never blocked.
    private final class Gate: Sendable {
        let entered = Atomic(false)
        let release = DispatchSemaphore(value: 0)
    }

    /// Starts a write that blocks the writer's queue until `gate.release` is signalled, and waits until it runs.
    private static func holdWriter(_ commits: GroupCommit, _ gate: Gate) async throws -> Task<Void, any Error> {
        let task = Task {
            try await commits.write { db in
                gate.entered.store(true, ordering: .sequentiallyConsistent)
                gate.release.wait()
                try db.execute(sql: "INSERT INTO rows (value) VALUES ('gate')")
            }
        }
        for _ in 0..<2_000 where !gate.entered.load(ordering: .sequentiallyConsistent) {
            try await Task.sleep(for: .milliseconds(2))
        }
        let entered = gate.entered.load(ordering: .sequentiallyConsistent)
        #expect(entered)
        return task
    }

    /// A database whose writer is held by a first write, so that the writes a test queues form one batch when it is
    /// released.
    private struct HeldWriter {
        let pool: DatabasePool
        let directory: URL
        let commits: GroupCommit
        let gate: Gate
        let first: Task<Void, any Error>

        static func start() async throws -> HeldWriter {
            let (pool, directory) = try GroupCommitTests.database()
            let commits = GroupCommit(writer: pool)
            let gate = Gate()
            let first = try await GroupCommitTests.holdWriter(commits, gate)
            return HeldWriter(pool: pool, directory: directory, commits: commits, gate: gate, first: first)
        }

        /// Lets the first write finish.
        func release() async throws {
            gate.release.signal()
            try await first.value
        }

        /// On every way out of a test: a failed expectation must not leave the writer's thread blocked.
        func finish() {
            gate.release.signal()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Waits until `count` writes are queued behind the held one.
    private static func waitUntilQueued(_ commits: GroupCommit, _ count: Int) async throws {
        for _ in 0..<2_000 where commits.queuedCount < count {
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(commits.queuedCount == count)
    }

    /// Queues one statement behind the held writer and waits until it is the `position`th write waiting.
    private static func queue(
        _ sql: String, on commits: GroupCommit, position: Int
    ) async throws -> Task<Void, any Error> {
        let task = Task { try await commits.write { db in try db.execute(sql: sql) } }
        try await waitUntilQueued(commits, position)
        return task
    }

    @Test func writesQueuedBehindACommitShareOneTransactionAndEachGetsItsResult() async throws {
        let held = try await HeldWriter.start()
        defer { held.finish() }
        let (pool, commits) = (held.pool, held.commits)
        let writes = (0..<20).map { index in
            Task {
                try await commits.write { db -> Int64 in
                    try db.execute(sql: "INSERT INTO rows (value) VALUES (?)", arguments: ["row \(index)"])
                    return db.lastInsertedRowID
                }
            }
        }
        try await Self.waitUntilQueued(commits, 20)
        let before = commits.transactionCount
        try await held.release()
        var ids: [Int64] = []
        for write in writes { ids.append(try await write.value) }
        // The held write was its own transaction; the 20 behind it were one.
        #expect(commits.transactionCount == before + 2)
        #expect(Set(ids).count == 20)
        // Each answer came after the commit: a reader sees every row the callers were told about.
        let stored = try await pool.read { db in
            try Int64.fetchSet(db, sql: "SELECT id FROM rows WHERE value != 'gate'")
        }
        #expect(stored == Set(ids))
    }

    @Test func aFailingWriteRollsBackOnlyItselfAndIsAnsweredWithItsError() async throws {
        let held = try await HeldWriter.start()
        defer { held.finish() }
        let (pool, commits) = (held.pool, held.commits)
        struct Refused: Error {}
        let good1 = try await Self.queue("INSERT INTO rows (value) VALUES ('a')", on: commits, position: 1)
        // Writes one row, then fails: its row must not be committed.
        let bad = Task {
            try await commits.write { db in
                try db.execute(sql: "INSERT INTO rows (value) VALUES ('half')")
                throw Refused()
            }
        }
        try await Self.waitUntilQueued(commits, 2)
        // A constraint violation from SQLite itself.
        let duplicate = try await Self.queue("INSERT INTO rows (value) VALUES ('a')", on: commits, position: 3)
        let good2 = try await Self.queue("INSERT INTO rows (value) VALUES ('b')", on: commits, position: 4)
        let before = commits.transactionCount
        try await held.release()
        try await good1.value
        try await good2.value
        await #expect(throws: Refused.self) { try await bad.value }
        await #expect(throws: DatabaseError.self) { try await duplicate.value }
        #expect(commits.transactionCount == before + 2)
        let values = try await pool.read { db in try String.fetchSet(db, sql: "SELECT value FROM rows") }
        #expect(values == ["gate", "a", "b"])
    }

    @Test func whenTheSharedCommitFailsEachWriteRunsAgainAlone() async throws {
        let held = try await HeldWriter.start()
        defer { held.finish() }
        let (pool, commits) = (held.pool, held.commits)
        let good = try await Self.queue("INSERT INTO rows (value) VALUES ('kept')", on: commits, position: 1)
        // A child of a parent that does not exist: the deferred foreign key fails the commit, not the statement.
        let orphan = try await Self.queue("INSERT INTO children (parent) VALUES (999)", on: commits, position: 2)
        let alsoGood = try await Self.queue("INSERT INTO rows (value) VALUES ('also kept')", on: commits, position: 3)
        let before = commits.transactionCount
        try await held.release()
        try await good.value
        try await alsoGood.value
        await #expect(throws: DatabaseError.self) { try await orphan.value }
        // The shared transaction did not commit; the two good writes committed alone, once each.
        #expect(commits.transactionCount == before + 3)
        let values = try await pool.read { db in try String.fetchAll(db, sql: "SELECT value FROM rows ORDER BY id") }
        #expect(values == ["gate", "kept", "also kept"])
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM children") } == 0)
    }

    @Test func aBurstIsSplitIntoTransactionsOfAtMostTheMaximumBatch() async throws {
        let held = try await HeldWriter.start()
        defer { held.finish() }
        let (pool, commits) = (held.pool, held.commits)
        let count = GroupCommit.maximumBatch * 2 + 1
        let writes = (0..<count).map { index in
            Task {
                try await commits.write { db in
                    try db.execute(sql: "INSERT INTO rows (value) VALUES (?)", arguments: ["burst \(index)"])
                }
            }
        }
        try await Self.waitUntilQueued(commits, count)
        let before = commits.transactionCount
        try await held.release()
        for write in writes { try await write.value }
        #expect(commits.transactionCount == before + 1 + 3)
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rows") } == count + 1)
    }

    @Test func aWriteAloneIsCommittedAtOnce() async throws {
        let (pool, directory) = try Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let commits = GroupCommit(writer: pool)
        for index in 0..<5 {
            try await commits.write { db in
                try db.execute(sql: "INSERT INTO rows (value) VALUES (?)", arguments: ["alone \(index)"])
            }
            #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rows") } == index + 1)
        }
        #expect(commits.transactionCount == 5)
        #expect(commits.queuedCount == 0)
    }
}
