import GNAP
import GRDB
import Testing

@testable import GNAPStorage

/// Decision 71: the grant indexes on columns most grants leave NULL are partial, so a grant without an inbox, an
/// approver or an interaction id writes no entry to them; every query that used them still does.
@Suite("AS database: partial grant indexes")
struct PartialIndexPlanTests {
    static let partial = ["grants_approver", "grants_inbox", "grants_inbox_client", "grants_interaction_id"]

    @Test func theIndexesOnMostlyNullColumnsArePartial() async throws {
        let database = try ASDatabase.inMemory()
        let definitions = try await database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'grants'"
            ).reduce(into: [String: String]()) { $0[$1["name"]] = $1["sql"] }
        }
        for name in Self.partial {
            let sql = try #require(definitions[name], "no index \(name)")
            #expect(sql.contains("WHERE") && sql.contains("IS NOT NULL"), "\(name): \(sql)")
        }
    }

    @Test func theLookupsStillSearchThem() async throws {
        let database = try ASDatabase.inMemory()
        // The shapes of the inbox store's and the grant store's statements (ASDatabase+Inbox, ASDatabase+Grants).
        let lookups: [(sql: String, index: String)] = [
            ("SELECT id FROM grants WHERE interaction_id_hash = ?", "grants_interaction_id (interaction_id_hash=?)"),
            (
                "SELECT record FROM grants WHERE inbox_account_id = ? AND status = 'pending' AND outcome IS NULL",
                "grants_inbox (inbox_account_id=? AND status=?)"
            ),
            (
                "SELECT COUNT(*) FROM grants WHERE instance_id = ? AND inbox_account_id = ? AND status = 'pending'",
                "grants_inbox_client (instance_id=? AND inbox_account_id=?)"
            ),
            (
                "SELECT id FROM grants WHERE instance_id = ? AND inbox_account_id = ? AND inbox_fingerprint = ?",
                "grants_inbox_client (instance_id=? AND inbox_account_id=?)"
            ),
        ]
        for lookup in lookups {
            let count = lookup.sql.filter { $0 == "?" }.count
            let plan = try await ListingPlanTests.plan(
                database, (lookup.sql, StatementArguments(Array(repeating: "x", count: count))))
            #expect(plan == ["SEARCH grants USING INDEX \(lookup.index)"], "\(lookup.sql): \(plan)")
        }
        // The admin listing of one approver's grants.
        var query = GrantQuery()
        query.accountID = "a1"
        let listing = try await ListingPlanTests.plan(database, try ASDatabase.grantListing(query, limit: 500))
        #expect(listing.first == "SEARCH grants USING INDEX grants_approver (approver_account_id=?)", "\(listing)")
    }
}
