import GRDB
import Synchronization

/// Group commit for the AS's writes (docs/decisions.md, decision 69): the writes that arrive while a transaction is
/// being committed wait, and the next transaction runs all of them, each inside its own savepoint. Each caller is
/// answered only after the transaction that holds its write has committed, so an acknowledged write is on disk as
/// before (`kill -9` loses none: `EndToEnd.DurabilityTests`); what the callers share is the cost of a transaction
/// (its locks, the WAL's commit frame, the pages more than one of them touches, and a hop to the writer's thread).
///
/// Under no load a write is its own transaction at once: there is no timer and no waiting for company. A write that
/// fails rolls back its own savepoint and is answered with its error; the others still commit. If the shared
/// transaction itself cannot commit, nothing of it was written, and every write in it runs again alone in its own
/// transaction, so that one write's failure stays its own.
final class GroupCommit: Sendable {
    private struct State {
        var queue: [any PendingWrite] = []
        /// Whether a drain is running on the writer's queue (it takes every write queued meanwhile).
        var draining = false
        /// Transactions committed so far (for tests and measurements).
        var transactions = 0
    }

    /// At most this many writes share one transaction, so that a burst does not make one transaction long.
    static let maximumBatch = 64

    private let writer: any DatabaseWriter
    private let state = Mutex(State())

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Writes waiting for the next transaction.
    var queuedCount: Int { state.withLock { $0.queue.count } }

    /// Transactions committed so far; with concurrent writers, fewer than the writes.
    var transactionCount: Int { state.withLock { $0.transactions } }

    /// Runs `updates` in a transaction (shared with the writes queued beside it, each in its own savepoint) and
    /// returns its result once that transaction has committed.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let job = Write(updates, continuation)
            let startDrain = state.withLock { state in
                state.queue.append(job)
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDrain {
                writer.asyncWriteWithoutTransaction { [self] db in drain(db) }
            }
        }
    }

    /// On the writer's queue: commits batches until nothing is queued.
    private func drain(_ db: Database) {
        while true {
            let batch: [any PendingWrite] = state.withLock { state in
                guard !state.queue.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.queue.count, Self.maximumBatch)
                let batch = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                return batch
            }
            guard !batch.isEmpty else { return }
            commit(batch, db)
        }
    }

    private func commit(_ batch: [any PendingWrite], _ db: Database) {
        guard batch.count > 1 else {
            commitAlone(batch[0], db)
            return
        }
        do {
            try db.inTransaction(.immediate) {
                for job in batch {
                    // SQLite rolls a whole transaction back by itself on some errors (a full disk, an I/O error).
                    // The writes after that must not run outside it: they would commit one by one and then run
                    // again alone. Stop, and let each run alone instead.
                    guard db.isInsideTransaction else { throw GroupCommitError.transactionLost }
                    do {
                        try db.inSavepoint {
                            try job.run(db)
                            return .commit
                        }
                    } catch {
                        job.failed(error)
                    }
                }
                return .commit
            }
        } catch {
            // Nothing of this transaction is written: each write runs again, alone.
            for job in batch { commitAlone(job, db) }
            return
        }
        countCommit()
        for job in batch { job.answer() }
    }

    private func countCommit() {
        state.withLock { $0.transactions += 1 }
    }

    private func commitAlone(_ job: any PendingWrite, _ db: Database) {
        job.reset()
        do {
            try db.inTransaction(.immediate) {
                try job.run(db)
                return .commit
            }
            countCommit()
        } catch {
            job.failed(error)
        }
        job.answer()
    }
}

enum GroupCommitError: Error {
    /// SQLite ended the shared transaction early.
    case transactionLost
    /// A write was answered without having run (cannot happen: every path runs it first).
    case notRun
}

/// A queued write, run and answered on the writer's queue only.
private protocol PendingWrite: Sendable {
    /// Runs the write; its result is kept until ``answer()``.
    func run(_ db: Database) throws
    /// The write failed (its savepoint or transaction was rolled back).
    func failed(_ error: any Error)
    /// Forgets a result or failure of a transaction that did not commit.
    func reset()
    /// Resumes the caller with the result or the failure, after the commit.
    func answer()
}

/// `@unchecked Sendable`: the job is created by its caller and then touched only on the writer's queue, one batch at
/// a time (`run`, `failed`, `reset`, `answer` are never called concurrently), and `answer` resumes the continuation
/// exactly once.
private final class Write<T: Sendable>: PendingWrite, @unchecked Sendable {
    private let updates: @Sendable (Database) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error>?

    init(_ updates: @escaping @Sendable (Database) throws -> T, _ continuation: CheckedContinuation<T, any Error>) {
        self.updates = updates
        self.continuation = continuation
    }

    func run(_ db: Database) throws {
        outcome = .success(try updates(db))
    }

    func failed(_ error: any Error) {
        outcome = .failure(error)
    }

    func reset() {
        outcome = nil
    }

    func answer() {
        continuation.resume(with: outcome ?? .failure(GroupCommitError.notRun))
    }
}
