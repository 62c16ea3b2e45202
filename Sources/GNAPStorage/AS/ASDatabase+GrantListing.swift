import GNAP
import GRDB

/// ``AdministrationStore``: the admin's grant listing, newest first, in pages with a cursor. Every page is a range
/// of an index (`grants_created` for the unfiltered listing), so its cost does not grow with the table.
extension ASDatabase {
    public func grants(_ query: GrantQuery) async throws -> GrantPage {
        let limit = max(1, min(query.limit, 500))
        let listing = try Self.grantListing(query, limit: limit)
        let rows: [(record: GrantRecord, cursor: GrantCursor)] = try read { db in
            try Row.fetchAll(db, sql: listing.sql, arguments: listing.arguments).map { row in
                (
                    try JSONColumn.decode(GrantRecord.self, row["record"], what: "grant"),
                    GrantCursor(createdAt: row["created_at"], id: row["id"])
                )
            }
        }
        let page = rows.prefix(limit)
        let grants = page.map(\.record)
        let next = rows.count > limit ? page.last?.cursor : nil
        return GrantPage(grants: grants, nextCursor: next?.text)
    }

    /// The query of one page of the listing (one row more than `limit`, to know whether a next page exists).
    static func grantListing(_ query: GrantQuery, limit: Int) throws -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let status = query.status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
            // A pending grant whose interaction expired is "expired", not pending, to an admin.
            if status == .pending { conditions.append("outcome IS NULL") }
        }
        if let outcome = query.outcome {
            conditions.append("outcome = ?")
            arguments += [outcome.rawValue]
        }
        if let instanceID = query.instanceID {
            conditions.append("instance_id = ?")
            arguments += [instanceID]
        }
        if let accountID = query.accountID {
            conditions.append("approver_account_id = ?")
            arguments += [accountID]
        }
        if let after = query.createdAfter {
            conditions.append("created_at >= ?")
            arguments += [after.unixMilliseconds]
        }
        if let before = query.createdBefore {
            conditions.append("created_at < ?")
            arguments += [before.unixMilliseconds]
        }
        switch query.via {
        case .policy?: conditions.append("granted_by_policy = 1")
        case .inbox?: conditions.append("inbox_account_id IS NOT NULL")
        case .interaction?: conditions.append("granted_by_policy = 0 AND inbox_account_id IS NULL")
        case nil: break
        }
        if query.decided {
            conditions.append("(status IN ('approved', 'denied') OR outcome IN ('issued', 'denied'))")
        }
        if let now = query.activeTokensAt {
            conditions.append(
                """
                EXISTS (SELECT 1 FROM access_tokens t WHERE t.grant_id = grants.id AND t.revoked_at IS NULL
                    AND (t.expires_at IS NULL OR t.expires_at > ?))
                """)
            arguments += [now.unixMilliseconds]
        }
        if let cursor = query.cursor {
            guard let position = GrantCursor(cursor) else { throw StoreError.notFound("cursor") }
            // A row value, so that SQLite starts the index range (grants_created) right after the cursor.
            conditions.append("(created_at, id) < (?, ?)")
            arguments += [position.createdAt, position.id]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return (
            "SELECT id, created_at, record FROM grants \(filter) ORDER BY created_at DESC, id DESC LIMIT ?",
            arguments + [limit + 1]
        )
    }
}
