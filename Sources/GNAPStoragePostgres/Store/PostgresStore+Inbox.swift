import GNAP
import Logging
import PostgresNIO

/// ``InboxStore``: asynchronous requests and their limits (schema in ``PostgresMigrations/inbox``), with the
/// statements of the SQLite store. SQLite runs one write at a time; here an admission takes a transaction-level
/// advisory lock on its client and user first, so instances admitting requests of the same pair at once count one
/// after the other and the limits hold across them.
extension PostgresStore: InboxStore {
    public func admitInboxRequest(
        _ key: InboxRequestKey, at now: WallInstant, window: Duration, streakLimit: Int,
        _ decide: @escaping @Sendable (InboxStanding) -> InboxAdmission
    ) async throws -> InboxAdmission {
        let context = AuditContext.current
        return try await transaction { connection in
            let logger = self.logger
            let pair = "gnapterm.inbox." + key.instanceID + "/" + key.accountID
            try await connection.run(
                "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || \(pair), 0))", logger)
            let standing = try await Self.standing(
                key, at: now, window: window, streakLimit: streakLimit, connection, logger)
            let admission = decide(standing)
            switch admission {
            case .create(let grant, let audit):
                try await GrantRow(grant).insert(connection, logger)
                try await Self.logInboxRequest(key, grantID: grant.id, at: now, connection, logger)
                try await self.insertAudit(audit, connection, context: context)
            case .merge(let grantID):
                try await Self.logInboxRequest(key, grantID: grantID, at: now, connection, logger)
            case .refuse(_, let audit):
                try await self.insertAudit([audit], connection, context: context)
            }
            return admission
        }
    }

