import GNAP
import GRDB
import TerminalSession
import Testing

@testable import TerminalStorage

@Suite("Local database: history search walks the index newest first")
struct HistoryOrderTests {
    /// Decisions recorded out of time order and several in one millisecond: the search answers in the listing's
    /// order (decided_at, then recording order, newest first), whatever the limit.
    @Test func searchAnswersInTheListingsOrder() async throws {
        let database = try LocalDatabase.inMemory()
        let times: [Int64] = [5_000, 1_000, 3_000, 3_000, 9_000, 3_000, 1_000, 7_000]
        for (index, time) in times.enumerated() {
            try await database.recordDecision(
                LocalSearchAndKeyTests.decision("d\(index)", client: "Door Kiosk \(index)", at: time))
        }
        let listing = try await database.decisions(limit: 100).map(\.id)
        #expect(listing == ["d4", "d7", "d0", "d5", "d3", "d2", "d6", "d1"])
        for limit in 1...9 {
            #expect(
                try await database.searchDecisions(matching: "kiosk", limit: limit).map(\.id)
                    == Array(listing.prefix(limit)))
        }
        #expect(try await database.searchDecisions(matching: "door 3", limit: 5).map(\.id) == ["d3"])
    }

    /// The plan of the search: the FTS5 index in rowid order, no sort of the matches (`USE TEMP B-TREE`).
    @Test func theSearchPlanDoesNotSortTheMatches() async throws {
        let database = try LocalDatabase.inMemory()
        let plan = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + LocalSearchSchema.search, arguments: ["\"a\"*", 20])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.hasPrefix("SCAN decisions_search VIRTUAL TABLE") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN decisions") && !$0.contains("decisions_search") }, "\(plan)")
        let listing = try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT * FROM decisions ORDER BY decided_at DESC, rowid DESC LIMIT 20"
            ).map { $0["detail"] as String }
        }
        #expect(listing == ["SCAN decisions USING INDEX decisions_time"], "\(listing)")
    }

    /// Decisions recorded before the ordered index are found, in order, after the migration.
    @Test func theMigrationKeepsEarlierDecisionsFindable() async throws {
        let queue = try DatabaseQueue()
        try LocalMigrations.migrator.migrate(queue, upTo: "2026-12-01-device-grants")
        for (id, time) in [("a", 2_000), ("b", 1_000), ("c", 2_000)] {
            try await queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO decisions (id, decided_at, server, grant_id, client_name, key_thumbprint,
                            decision, granted_rights, withheld_rights, released_subject)
                        VALUES (?, ?, 's', 'g', 'Legacy Kiosk', 'tp', 'approved', '[]', '[]', '[]')
                        """, arguments: [id, time])
            }
        }
        let database = try LocalDatabase(writer: queue)
        #expect(try await database.searchDecisions(matching: "kiosk", limit: 10).map(\.id) == ["c", "a", "b"])
        try await database.recordDecision(LocalSearchAndKeyTests.decision("d", client: "Kiosk", at: 2_000))
        #expect(try await database.searchDecisions(matching: "kiosk", limit: 2).map(\.id) == ["d", "c"])
    }
}
