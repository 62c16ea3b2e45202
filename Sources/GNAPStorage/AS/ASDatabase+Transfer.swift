import Foundation
import GNAP
import GRDB

/// ``ASStoreTransfer``: every table row by row, exactly as stored (for `gnapterm db copy`).
extension ASDatabase: ASStoreTransfer {
    public func tableCounts() async throws -> [ASTable: Int] {
        try read { db in
            var counts: [ASTable: Int] = [:]
            for table in ASTable.allCases {
                // Table names come from ASTable, never from input.
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.rawValue)") ?? 0
            }
            return counts
        }
    }

    public func exportRows(of table: ASTable, after cursor: String?, limit: Int) async throws -> ASRowPage {
        let limit = max(1, limit)
        return try read { db in
            let rows: [(row: ASRow, position: String)] =
                switch table {
                case .accounts:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM accounts WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map { (.account(try Self.account(from: $0)), $0["id"]) }
                case .secrets:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM secrets WHERE name > ? ORDER BY name LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map { (.secret(name: $0["name"], value: [UInt8]($0["value"] as Data)), $0["name"]) }
                case .clientInstances:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM client_instances WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map {
                        (
                            .clientInstance(
                                try Self.clientInstance(from: $0), fromRegistry: ($0["origin"] as String) == "registry"),
                            $0["id"]
                        )
                    }
                case .resourceServers:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM resource_servers WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map {
                        (
                            .resourceServer(
                                try Self.resourceServer(from: $0), fromRegistry: ($0["origin"] as String) == "registry"),
                            $0["id"]
                        )
                    }
                case .resourceSets:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM resource_sets WHERE reference > ? ORDER BY reference LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map { (.resourceSet(try Self.resourceSet(from: $0)), $0["reference"]) }
                case .enrollmentCodes:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM enrollment_codes WHERE code_hash > ? ORDER BY code_hash LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map { row in
                        var code = EnrollmentCodeRecord(
                            codeHash: row["code_hash"], accountID: row["account_id"],
                            createdAt: WallInstant(unixMilliseconds: row["created_at"]),
                            expiresAt: WallInstant(unixMilliseconds: row["expires_at"]))
                        code.usedAt = row.instant("used_at")
                        return (.enrollmentCode(code, expiredAt: row.instant("expired_at")), row["code_hash"])
                    }
                case .approverDevices:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM approver_devices WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map { (.approverDevice(try Self.device(from: $0)), $0["id"]) }
                case .grants:
                    try Row.fetchAll(
                        db, sql: "SELECT id, record FROM grants WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map { (.grant(try JSONColumn.decode(GrantRecord.self, $0["record"], what: "grant")), $0["id"]) }
                case .accessTokens:
                    try Self.accessTokens(after: cursor, limit: limit, db)
                case .auditEvents:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM audit_events WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [Int64(cursor ?? "0") ?? 0, limit]
                    ).map { (.auditEntry(Self.auditEntry($0)), String($0["id"] as Int64)) }
                case .signatureNonces:
                    try Self.nonces(after: cursor, limit: limit, db)
                case .codeAttempts:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM code_attempts WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [cursor ?? "", limit]
                    ).map {
                        (
                            .codeAttempt(
                                CodeAttemptTicket(device: $0["device_id"], id: $0["id"]),
                                at: WallInstant(unixMilliseconds: $0["at"])),
                            $0["id"]
                        )
                    }
                case .inboxRequests:
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM inbox_requests WHERE id > ? ORDER BY id LIMIT ?",
                        arguments: [Int64(cursor ?? "0") ?? 0, limit]
                    ).map {
                        (
                            .inboxRequest(
                                id: $0["id"], instanceID: $0["instance_id"], accountID: $0["account_id"],
                                grantID: $0["grant_id"], at: WallInstant(unixMilliseconds: $0["at"])),
                            String($0["id"] as Int64)
                        )
                    }
                case .inboxLifts:
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT * FROM inbox_lifts WHERE (instance_id, account_id) > (?, ?)
                            ORDER BY instance_id, account_id LIMIT ?
                            """,
                        arguments: [TransferCursor.pair(cursor).0, TransferCursor.pair(cursor).1, limit]
                    ).map {
                        (
                            .inboxLift(
                                instanceID: $0["instance_id"], accountID: $0["account_id"],
                                liftedAt: WallInstant(unixMilliseconds: $0["lifted_at"])),
                            TransferCursor.pair($0["instance_id"], $0["account_id"])
                        )
                    }
                case .inboxDeliveries:
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT * FROM inbox_deliveries WHERE (grant_id, device_id) > (?, ?)
                            ORDER BY grant_id, device_id LIMIT ?
                            """,
                        arguments: [TransferCursor.pair(cursor).0, TransferCursor.pair(cursor).1, limit]
                    ).map {
                        (
                            .inboxDelivery(
                                InboxDeliveryReceipt(
                                    grantID: $0["grant_id"], deviceID: $0["device_id"],
                                    deliveredAt: WallInstant(unixMilliseconds: $0["delivered_at"]))),
                            TransferCursor.pair($0["grant_id"], $0["device_id"])
                        )
                    }
                }
            return ASRowPage(rows: rows.map(\.row), next: rows.count == limit ? rows.last?.position : nil)
        }
    }

    public func importRows(_ rows: [ASRow]) async throws {
        try await write { db in
            for row in rows { try Self.importRow(row, db) }
        }
    }

    /// SQLite's AUTOINCREMENT follows explicitly inserted ids by itself.
    public func finishImport() async throws {}

    /// Tokens by their depth in derivation chains, then by id: a derived token comes after the token it was derived
    /// from (RFC 9767 §4), so the destination's foreign key holds page by page.
    private static func accessTokens(after cursor: String?, limit: Int, _ db: Database) throws
        -> [(row: ASRow, position: String)]
    {
        let position = TransferCursor.pair(cursor)
        return try Row.fetchAll(
            db,
            sql: """
                WITH RECURSIVE chain(id, depth) AS (
                    SELECT id, 0 FROM access_tokens WHERE parent_token_id IS NULL
                    UNION ALL
                    SELECT access_tokens.id, chain.depth + 1 FROM access_tokens
                    JOIN chain ON access_tokens.parent_token_id = chain.id
                )
                SELECT access_tokens.*, chain.depth AS chain_depth FROM access_tokens JOIN chain USING (id)
                WHERE (chain.depth, access_tokens.id) > (?, ?)
                ORDER BY chain.depth, access_tokens.id LIMIT ?
                """, arguments: [Int(position.0) ?? -1, position.1, limit]
        ).map {
            (
                .accessToken(try AccessTokenRow(row: $0).token),
                TransferCursor.pair(String($0["chain_depth"] as Int), $0["id"])
            )
        }
    }

    private static func nonces(after cursor: String?, limit: Int, _ db: Database) throws
        -> [(row: ASRow, position: String)]
    {
        let position = TransferCursor.pair(cursor)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM signature_nonces WHERE (key_id, nonce) > (?, ?) ORDER BY key_id, nonce LIMIT ?
                """, arguments: [position.0, position.1, limit]
        ).map {
            (
                .signatureNonce(
                    key: $0["key_id"], nonce: $0["nonce"], expiresAt: WallInstant(unixMilliseconds: $0["expires_at"])),
                TransferCursor.pair($0["key_id"], $0["nonce"])
            )
        }
    }
}
