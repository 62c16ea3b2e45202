import Foundation
import GNAP
import GNAPStorage
import GRDB
import HTTPMessageSignatures
import TerminalSession
import Testing

@testable import TerminalStorage

@Suite("Local database: history search (FTS5) and sealed keys")
struct LocalSearchAndKeyTests {
    static func decision(
        _ id: String, client: String, decision: DecisionRecord.Decision = .approved, granted: [String] = [],
        withheld: [String] = [], reason: String? = nil, at milliseconds: Int64
    ) -> DecisionRecord {
        DecisionRecord(
            id: id, decidedAt: WallInstant(unixMilliseconds: milliseconds), server: "http://as.test",
            grantID: "g-" + id,
            clientName: client, clientURI: nil, keyThumbprint: "tp", decision: decision, grantedRights: granted,
            withheldRights: withheld, releasedSubject: decision == .approved ? ["opaque"] : [], reason: reason)
    }

    static func filled() async throws -> LocalDatabase {
        let database = try LocalDatabase.inMemory()
        try await database.recordDecision(
            decision("1", client: "Photo Printer", granted: ["Photos: read"], withheld: ["Photos: delete"], at: 1_000))
        try await database.recordDecision(
            decision("2", client: "Calendar Sync", decision: .denied, reason: "I did not start this request", at: 2_000)
        )
        try await database.recordDecision(
            decision("3", client: "Café Écran 日本", granted: ["Calendar: write"], at: 3_000))
        return database
    }

    @Test func everyWordMustMatchAnyFieldAsAWordOrItsStart() async throws {
        let database = try await Self.filled()
        #expect(try await database.searchDecisions(matching: "photo", limit: 10).map(\.id) == ["1"])
        #expect(try await database.searchDecisions(matching: "calendar", limit: 10).map(\.id) == ["3", "2"])
        #expect(try await database.searchDecisions(matching: "calendar denied", limit: 10).map(\.id) == ["2"])
        #expect(try await database.searchDecisions(matching: "dele", limit: 10).map(\.id) == ["1"])
        #expect(try await database.searchDecisions(matching: "START", limit: 10).map(\.id) == ["2"])
        // Diacritics are folded; CJK text is found too.
        #expect(try await database.searchDecisions(matching: "cafe ecran", limit: 10).map(\.id) == ["3"])
        #expect(try await database.searchDecisions(matching: "日本", limit: 10).map(\.id) == ["3"])
        #expect(try await database.searchDecisions(matching: "nothing-like-this", limit: 10).isEmpty)
        #expect(try await database.searchDecisions(matching: "  ", limit: 10).map(\.id) == ["3", "2", "1"])
    }

    @Test func fts5SyntaxInTheQueryIsPlainText() async throws {
        let database = try await Self.filled()
        for query in ["\"", "photo OR", "AND", "(calendar", "*", "client_name:photo", "NEAR(a b)", "'; DROP"] {
            _ = try await database.searchDecisions(matching: query, limit: 10)
        }
        #expect(LocalSearchSchema.query(for: #"a"b c"#) == #""a""b"* "c"*"#)
    }

    @Test func theMigrationIndexesDecisionsRecordedBeforeIt() async throws {
        let queue = try DatabaseQueue()
        try LocalMigrations.migrator.migrate(queue, upTo: "2026-11-26-decision-history")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO decisions (id, decided_at, server, grant_id, client_name, key_thumbprint, decision,
                        granted_rights, withheld_rights, released_subject)
                    VALUES ('old', 5, 's', 'g', 'Legacy Kiosk', 'tp', 'approved', '["Door: open"]', '[]', '[]')
                    """)
        }
        let database = try LocalDatabase(writer: queue)
        #expect(try await database.searchDecisions(matching: "kiosk door", limit: 10).map(\.id) == ["old"])
    }

    @Test func theHistoryIsAppendOnly() async throws {
        let database = try await Self.filled()
        await #expect(throws: (any Error).self) {
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE decisions SET reason = 'rewritten' WHERE id = '2'")
            }
        }
        #expect(try await database.searchDecisions(matching: "rewritten", limit: 10).isEmpty)
    }

    static func identity(_ key: JWK, server: String = "http://as.test") -> ApproverIdentity {
        ApproverIdentity(
            server: server, deviceID: "dev-1", privateKey: key, username: "alice", displayName: "Alice",
            enrolledAt: WallInstant(unixMilliseconds: 1_000))
    }

    @Test func aSealedIdentityKeepsOnlyThePublicKeyInTheClear() async throws {
        let database = try LocalDatabase.inMemory()
        let key = try SigningKey.generateEd25519(keyID: "dev").privateJWK()
        let sealed = SealedApproverKey(
            server: "http://as.test", envelope: "{opaque}", sealedAt: WallInstant(unixMilliseconds: 2_000))
        await #expect(throws: StorageError.self) {
            try await database.saveSealedApproverIdentity(Self.identity(key), sealed: sealed)
        }
        try await database.saveSealedApproverIdentity(Self.identity(key.publicKey), sealed: sealed)
        let stored = try #require(try await database.approverIdentity(server: "http://as.test"))
        #expect(!stored.privateKey.isPrivate)
        #expect(try await database.sealedApproverKey(server: "http://as.test") == sealed)
        #expect(try await database.approverIdentities().map(\.server) == ["http://as.test"])
        // Saving the identity in the clear again removes the seal.
        try await database.saveApproverIdentity(Self.identity(key))
        #expect(try await database.sealedApproverKey(server: "http://as.test") == nil)
        #expect(try await database.approverIdentity(server: "http://as.test")?.privateKey == key)
    }
}
