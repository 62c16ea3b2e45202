import GNAP
import PostgresNIO

/// ``ASStoreTransfer``: writing rows exactly as another store exported them.
extension PostgresStore {
    func importRow(_ row: ASRow, _ connection: PostgresConnection) async throws {
        let logger = logger
        switch row {
        case .account(let account):
            try await connection.run(
                """
                INSERT INTO accounts (id, username, display_name, role, opaque_subject, email, disabled, created_at,
                    updated_at)
                VALUES (\(account.id), \(account.username), \(account.displayName), \(account.role.rawValue),
                    \(account.opaqueSubject), \(account.email), \(account.disabled),
                    \(account.createdAt.unixMilliseconds), \(account.updatedAt.unixMilliseconds))
                """, logger)
        case .secret(let name, let value):
            try await connection.run(
                "INSERT INTO secrets (name, value) VALUES (\(name), \(ByteBuffer(bytes: value)))", logger)
        case .clientInstance(let instance, let fromRegistry):
            try await connection.run(
                """
                INSERT INTO client_instances (id, key_thumbprint, key, display, created_at, registered, origin)
                VALUES (\(instance.id), \(instance.key.thumbprint), \(try StoredJSON.encode(instance.key)),
                    \(try instance.display.map { try StoredJSON.encode($0) }), \(instance.createdAt.unixMilliseconds),
                    \(instance.registered), \(fromRegistry ? "registry" : "dynamic"))
                """, logger)
        case .resourceServer(let server, let fromRegistry):
            try await insert(server, origin: fromRegistry ? "registry" : "dynamic", connection)
        case .resourceSet(let set):
            try await connection.run(
                """
                INSERT INTO resource_sets (reference, resource_server_id, access, token_formats, introspection_required,
                    created_at)
                VALUES (\(set.reference), \(set.resourceServerID), \(try StoredJSON.encode(set.access)),
                    \(try set.tokenFormats.map { try StoredJSON.encode($0) }), \(set.introspectionRequired),
                    \(set.createdAt.unixMilliseconds))
                """, logger)
        case .enrollmentCode(let code, let expiredAt):
            try await connection.run(
                """
                INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at, used_at, expired_at)
                VALUES (\(code.codeHash), \(code.accountID), \(code.createdAt.unixMilliseconds),
                    \(code.expiresAt.unixMilliseconds), \(code.usedAt?.unixMilliseconds),
                    \(expiredAt?.unixMilliseconds))
                """, logger)
        case .approverDevice(let device):
            try await connection.run(
                """
                INSERT INTO approver_devices (id, account_id, name, jwk, thumbprint, enrolled_at, last_seen_at,
                    revoked_at)
                VALUES (\(device.id), \(device.accountID), \(device.name), \(try StoredJSON.encode(device.jwk)),
                    \(device.thumbprint), \(device.enrolledAt.unixMilliseconds), \(device.lastSeenAt?.unixMilliseconds),
                    \(device.revokedAt?.unixMilliseconds))
                """, logger)
        case .grant(let grant):
            try await GrantRow(grant).insert(connection, logger)
        case .accessToken(let token):
            try await AccessTokenRow(token).insert(connection, logger)
        case .auditEntry(let entry):
            let event = entry.event
            try await connection.run(
                """
                INSERT INTO audit_events (id, grant_id, at, kind, detail, account_id, actor, request_id)
                VALUES (\(entry.id), \(event.grantID), \(event.at.unixMilliseconds), \(event.kind.rawValue),
                    \(event.detail), \(event.accountID), \(event.actor), \(event.requestID))
                """, logger)
        case .signatureNonce(let key, let nonce, let expiresAt):
            try await connection.run(
                """
                INSERT INTO signature_nonces (key_id, nonce, expires_at)
                VALUES (\(key), \(nonce), \(expiresAt.unixMilliseconds))
                """, logger)
        case .codeAttempt(let ticket, let at):
            try await connection.run(
                """
                INSERT INTO code_attempts (id, device_id, at) VALUES (\(ticket.id), \(ticket.device), \(at.unixMilliseconds))
                """, logger)
        case .inboxRequest(let id, let instanceID, let accountID, let grantID, let at):
            try await connection.run(
                """
                INSERT INTO inbox_requests (id, instance_id, account_id, grant_id, at)
                VALUES (\(id), \(instanceID), \(accountID), \(grantID), \(at.unixMilliseconds))
                """, logger)
        case .inboxLift(let instanceID, let accountID, let liftedAt):
            try await connection.run(
                """
                INSERT INTO inbox_lifts (instance_id, account_id, lifted_at)
                VALUES (\(instanceID), \(accountID), \(liftedAt.unixMilliseconds))
                """, logger)
        case .inboxDelivery(let receipt):
            try await connection.run(
                """
                INSERT INTO inbox_deliveries (grant_id, device_id, delivered_at)
                VALUES (\(receipt.grantID), \(receipt.deviceID), \(receipt.deliveredAt.unixMilliseconds))
                """, logger)
        }
    }
}
