import GNAP
import GRDB
import Testing

@testable import GNAPStorage

/// The admin listings read only the rows of their page: each query's plan (`EXPLAIN QUERY PLAN`) walks an index in
/// the listing's order and never sorts the table (`USE TEMP B-TREE FOR ORDER BY`) or scans it without an index.
@Suite("AS database: listing query plans")
struct ListingPlanTests {
    static func plan(_ database: ASDatabase, _ listing: (sql: String, arguments: StatementArguments)) async throws
        -> [String]
    {
        try await database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + listing.sql, arguments: listing.arguments)
                .map { $0["detail"] as String }
        }
    }

    static func expectIndexedWalk(_ plan: [String], index: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(plan.first?.contains("USING INDEX \(index)") == true, "\(plan)", sourceLocation: sourceLocation)
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)", sourceLocation: sourceLocation)
    }

    @Test func theGrantListingWalksItsIndexFromTheCursor() async throws {
        let database = try ASDatabase.inMemory()
        let cursor = GrantCursor(createdAt: 1_000, id: "g1").text
        let first = try await Self.plan(database, try ASDatabase.grantListing(GrantQuery(), limit: 500))
        #expect(first == ["SCAN grants USING INDEX grants_created"], "\(first)")
        let next = try await Self.plan(database, try ASDatabase.grantListing(GrantQuery(cursor: cursor), limit: 500))
        #expect(next == ["SEARCH grants USING INDEX grants_created ((created_at,id)<(?,?))"], "\(next)")
    }

    @Test func theAuditListingReadsFromTheCursorOnward() async throws {
        let database = try ASDatabase.inMemory()
        let all = try await Self.plan(database, ASDatabase.auditListing(AuditQuery(afterID: 42, limit: 20)))
        #expect(all == ["SEARCH audit_events USING INTEGER PRIMARY KEY (rowid>?)"], "\(all)")
        let grant = try await Self.plan(
            database, ASDatabase.auditListing(AuditQuery(afterID: 42, grantID: "g1", limit: 20)))
        Self.expectIndexedWalk(grant, index: "audit_events_grant (grant_id=? AND id>?)")
        let kind = try await Self.plan(
            database, ASDatabase.auditListing(AuditQuery(afterID: 42, kind: .grantCreated, limit: 20)))
        Self.expectIndexedWalk(kind, index: "audit_events_kind (kind=? AND id>?)")
    }
}
