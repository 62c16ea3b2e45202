import GNAP
import Logging
import PostgresNIO

/// An `access_tokens` row, mapped column by column in both directions.
struct AccessTokenRow {
    static let columns = """
        id, grant_id, token_hash, management_token_hash, label, access, flags, bound_key, issued_at, expires_at,
        revoked_at, format, audience, subject, parent_token_id
        """

    let token: AccessTokenRecord

    init(_ token: AccessTokenRecord) { self.token = token }

    func insert(_ connection: PostgresConnection, _ logger: Logger) async throws {
        let token = token
        try await connection.run(
            """
            INSERT INTO access_tokens (id, grant_id, token_hash, management_token_hash, label, access, flags,
                bound_key_thumbprint, bound_key, issued_at, expires_at, revoked_at, format, audience, subject,
                parent_token_id)
            VALUES (\(token.id), \(token.grantID), \(token.tokenHash), \(token.managementTokenHash), \(token.label),
                \(try StoredJSON.encode(token.access)), \(try StoredJSON.encode(token.flags)),
                \(token.boundKeyThumbprint), \(try token.boundKey.map { try StoredJSON.encode($0) }),
                \(token.issuedAt.unixMilliseconds), \(token.expiresAt?.unixMilliseconds),
                \(token.revokedAt?.unixMilliseconds), \(token.format),
                \(try token.audience.map { try StoredJSON.encode($0) }), \(token.subject), \(token.parentTokenID))
            """, logger)
    }

    func update(_ connection: PostgresConnection, _ logger: Logger) async throws {
        let token = token
        try await connection.run(
            """
            UPDATE access_tokens SET grant_id = \(token.grantID), token_hash = \(token.tokenHash),
                management_token_hash = \(token.managementTokenHash), label = \(token.label),
                access = \(try StoredJSON.encode(token.access)), flags = \(try StoredJSON.encode(token.flags)),
                bound_key_thumbprint = \(token.boundKeyThumbprint),
                bound_key = \(try token.boundKey.map { try StoredJSON.encode($0) }),
                issued_at = \(token.issuedAt.unixMilliseconds), expires_at = \(token.expiresAt?.unixMilliseconds),
                revoked_at = \(token.revokedAt?.unixMilliseconds), format = \(token.format),
                audience = \(try token.audience.map { try StoredJSON.encode($0) }), subject = \(token.subject),
                parent_token_id = \(token.parentTokenID)
            WHERE id = \(token.id)
            """, logger)
    }

    /// A row selected with ``columns``.
    static func decode(_ row: PostgresRow) throws -> AccessTokenRecord {
        let (
            id, grantID, tokenHash, managementHash, label, access, flags, boundKey, issuedAt, expiresAt, revokedAt,
            format, audience, subject, parentID
        ) = try row.decode(
            (
                String, String, String, String?, String?, String, String, String?, Int64, Int64?, Int64?, String?,
                String?, String?, String?
            ).self)
        var token = AccessTokenRecord(
            id: id, grantID: grantID, tokenHash: tokenHash, managementTokenHash: managementHash, label: label,
            access: try StoredJSON.decode([AccessRight].self, access, what: "token access"),
            flags: try StoredJSON.decode([String].self, flags, what: "token flags"),
            boundKey: try boundKey.map { try StoredJSON.decode(ClientKeyBinding.self, $0, what: "token key") },
            issuedAt: WallInstant(unixMilliseconds: issuedAt), expiresAt: WallInstant(milliseconds: expiresAt),
            revokedAt: WallInstant(milliseconds: revokedAt))
        token.format = format
        token.audience = try audience.map { try StoredJSON.decode([String].self, $0, what: "token audience") }
        token.subject = subject
        token.parentTokenID = parentID
        return token
    }
}