    static func standing(
        _ key: InboxRequestKey, at now: WallInstant, window: Duration, streakLimit: Int,
        _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> InboxStanding {
        let since = now.advanced(by: .zero - window).unixMilliseconds
        let now = now.unixMilliseconds
        let pending =
            try await connection.first(
                """
                SELECT COUNT(*) FROM grants WHERE instance_id = \(key.instanceID)
                AND inbox_account_id = \(key.accountID) AND status = 'pending' AND outcome IS NULL
                AND interaction_expires_at > \(now)
                """, logger)?.decode(Int64.self) ?? 0
        let recent =
            try await connection.first(
                """
                SELECT COUNT(*) FROM inbox_requests WHERE instance_id = \(key.instanceID)
                AND account_id = \(key.accountID) AND at > \(since)
                """, logger)?.decode(Int64.self) ?? 0
        let identical = try await connection.first(
            """
            SELECT id FROM grants WHERE instance_id = \(key.instanceID) AND inbox_account_id = \(key.accountID)
            AND inbox_fingerprint = \(key.fingerprint) AND status = 'pending' AND outcome IS NULL
            AND interaction_expires_at > \(now)
            ORDER BY created_at LIMIT 1
            """, logger)?.decode(String.self)
        let streak = try await denialStreak(key.instanceID, key.accountID, limit: streakLimit, connection, logger)
        return InboxStanding(
            pending: Int(pending), requestsInWindow: Int(recent), denialStreak: streak.count,
            identicalPendingGrantID: identical)
    }

    /// The person's latest decisions of the client's inbox requests since the last lift, newest first, up to the
    /// first approval: the denials in a row (at most `limit`) and when the last one was made.
    static func denialStreak(
        _ instanceID: String, _ accountID: String, limit: Int, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> (count: Int, lastAt: WallInstant?) {
        let rows = try await connection.collect(
            """
            SELECT inbox_decision, inbox_decided_at FROM grants
            WHERE instance_id = \(instanceID) AND inbox_account_id = \(accountID) AND inbox_decision IS NOT NULL
            AND inbox_decided_at > COALESCE(
                (SELECT lifted_at FROM inbox_lifts WHERE instance_id = \(instanceID) AND account_id = \(accountID)),
                -1)
            ORDER BY inbox_decided_at DESC, id DESC LIMIT \(max(1, limit))
            """, logger
        ).map { try $0.decode((String, Int64).self) }
        let denials = rows.prefix { $0.0 == "denied" }
        return (denials.count, denials.first.map { WallInstant(unixMilliseconds: $0.1) })
    }

    static func logInboxRequest(
        _ key: InboxRequestKey, grantID: String, at now: WallInstant, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        try await connection.run(
            """
            INSERT INTO inbox_requests (instance_id, account_id, grant_id, at)
            VALUES (\(key.instanceID), \(key.accountID), \(grantID), \(now.unixMilliseconds))
            """, logger)
    }

    public func inboxGrants(accountID: String, at now: WallInstant, after cursor: GrantCursor?, limit: Int)
        async throws -> [GrantRecord]
    {
        let bounded = max(1, min(limit, 100_000))
        return try await autocommit { connection in
            guard let cursor else {
                return try await connection.collect(
                    """
                    SELECT record FROM grants WHERE inbox_account_id = \(accountID) AND status = 'pending'
                    AND outcome IS NULL AND interaction_expires_at > \(now.unixMilliseconds)
                    ORDER BY created_at, id LIMIT \(bounded)
                    """, self.logger
                ).map(GrantRow.decode)
            }
            // A row value: the next page starts strictly after the last request of the previous one.
            return try await connection.collect(
                """
                SELECT record FROM grants WHERE inbox_account_id = \(accountID) AND status = 'pending'
                AND outcome IS NULL AND interaction_expires_at > \(now.unixMilliseconds)
                AND (created_at, id) > (\(cursor.createdAt), \(cursor.id))
                ORDER BY created_at, id LIMIT \(bounded)
                """, self.logger
            ).map(GrantRow.decode)
        }
    }

    public func inboxEntries(accountID: String, after position: Int64, limit: Int) async throws -> [AuditEntry] {
        let bounded = max(1, min(limit, 100_000))
        return try await autocommit { connection in
            try await connection.collect(
                """
                SELECT id, grant_id, at, kind, detail, account_id, actor, request_id FROM audit_events
                WHERE id > \(position) AND (
                    grant_id IN (SELECT id FROM grants WHERE inbox_account_id = \(accountID))
                    OR (grant_id IS NULL AND account_id = \(accountID) AND kind LIKE 'inbox.%'))
                ORDER BY id LIMIT \(bounded)
                """, self.logger
            ).map(Self.auditEntry)
        }
    }

    @discardableResult
    public func recordInboxDeliveries(
        grantIDs: [String], deviceID: String, at now: WallInstant,
        audit: @escaping @Sendable (String) -> AuditEvent
    ) async throws -> Int {
        guard !grantIDs.isEmpty else { return 0 }
        let context = AuditContext.current
        return try await transaction { connection in
            var first: [AuditEvent] = []
            for grantID in grantIDs {
                let inserted = try await connection.first(
                    """
                    INSERT INTO inbox_deliveries (grant_id, device_id, delivered_at)
                    VALUES (\(grantID), \(deviceID), \(now.unixMilliseconds))
                    ON CONFLICT (grant_id, device_id) DO NOTHING RETURNING 1
                    """, self.logger)
                if inserted != nil { first.append(audit(grantID)) }
            }
            try await self.insertAudit(first, connection, context: context)
            return first.count
        }
    }

    public func inboxDeliveries(grantIDs: [String]) async throws -> [String: [InboxDeliveryReceipt]] {
        guard !grantIDs.isEmpty else { return [:] }
        return try await autocommit { connection in
            var result: [String: [InboxDeliveryReceipt]] = [:]
            for row in try await connection.collect(
                """
                SELECT grant_id, device_id, delivered_at FROM inbox_deliveries WHERE grant_id = ANY(\(grantIDs))
                ORDER BY delivered_at, device_id
                """, self.logger)
            {
                let (grantID, deviceID, deliveredAt) = try row.decode((String, String, Int64).self)
                result[grantID, default: []].append(
                    InboxDeliveryReceipt(
                        grantID: grantID, deviceID: deviceID, deliveredAt: WallInstant(unixMilliseconds: deliveredAt)))
            }
            return result
        }
    }

    public func inboxBlocks(accountID: String, streakLimit: Int) async throws -> [InboxBlock] {
        try await autocommit { connection in
            let logger = self.logger
            let candidates = try await connection.collect(
                """
                SELECT DISTINCT g.instance_id, c.display FROM grants g
                JOIN client_instances c ON c.id = g.instance_id
                WHERE g.inbox_account_id = \(accountID) AND g.inbox_decision = 'denied'
                ORDER BY g.instance_id
                """, logger
            ).map { try $0.decode((String, String?).self) }
            var blocks: [InboxBlock] = []
            for (instanceID, displayText) in candidates {
                let streak = try await Self.denialStreak(instanceID, accountID, limit: streakLimit, connection, logger)
                guard streak.count >= streakLimit, let since = streak.lastAt else { continue }
                let display = try displayText.map {
                    try StoredJSON.decode(ClientDisplay.self, $0, what: "client display")
                }
                blocks.append(
                    InboxBlock(instanceID: instanceID, clientName: display?.name, denials: streak.count, since: since))
            }
            return blocks
        }
    }

    public func liftInboxBlock(instanceID: String, accountID: String, at now: WallInstant, audit: [AuditEvent])
        async throws
    {
        let context = AuditContext.current
        try await transaction { connection in
            try await connection.run(
                """
                INSERT INTO inbox_lifts (instance_id, account_id, lifted_at)
                VALUES (\(instanceID), \(accountID), \(now.unixMilliseconds))
                ON CONFLICT (instance_id, account_id) DO UPDATE SET lifted_at = excluded.lifted_at
                """, self.logger)
            try await self.insertAudit(audit, connection, context: context)
        }
    }
}
