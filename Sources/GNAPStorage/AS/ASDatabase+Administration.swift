import GNAP
import GRDB

/// ``AdministrationStore``: grant listings, counts and the expiry queries.
extension ASDatabase {
    public func grants(_ query: GrantQuery) async throws -> GrantPage {
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
            conditions.append("(created_at < ? OR (created_at = ? AND id < ?))")
            arguments += [position.createdAt, position.createdAt, position.id]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limit = max(1, min(query.limit, 500))
        let bound = arguments + [limit + 1]
        let rows: [(record: GrantRecord, cursor: GrantCursor)] = try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, created_at, record FROM grants \(filter) ORDER BY created_at DESC, id DESC LIMIT ?",
                arguments: bound
            ).map { row in
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

    public func grantCounts() async throws -> GrantCounts {
        try await writer.read { db in
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
        try await writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM grants WHERE status = 'pending' AND outcome IS NULL AND interaction_expires_at <= ?
                    ORDER BY interaction_expires_at LIMIT ?
                    """, arguments: [now.unixMilliseconds, max(1, limit)])
        }
    }

    public func nextInteractionExpiry() async throws -> WallInstant? {
        try await writer.read { db in
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
        return try await writer.write { db in
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
