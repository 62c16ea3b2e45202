import GNAP
import GRDB

/// ``AdministrationStore``: grant counts and the expiry queries (the listing is in `ASDatabase+GrantListing`).
extension ASDatabase {
    public func grantCounts() async throws -> GrantCounts {
        try read { db in
            var byStatus: [String: Int] = [:]
            for status in GrantStatus.allCases { byStatus[status.rawValue] = 0 }
            byStatus["expired"] = 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT CASE WHEN status = 'pending' AND outcome = 'expired' THEN 'expired' ELSE status END AS state,
                        COUNT(*) AS n
                    FROM grants GROUP BY state
                    """)
            for row in rows { byStatus[row["state"]] = row["n"] }
            var byOutcome: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT outcome, COUNT(*) AS n FROM grants WHERE status = 'finalized' GROUP BY outcome")
            {
                if let outcome: String = row["outcome"] { byOutcome[outcome] = row["n"] }
            }
            return GrantCounts(byStatus: byStatus, byOutcome: byOutcome)
        }
    }

    public func expiredPendingGrantIDs(at now: WallInstant, limit: Int) async throws -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM grants WHERE status = 'pending' AND outcome IS NULL AND interaction_expires_at <= ?
                    ORDER BY interaction_expires_at LIMIT ?
                    """, arguments: [now.unixMilliseconds, max(1, limit)])
        }
    }

    public func nextInteractionExpiry() async throws -> WallInstant? {
        try read { db in
            let grant = try Int64.fetchOne(
                db, sql: "SELECT MIN(interaction_expires_at) FROM grants WHERE status = 'pending' AND outcome IS NULL")
            let code = try Int64.fetchOne(
                db,
                sql: "SELECT MIN(expires_at) FROM enrollment_codes WHERE used_at IS NULL AND expired_at IS NULL")
            return [grant, code].compactMap { $0 }.min().map(WallInstant.init(unixMilliseconds:))
        }
    }

    public func expireEnrollmentCodes(
        at now: WallInstant, _ event: @escaping @Sendable (EnrollmentCodeRecord) -> AuditEvent
    )
        async throws -> Int
    {
        let context = AuditContext.current
        return try await write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM enrollment_codes WHERE used_at IS NULL AND expired_at IS NULL AND expires_at <= ?
                    """, arguments: [now.unixMilliseconds])
            for row in rows {
                let record = EnrollmentCodeRecord(
                    codeHash: row["code_hash"], accountID: row["account_id"],
                    createdAt: WallInstant(unixMilliseconds: row["created_at"]),
                    expiresAt: WallInstant(unixMilliseconds: row["expires_at"]))
                try db.execute(
                    sql: "UPDATE enrollment_codes SET expired_at = ? WHERE code_hash = ?",
                    arguments: [now.unixMilliseconds, record.codeHash])
                try Self.insert([event(record)], db, context: context)
            }
            return rows.count
        }
    }
}
