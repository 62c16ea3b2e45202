import GNAP
import GRDB

/// ``InboxStore``: asynchronous requests and their limits (schema in ``InboxSchema``).
extension ASDatabase {
    public func admitInboxRequest(
        _ key: InboxRequestKey, at now: WallInstant, window: Duration, streakLimit: Int,
        _ decide: @escaping @Sendable (InboxStanding) -> InboxAdmission
    ) async throws -> InboxAdmission {
        let context = AuditContext.current
        return try await write { db in
            let standing = try Self.standing(key, at: now, window: window, streakLimit: streakLimit, db)
            let admission = decide(standing)
            switch admission {
            case .create(let grant, let audit):
                try GrantRow(grant).insert(db)
                try Self.insert(audit, db, context: context)
                try Self.logInboxRequest(key, grantID: grant.id, at: now, db)
            case .merge(let grantID):
                try Self.logInboxRequest(key, grantID: grantID, at: now, db)
            case .refuse(_, let audit):
                try Self.insert([audit], db, context: context)
            }
            return admission
        }
    }

    static func standing(
        _ key: InboxRequestKey, at now: WallInstant, window: Duration, streakLimit: Int, _ db: Database
    ) throws -> InboxStanding {
        let pair: StatementArguments = [key.instanceID, key.accountID]
        let pending =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM grants WHERE instance_id = ? AND inbox_account_id = ? AND status = 'pending'
                    AND outcome IS NULL AND interaction_expires_at > ?
                    """, arguments: pair + [now.unixMilliseconds]) ?? 0
        let since = now.advanced(by: .zero - window).unixMilliseconds
        let recent =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM inbox_requests WHERE instance_id = ? AND account_id = ? AND at > ?",
                arguments: pair + [since]) ?? 0
        let identical = try String.fetchOne(
            db,
            sql: """
                SELECT id FROM grants WHERE instance_id = ? AND inbox_account_id = ? AND inbox_fingerprint = ?
                AND status = 'pending' AND outcome IS NULL AND interaction_expires_at > ?
                ORDER BY created_at LIMIT 1
                """, arguments: pair + [key.fingerprint, now.unixMilliseconds])
        let streak = try denialStreak(key.instanceID, key.accountID, limit: streakLimit, db).count
        return InboxStanding(
            pending: pending, requestsInWindow: recent, denialStreak: streak, identicalPendingGrantID: identical)
    }

    /// The person's latest decisions of the client's inbox requests since the last lift, newest first, up to the
    /// first approval: the denials in a row (at most `limit`) and when the last one was made.
    static func denialStreak(_ instanceID: String, _ accountID: String, limit: Int, _ db: Database) throws -> (
        count: Int, lastAt: WallInstant?
    ) {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT inbox_decision, inbox_decided_at FROM grants
                WHERE instance_id = ? AND inbox_account_id = ? AND inbox_decision IS NOT NULL
                AND inbox_decided_at > COALESCE(
                    (SELECT lifted_at FROM inbox_lifts WHERE instance_id = ? AND account_id = ?), -1)
                ORDER BY inbox_decided_at DESC, id DESC LIMIT ?
                """, arguments: [instanceID, accountID, instanceID, accountID, max(1, limit)])
        let denials = rows.prefix { ($0["inbox_decision"] as String?) == "denied" }
        return (denials.count, denials.first.flatMap { $0.instant("inbox_decided_at") })
    }

    static func logInboxRequest(_ key: InboxRequestKey, grantID: String, at now: WallInstant, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO inbox_requests (instance_id, account_id, grant_id, at) VALUES (?, ?, ?, ?)",
            arguments: [key.instanceID, key.accountID, grantID, now.unixMilliseconds])
    }

    /// The waiting requests of one account, a page at a time. Each record is decoded through the grants' memo (by
    /// its exact stored text, so never stale): an approver reopening its inbox, or several terminals of one account
    /// listing it, decode each waiting grant once (docs/performance.md, the inbox section).
    public func inboxGrants(accountID: String, at now: WallInstant, after cursor: GrantCursor?, limit: Int)
        async throws -> [GrantRecord]
    {
        let bounded = max(1, min(limit, 100_000))
        var arguments: StatementArguments = [accountID, now.unixMilliseconds]
        var after = ""
        if let cursor {
            // A row value: the next page starts strictly after the last request of the previous one.
            after = "AND (created_at, id) > (?, ?)"
            arguments += [cursor.createdAt, cursor.id]
        }
        arguments += [bounded]
        return try read { [arguments, after] db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT record FROM grants WHERE inbox_account_id = ? AND status = 'pending' AND outcome IS NULL
                    AND interaction_expires_at > ? \(after) ORDER BY created_at, id LIMIT ?
                    """, arguments: arguments
            ).map { try JSONColumnMemos.grants.decode($0) }
        }
    }

    public func inboxEntries(accountID: String, after position: Int64, limit: Int) async throws -> [AuditEntry] {
        let bounded = max(1, min(limit, 100_000))
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM audit_events WHERE id > ? AND (
                        grant_id IN (SELECT id FROM grants WHERE inbox_account_id = ?)
                        OR (grant_id IS NULL AND account_id = ? AND kind LIKE 'inbox.%'))
                    ORDER BY id LIMIT ?
                    """, arguments: [position, accountID, accountID, bounded]
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
        return try await write { db in
            var first = 0
            for grantID in grantIDs {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO inbox_deliveries (grant_id, device_id, delivered_at) VALUES (?, ?, ?)",
                    arguments: [grantID, deviceID, now.unixMilliseconds])
                guard db.changesCount > 0 else { continue }
                first += 1
                try Self.insert([audit(grantID)], db, context: context)
            }
            return first
        }
    }

    public func inboxDeliveries(grantIDs: [String]) async throws -> [String: [InboxDeliveryReceipt]] {
        guard !grantIDs.isEmpty else { return [:] }
        return try read { db in
            var result: [String: [InboxDeliveryReceipt]] = [:]
            // In chunks, within SQLite's limit on bound parameters.
            for start in stride(from: 0, to: grantIDs.count, by: 500) {
                let chunk = Array(grantIDs[start..<min(start + 500, grantIDs.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT grant_id, device_id, delivered_at FROM inbox_deliveries WHERE grant_id IN (\(marks))
                        ORDER BY delivered_at, device_id
                        """, arguments: StatementArguments(chunk))
                {
                    let receipt = InboxDeliveryReceipt(
                        grantID: row["grant_id"], deviceID: row["device_id"],
                        deliveredAt: WallInstant(unixMilliseconds: row["delivered_at"]))
                    result[receipt.grantID, default: []].append(receipt)
                }
            }
            return result
        }
    }

    public func inboxBlocks(accountID: String, streakLimit: Int) async throws -> [InboxBlock] {
        try read { db in
            let candidates = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT g.instance_id, c.display FROM grants g
                    JOIN client_instances c ON c.id = g.instance_id
                    WHERE g.inbox_account_id = ? AND g.inbox_decision = 'denied'
                    ORDER BY g.instance_id
                    """, arguments: [accountID])
            return try candidates.compactMap { row -> InboxBlock? in
                let instanceID: String = row["instance_id"]
                let streak = try Self.denialStreak(instanceID, accountID, limit: streakLimit, db)
                guard streak.count >= streakLimit, let since = streak.lastAt else { return nil }
                let display = try (row["display"] as String?).map {
                    try JSONColumn.decode(ClientDisplay.self, $0, what: "client display")
                }
                return InboxBlock(
                    instanceID: instanceID, clientName: display?.name, denials: streak.count, since: since)
            }
        }
    }

    public func liftInboxBlock(instanceID: String, accountID: String, at now: WallInstant, audit: [AuditEvent])
        async throws
    {
        let context = AuditContext.current
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO inbox_lifts (instance_id, account_id, lifted_at) VALUES (?, ?, ?)
                    ON CONFLICT (instance_id, account_id) DO UPDATE SET lifted_at = excluded.lifted_at
                    """, arguments: [instanceID, accountID, now.unixMilliseconds])
            try Self.insert(audit, db, context: context)
        }
    }
}
