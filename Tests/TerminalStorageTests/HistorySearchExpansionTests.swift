import GNAP
import GRDB
import TerminalSession
import Testing

@testable import TerminalStorage

@Suite("Local database: a searched word becomes the index's exact terms that start with it")
struct HistorySearchExpansionTests {
    /// Decisions whose words share prefixes, plus more distinct terms with one prefix than a word is expanded into.
    static func filled() async throws -> LocalDatabase {
        let database = try LocalDatabase.inMemory()
        let clients = [
            "Door Kiosk", "Kiosks Hall", "kiosked", "Kio Lamp", "Photo Printer", "Printers Row", "Café Kiosk",
            "grant-77 kiosk", "Zebra", "KIOSK 12", "door-kiosk 9", "Smart TV",
        ]
        var time: Int64 = 1_000
        for (index, client) in clients.enumerated() {
            time += 10
            try await database.recordDecision(LocalSearchAndKeyTests.decision("c\(index)", client: client, at: time))
        }
        for index in 0..<(LocalSearchSchema.maximumExpansion + 6) {
            time += 10
            try await database.recordDecision(
                LocalSearchAndKeyTests.decision("t\(index)", client: "Terminal term\(index)", at: time))
        }
        return database
    }

    /// The plain prefix query, the reference the expanded query must agree with.
    static func prefixSearch(_ database: LocalDatabase, _ text: String, limit: Int) async throws -> [String] {
        guard let match = LocalSearchSchema.query(for: text) else { return [] }
        return try await database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT decisions.id FROM decisions_search
                    JOIN decisions ON decisions.id = decisions_search.decision_id
                    WHERE decisions_search MATCH ? ORDER BY decisions_search.rowid DESC LIMIT ?
                    """,
                arguments: [match, limit])
        }
    }

    @Test func theAnswersAreThoseOfThePrefixQuery() async throws {
        let database = try await Self.filled()
        let queries = [
            "k", "ki", "kio", "kiosk", "KIOSK", "kiosks", "kioske", "door kiosk", "kiosk door", "print", "printers",
            "12", "1", "grant-77", "café", "cafe", "door-kiosk", "term", "term1", "terminal term6", "te", "zebra",
            "zz", "nothing", "kiosk zz", "t", "g", "smart tv",
        ]
        for query in queries {
            for limit in [1, 3, 100] {
                let expected = try await Self.prefixSearch(database, query, limit: limit)
                let found = try await database.searchDecisions(matching: query, limit: limit).map(\.id)
                #expect(found == expected, "\(query) limit \(limit)")
            }
        }
        #expect(try await database.searchDecisions(matching: "kiosk", limit: 100).count == 7)
    }

    @Test func wordsBecomeExactTermsUnlessTheyCannot() async throws {
        let database = try await Self.filled()
        let match = { (text: String) in
            try await database.writer.read { db in try LocalSearchSchema.match(for: text, in: db) }
        }
        #expect(try await match("Kiosk") == .query(#"("kiosk" OR "kiosked" OR "kiosks")"#))
        #expect(try await match("door kio") == .query(#"("door") AND ("kio" OR "kiosk" OR "kiosked" OR "kiosks")"#))
        // Not one ASCII token: the prefix form.
        #expect(try await match("door-kiosk") == .query(#""door-kiosk"*"#))
        #expect(try await match("café") == .query(#""café"*"#))
        // More terms than an expansion takes: the prefix form.
        #expect(try await match("term") == .query(#""term"*"#))
        // A word that starts no term: nothing can match.
        #expect(try await match("kiosk zz") == .nothing)
        #expect(try await match("  ") == .everything)
    }

    @Test func theUpperBoundFollowsEveryTermWithThePrefix() {
        #expect(LocalSearchSchema.upperBound(of: "kiosk") == "kiosl")
        #expect(LocalSearchSchema.upperBound(of: "az") == "a{")
        #expect(LocalSearchSchema.upperBound(of: "19") == "1:")
    }
}
