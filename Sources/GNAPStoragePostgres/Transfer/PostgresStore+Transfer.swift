import GNAP
import Logging
import PostgresNIO

/// ``ASStoreTransfer``: every table row by row, exactly as stored (for `gnapterm db copy`).
extension PostgresStore: ASStoreTransfer {
    public func tableCounts() async throws -> [ASTable: Int] {
        try await autocommit { connection in
            var counts: [ASTable: Int] = [:]
            for table in ASTable.allCases {
                // Table names come from ASTable, never from input.
                counts[table] =
                    try await connection.first(
                        "SELECT COUNT(*) FROM \(unescaped: table.rawValue)", self.logger
                    ).map { Int(try $0.decode(Int64.self)) } ?? 0
            }
            return counts
        }
    }

    public func exportRows(of table: ASTable, after cursor: String?, limit: Int) async throws -> ASRowPage {
        let limit = max(1, limit)
        let after = cursor ?? ""
        if table == .auditEvents {
            let entries = try await auditEntries(AuditQuery(afterID: Int64(after) ?? 0, limit: limit))
            return ASRowPage(
                rows: entries.map { .auditEntry($0) },
                next: entries.count == limit ? entries.last.map { String($0.id) } : nil)
        }
        let rows: [(row: ASRow, position: String)] = try await autocommit { connection in
            let logger = self.logger
            switch table {
            case .accounts:
                return try await connection.collect(
                    """
                    SELECT \(unescaped: Self.accountColumns) FROM accounts WHERE id > \(after) ORDER BY id LIMIT \(limit)
                    """, logger
                ).map {
                    let account = try Self.account(from: $0)
                    return (.account(account), account.id)
                }
            case .secrets:
                return try await connection.collect(
                    "SELECT name, value FROM secrets WHERE name > \(after) ORDER BY name LIMIT \(limit)", logger
                ).map {
                    let (name, value) = try $0.decode((String, ByteBuffer).self)
                    return (.secret(name: name, value: Array(buffer: value)), name)
                }
            case .clientInstances:
                return try await connection.collect(
                    """
                    SELECT \(unescaped: Self.clientColumns) FROM client_instances WHERE id > \(after)
                    ORDER BY id LIMIT \(limit)
                    """, logger
                ).map {
                    let (record, origin) = try Self.clientInstance(from: $0)
                    return (.clientInstance(record, fromRegistry: origin == "registry"), record.id)
                }
            case .resourceServers:
                return try await connection.collect(
                    """
                    SELECT \(unescaped: Self.resourceServerColumns) FROM resource_servers WHERE id > \(after)
                    ORDER BY id LIMIT \(limit)
                    """, logger
                ).map {
                    let (record, origin) = try Self.resourceServer(from: $0)
                    return (.resourceServer(record, fromRegistry: origin == "registry"), record.id)
                }
            case .resourceSets:
                return try await connection.collect(
                    """
                    SELECT \(unescaped: Self.resourceSetColumns) FROM resource_sets WHERE reference > \(after)
                    ORDER BY reference LIMIT \(limit)
                    """, logger
                ).map {
                    let set = try Self.resourceSet(from: $0)
                    return (.resourceSet(set), set.reference)
                }
            case .enrollmentCodes:
                return try await connection.collect(
                    """
                    SELECT code_hash, account_id, created_at, expires_at, used_at, expired_at FROM enrollment_codes
                    WHERE code_hash > \(after) ORDER BY code_hash LIMIT \(limit)
                    """, logger
                ).map { row in
                    let (hash, account, created, expires, used, expired) = try row.decode(
                        (String, String, Int64, Int64, Int64?, Int64?).self)
                    var code = EnrollmentCodeRecord(
                        codeHash: hash, accountID: account, createdAt: WallInstant(unixMilliseconds: created),
                        expiresAt: WallInstant(unixMilliseconds: expires))
                    code.usedAt = WallInstant(milliseconds: used)
                    return (.enrollmentCode(code, expiredAt: WallInstant(milliseconds: expired)), hash)
                }
            case .approverDevices:
                return try await connection.collect(
                    """
                    SELECT \(unescaped: Self.deviceColumns) FROM approver_devices WHERE id > \(after)
                    ORDER BY id LIMIT \(limit)
                    """, logger
                ).map {
                    let device = try Self.device(from: $0)
                    return (.approverDevice(device), device.id)
                }
            case .grants:
                return try await connection.collect(
                    "SELECT record FROM grants WHERE id > \(after) ORDER BY id LIMIT \(limit)", logger
                ).map {
                    let grant = try GrantRow.decode($0)
                    return (.grant(grant), grant.id)
                }
            case .accessTokens:
                return try await Self.accessTokens(after: cursor, limit: limit, connection, logger)
            case .auditEvents:
                return []  // Read above through auditEntries.
            case .signatureNonces:
                let (key, nonce) = TransferCursor.pair(cursor)
                return try await connection.collect(
                    """
                    SELECT key_id, nonce, expires_at FROM signature_nonces WHERE (key_id, nonce) > (\(key), \(nonce))
                    ORDER BY key_id, nonce LIMIT \(limit)
                    """, logger
                ).map {
                    let (key, nonce, expires) = try $0.decode((String, String, Int64).self)
                    return (
                        .signatureNonce(key: key, nonce: nonce, expiresAt: WallInstant(unixMilliseconds: expires)),
                        TransferCursor.pair(key, nonce)
                    )
                }
            case .codeAttempts:
                return try await connection.collect(
                    "SELECT id, device_id, at FROM code_attempts WHERE id > \(after) ORDER BY id LIMIT \(limit)",
                    logger
                ).map {
                    let (id, device, at) = try $0.decode((String, String, Int64).self)
                    return (
                        .codeAttempt(CodeAttemptTicket(device: device, id: id), at: WallInstant(unixMilliseconds: at)),
                        id
                    )
                }
            case .inboxRequests:
                return try await connection.collect(
                    """
                    SELECT id, instance_id, account_id, grant_id, at FROM inbox_requests
                    WHERE id > \(Int64(after) ?? 0) ORDER BY id LIMIT \(limit)
                    """, logger
                ).map {
                    let (id, instanceID, accountID, grantID, at) = try $0.decode(
                        (Int64, String, String, String, Int64).self)
                    return (
                        .inboxRequest(
                            id: id, instanceID: instanceID, accountID: accountID, grantID: grantID,
                            at: WallInstant(unixMilliseconds: at)),
                        String(id)
                    )
                }
            case .inboxLifts:
                let (instance, account) = TransferCursor.pair(cursor)
                return try await connection.collect(
                    """
                    SELECT instance_id, account_id, lifted_at FROM inbox_lifts
                    WHERE (instance_id, account_id) > (\(instance), \(account))
                    ORDER BY instance_id, account_id LIMIT \(limit)
                    """, logger
                ).map {
                    let (instanceID, accountID, liftedAt) = try $0.decode((String, String, Int64).self)
                    return (
                        .inboxLift(
                            instanceID: instanceID, accountID: accountID,
                            liftedAt: WallInstant(unixMilliseconds: liftedAt)),
                        TransferCursor.pair(instanceID, accountID)
                    )
                }
            case .inboxDeliveries:
                let (grant, device) = TransferCursor.pair(cursor)
                return try await connection.collect(
                    """
                    SELECT grant_id, device_id, delivered_at FROM inbox_deliveries
                    WHERE (grant_id, device_id) > (\(grant), \(device))
                    ORDER BY grant_id, device_id LIMIT \(limit)
                    """, logger
                ).map {
                    let (grantID, deviceID, deliveredAt) = try $0.decode((String, String, Int64).self)
                    return (
                        .inboxDelivery(
                            InboxDeliveryReceipt(
                                grantID: grantID, deviceID: deviceID,
                                deliveredAt: WallInstant(unixMilliseconds: deliveredAt))),
                        TransferCursor.pair(grantID, deviceID)
                    )
                }
            }
        }
        return ASRowPage(rows: rows.map(\.row), next: rows.count == limit ? rows.last?.position : nil)
    }

