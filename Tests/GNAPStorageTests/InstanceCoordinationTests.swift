import ASBackendTestSupport
import GNAP
import GNAPStoragePostgres
import Synchronization
import Testing

/// Several AS instances on one PostgreSQL database: one maintainer at a time, taken over when its holder's
/// connection dies; audit entries numbered in commit order; other instances' streams woken by LISTEN/NOTIFY.
@Suite("Several instances on one PostgreSQL database")
struct InstanceCoordinationTests {
    let clock = ManualClock()
    let settings = PostgresSettings(maintainerCheckInterval: .milliseconds(200))

    /// Which maintainers run now, and the most that ever ran at once.
    final class Running: Sendable {
        private let state = Mutex<(now: Set<String>, most: Int)>(([], 0))
        func enter(_ name: String) {
            state.withLock {
                $0.now.insert(name)
                $0.most = max($0.most, $0.now.count)
            }
        }
        func leave(_ name: String) { _ = state.withLock { $0.now.remove(name) } }
        var now: Set<String> { state.withLock { $0.now } }
        var most: Int { state.withLock { $0.most } }
    }

    func maintain(_ coordination: any InstanceCoordination, as name: String, _ running: Running) -> Task<Void, Never> {
        Task {
            try? await coordination.runAsMaintainer {
                running.enter(name)
                defer { running.leave(name) }
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
        }
    }

    func eventually(within limit: Duration = .seconds(15), _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func oneInstanceMaintainsAndAnotherTakesOverWhenItsConnectionDies() async throws {
        try await TestStore.with(.postgres, settings: settings) { first in
            let second = try await first.reopen(settings: settings)
            let running = Running()
            let firstTask = maintain(first.coordination, as: "first", running)
            #expect(try await eventually { running.now == ["first"] })
            let secondTask = maintain(second.coordination, as: "second", running)
            try await Task.sleep(for: .seconds(1))
            #expect(running.now == ["first"], "the second instance must wait while the first holds the role")
            // The holder's connection dies (as when its process is killed): the server releases the lock.
            firstTask.cancel()
            try await first.executeRaw(
                """
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 1
                    AND classid = ((hashtextextended('gnapterm.maintainer.' || current_schema(), 0) >> 32)
                        & 4294967295)::oid
                    AND objid = (hashtextextended('gnapterm.maintainer.' || current_schema(), 0) & 4294967295)::oid
                """)
            #expect(try await eventually { running.now == ["second"] })
            #expect(running.most == 1, "two maintainers ran at once")
            secondTask.cancel()
            await secondTask.value
            await firstTask.value
            await second.close()
        }
    }

    @Test func aStoreOneInstanceOwnsIsAlwaysItsMaintainer() async throws {
        let running = Running()
        let task = maintain(SingleInstance(), as: "only", running)
        #expect(try await eventually { running.now == ["only"] })
        task.cancel()
        await task.value
    }

    /// An event stream follows the log with "entries after the last id it read". Entries written concurrently by
    /// two instances must therefore become visible in id order: a reader polling all the while never skips one.
    @Test func auditEntriesBecomeVisibleInTheOrderOfTheirIDs() async throws {
        try await TestStore.with(.postgres) { first in
            let second = try await first.reopen()
            let reader = try await first.reopen()
            let done = Atomic<Bool>(false)
            async let follower: [Int64] = {
                var seen: [Int64] = []
                while true {
                    let finished = done.load(ordering: .acquiring)
                    let batch = try await reader.store.auditEntries(AuditQuery(afterID: seen.last ?? 0, limit: 1000))
                    seen += batch.map(\.id)
                    if finished && batch.isEmpty { return seen }
                }
            }()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, writer) in [first, second, first, second].enumerated() {
                    group.addTask {
                        for step in 0..<60 {
                            try await writer.store.appendAudit([
                                AuditEvent(
                                    grantID: nil, at: clock.now, kind: AuditEventKind(rawValue: "w\(index)"),
                                    detail: "\(step)")
                            ])
                        }
                    }
                }
                try await group.waitForAll()
            }
            done.store(true, ordering: .releasing)
            let followed = try await follower
            let all = try await first.store.auditEntries(AuditQuery(limit: 10_000)).map(\.id)
            #expect(all.count == 240)
            #expect(followed == all, "the follower skipped entries")
            await second.close()
            await reader.close()
        }
    }

    @Test func anotherInstancesAuditEntriesWakeTheStreamsAtOnce() async throws {
        try await TestStore.with(.postgres) { first in
            let second = try await first.reopen()
            // The first call starts listening; listening raises the signal once.
            let initial = second.coordination.auditSignal()
            try await second.coordination.waitForAudit(beyond: initial, timeout: .seconds(10))
            let listening = second.coordination.auditSignal()
            #expect(listening > initial)
            let started = ContinuousClock.now
            try await first.store.appendAudit([AuditEvent(grantID: nil, at: clock.now, kind: "x", detail: "")])
            try await second.coordination.waitForAudit(beyond: listening, timeout: .seconds(30))
            #expect(second.coordination.auditSignal() > listening)
            #expect(started.duration(to: .now) < .seconds(5))
            await second.close()
        }
    }

    @Test func anUnreachableDatabaseIsAClearErrorAtStart() async throws {
        var location = try TestBackend.postgresLocation()
        location.port = 1
        await #expect {
            _ = try await PostgresStore.connect(location, settings: PostgresSettings(connectTimeout: .seconds(2)))
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("cannot use the database postgres://") && !text.contains(location.password ?? "-")
        }
    }
}
