import Foundation
import GNAP
import GRDB

/// ``ASStoreTransfer``: writing rows exactly as another store exported them.
extension ASDatabase {
    static func importRow(_ row: ASRow, _ db: Database) throws {
        switch row {
        case .account(let account):
            try db.execute(
                sql: """
                    INSERT INTO accounts (id, username, display_name, role, opaque_subject, email, disabled, created_at,
                        updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account.id, account.username, account.displayName, account.role.rawValue, account.opaqueSubject,
                    account.email, account.disabled, account.createdAt.unixMilliseconds,
                    account.updatedAt.unixMilliseconds,
                ])
        case .secret(let name, let value):
            try db.execute(sql: "INSERT INTO secrets (name, value) VALUES (?, ?)", arguments: [name, Data(value)])
        case .clientInstance(let instance, let fromRegistry):
            try db.execute(
                sql: """
                    INSERT INTO client_instances (id, key_thumbprint, key, display, created_at, registered, origin)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    instance.id, instance.key.thumbprint, try JSONColumn.encode(instance.key),
                    try instance.display.map { try JSONColumn.encode($0) }, instance.createdAt.unixMilliseconds,
                    instance.registered, fromRegistry ? "registry" : "dynamic",
                ])
        case .resourceServer(let server, let fromRegistry):
            try insert(server, origin: fromRegistry ? "registry" : "dynamic", db)
        case .resourceSet(let set):
            try db.execute(
                sql: """
                    INSERT INTO resource_sets (reference, resource_server_id, access, token_formats,
                        introspection_required, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    set.reference, set.resourceServerID, try JSONColumn.encode(set.access),
                    try set.tokenFormats.map { try JSONColumn.encode($0) }, set.introspectionRequired,
                    set.createdAt.unixMilliseconds,
                ])
        case .enrollmentCode(let code, let expiredAt):
            try db.execute(
                sql: """
                    INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at, used_at, expired_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    code.codeHash, code.accountID, code.createdAt.unixMilliseconds, code.expiresAt.unixMilliseconds,
                    code.usedAt?.unixMilliseconds, expiredAt?.unixMilliseconds,
                ])
        case .approverDevice(let device):
            try db.execute(
                sql: """
                    INSERT INTO approver_devices (id, account_id, name, jwk, thumbprint, enrolled_at, last_seen_at,
                        revoked_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    device.id, device.accountID, device.name, try JSONColumn.encode(device.jwk), device.thumbprint,
                    device.enrolledAt.unixMilliseconds, device.lastSeenAt?.unixMilliseconds,
                    device.revokedAt?.unixMilliseconds,
                ])
        case .grant(let grant):
            try GrantRow(grant).insert(db)
        case .accessToken(let token):
            try AccessTokenRow(token).insert(db)
        case .auditEntry(let entry):
            let event = entry.event
            try db.execute(
                sql: """
                    INSERT INTO audit_events (id, grant_id, at, kind, detail, account_id, actor, request_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    entry.id, event.grantID, event.at.unixMilliseconds, event.kind.rawValue, event.detail,
                    event.accountID, event.actor, event.requestID,
                ])
        case .signatureNonce(let key, let nonce, let expiresAt):
            try db.execute(
                sql: "INSERT INTO signature_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)",
                arguments: [key, nonce, expiresAt.unixMilliseconds])
        case .codeAttempt(let ticket, let at):
            try db.execute(
                sql: "INSERT INTO code_attempts (id, device_id, at) VALUES (?, ?, ?)",
                arguments: [ticket.id, ticket.device, at.unixMilliseconds])
        case .inboxRequest(let id, let instanceID, let accountID, let grantID, let at):
            try db.execute(
                sql: "INSERT INTO inbox_requests (id, instance_id, account_id, grant_id, at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, instanceID, accountID, grantID, at.unixMilliseconds])
        case .inboxLift(let instanceID, let accountID, let liftedAt):
            try db.execute(
                sql: "INSERT INTO inbox_lifts (instance_id, account_id, lifted_at) VALUES (?, ?, ?)",
                arguments: [instanceID, accountID, liftedAt.unixMilliseconds])
        case .inboxDelivery(let receipt):
            try db.execute(
                sql: "INSERT INTO inbox_deliveries (grant_id, device_id, delivered_at) VALUES (?, ?, ?)",
                arguments: [receipt.grantID, receipt.deviceID, receipt.deliveredAt.unixMilliseconds])
        }
    }
}
