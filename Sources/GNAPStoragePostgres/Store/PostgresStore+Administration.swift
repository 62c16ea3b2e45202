import GNAP
import PostgresNIO

/// ``AdministrationStore``: grant listings, counts and the expiry queries. The listing is one statement whose
/// filters are all bound values (an absent filter is a null that switches its condition off).
extension PostgresStore {
    public func grants(_ query: GrantQuery) async throws -> GrantPage {
        let position = try query.cursor.map { text in
            guard let parsed = GrantCursor(text) else { throw StoreError.notFound("cursor") }
            return parsed
        }
        let limit = max(1, min(query.limit, 500))
        let status = query.status?.rawValue
        // A pending grant whose interaction expired is "expired", not pending, to an admin.
        let pendingOnly = query.status == .pending
        let outcome = query.outcome?.rawValue
        let activeAt = query.activeTokensAt?.unixMilliseconds
        let after = query.createdAfter?.unixMilliseconds
        let before = query.createdBefore?.unixMilliseconds
        let via = query.via?.rawValue
        let rows: [(record: GrantRecord, cursor: GrantCursor)] = try await autocommit { connection in
            try await connection.collect(
                """
                SELECT id, created_at, record FROM grants
                WHERE (\(status)::text IS NULL OR status = \(status))
                    AND (NOT \(pendingOnly) OR outcome IS NULL)
                    AND (\(outcome)::text IS NULL OR outcome = \(outcome))
                    AND (\(query.instanceID)::text IS NULL OR instance_id = \(query.instanceID))
                    AND (\(query.accountID)::text IS NULL OR approver_account_id = \(query.accountID))
                    AND (\(after)::int8 IS NULL OR created_at >= \(after))
                    AND (\(before)::int8 IS NULL OR created_at < \(before))
                    AND (NOT \(query.decided) OR status IN ('approved', 'denied') OR outcome IN ('issued', 'denied'))
                    AND (\(via)::text IS NULL
                        OR (\(via) = 'policy' AND granted_by_policy)
                        OR (\(via) = 'inbox' AND inbox_account_id IS NOT NULL)
                        OR (\(via) = 'interaction' AND NOT granted_by_policy AND inbox_account_id IS NULL))
                    AND (\(activeAt)::int8 IS NULL OR EXISTS (
                        SELECT 1 FROM access_tokens t WHERE t.grant_id = grants.id AND t.revoked_at IS NULL
                            AND (t.expires_at IS NULL OR t.expires_at > \(activeAt))))
                    AND (\(position?.createdAt)::int8 IS NULL OR created_at < \(position?.createdAt)
                        OR (created_at = \(position?.createdAt) AND id < \(position?.id)))
                ORDER BY created_at DESC, id DESC LIMIT \(limit + 1)
                """, self.logger
            ).map { row in
                let (id, createdAt, record) = try row.decode((String, Int64, String).self)
                return (
                    try StoredJSON.decode(GrantRecord.self, record, what: "grant"),
                    GrantCursor(createdAt: createdAt, id: id)
                )
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last?.cursor : nil
        return GrantPage(grants: page.map(\.record), nextCursor: next?.text)
    }

    public func grantCounts() async throws -> GrantCounts {
        try await autocommit { connection in
            var byStatus: [String: Int] = [:]
            for status in GrantStatus.allCases { byStatus[status.rawValue] = 0 }
            byStatus["expired"] = 0
            for row in try await connection.collect(
                """
                SELECT CASE WHEN status = 'pending' AND outcome = 'expired' THEN 'expired' ELSE status END AS state,
                    COUNT(*)
                FROM grants GROUP BY state
                """, self.logger)
            {
                let (state, count) = try row.decode((String, Int64).self)
                byStatus[state] = Int(count)
            }
            var byOutcome: [String: Int] = [:]
            for row in try await connection.collect(
                "SELECT outcome, COUNT(*) FROM grants WHERE status = 'finalized' GROUP BY outcome", self.logger)
            {
                let (outcome, count) = try row.decode((String?, Int64).self)
                if let outcome { byOutcome[outcome] = Int(count) }
            }
            return GrantCounts(byStatus: byStatus, byOutcome: byOutcome)
        }
    }

    public func expiredPendingGrantIDs(at now: WallInstant, limit: Int) async throws -> [String] {
        try await autocommit { connection in
            try await connection.collect(
                """
                SELECT id FROM grants
                WHERE status = 'pending' AND outcome IS NULL AND interaction_expires_at <= \(now.unixMilliseconds)
                ORDER BY interaction_expires_at LIMIT \(max(1, limit))
                """, self.logger
            ).map { try $0.decode(String.self) }
        }
    }

    public func nextInteractionExpiry() async throws -> WallInstant? {
        try await autocommit { connection in
            let row = try await connection.first(
                """
                SELECT LEAST(
                    (SELECT MIN(interaction_expires_at) FROM grants WHERE status = 'pending' AND outcome IS NULL),
                    (SELECT MIN(expires_at) FROM enrollment_codes WHERE used_at IS NULL AND expired_at IS NULL))
                """, self.logger)
            return WallInstant(milliseconds: try row?.decode(Int64?.self))
        }
    }

    public func expireEnrollmentCodes(
        at now: WallInstant, _ event: @escaping @Sendable (EnrollmentCodeRecord) -> AuditEvent
    )
        async throws -> Int
    {
        let context = AuditContext.current
        return try await transaction { connection in
            // One UPDATE decides which codes this call expires; a concurrent sweep finds them expired already.
            let now = now.unixMilliseconds
            let expired = try await connection.collect(
                """
                UPDATE enrollment_codes SET expired_at = \(now)
                WHERE used_at IS NULL AND expired_at IS NULL AND expires_at <= \(now)
                RETURNING code_hash, account_id, created_at, expires_at
                """, self.logger
            ).map { row in
                let (codeHash, accountID, createdAt, expiresAt) = try row.decode((String, String, Int64, Int64).self)
                return EnrollmentCodeRecord(
                    codeHash: codeHash, accountID: accountID, createdAt: WallInstant(unixMilliseconds: createdAt),
                    expiresAt: WallInstant(unixMilliseconds: expiresAt))
            }.sorted { ($0.expiresAt, $0.codeHash) < ($1.expiresAt, $1.codeHash) }
            try await self.insertAudit(expired.map(event), connection, context: context)
            return expired.count
        }
    }
}