    /// Tokens by their depth in derivation chains, then by id: a derived token comes after the token it was derived
    /// from (RFC 9767 §4), so the destination's foreign key holds page by page.
    private static func accessTokens(
        after cursor: String?, limit: Int, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> [(row: ASRow, position: String)] {
        let (depth, id) = TransferCursor.pair(cursor)
        return try await connection.collect(
            """
            WITH RECURSIVE chain(id, depth) AS (
                SELECT id, 0::bigint FROM access_tokens WHERE parent_token_id IS NULL
                UNION ALL
                SELECT access_tokens.id, chain.depth + 1 FROM access_tokens
                JOIN chain ON access_tokens.parent_token_id = chain.id
            )
            SELECT \(unescaped: AccessTokenRow.columns), chain.depth FROM access_tokens JOIN chain USING (id)
            WHERE (chain.depth, access_tokens.id) > (\(Int64(depth) ?? -1), \(id))
            ORDER BY chain.depth, access_tokens.id LIMIT \(limit)
            """, logger
        ).map { row in
            let token = try AccessTokenRow.decode(row)
            let depth = try row.makeRandomAccess()["depth"].decode(Int64.self)
            return (.accessToken(token), TransferCursor.pair(String(depth), token.id))
        }
    }

    public func importRows(_ rows: [ASRow]) async throws {
        try await transaction { connection in
            for row in rows { try await self.importRow(row, connection) }
        }
    }

    /// The next audit entry's and inbox request's positions follow the imported ones.
    public func finishImport() async throws {
        try await autocommit { connection in
            try await connection.run(
                """
                SELECT setval(pg_get_serial_sequence('audit_events', 'id'),
                    COALESCE((SELECT MAX(id) FROM audit_events), 1), (SELECT COUNT(*) > 0 FROM audit_events))
                """, self.logger)
            try await connection.run(
                """
                SELECT setval(pg_get_serial_sequence('inbox_requests', 'id'),
                    COALESCE((SELECT MAX(id) FROM inbox_requests), 1), (SELECT COUNT(*) > 0 FROM inbox_requests))
                """, self.logger)
        }
    }
}
