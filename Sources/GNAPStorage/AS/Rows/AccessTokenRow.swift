import GNAP
import GRDB

/// An `access_tokens` row, mapped column by column in both directions.
struct AccessTokenRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "access_tokens"

    let token: AccessTokenRecord

    init(_ token: AccessTokenRecord) { self.token = token }

    init(row: Row) throws {
        var token = AccessTokenRecord(
            id: row["id"], grantID: row["grant_id"], tokenHash: row["token_hash"],
            managementTokenHash: row["management_token_hash"], label: row["label"],
            access: try JSONColumn.decode([AccessRight].self, row["access"], what: "token access"),
            flags: try JSONColumn.decode([String].self, row["flags"], what: "token flags"),
            boundKey: try (row["bound_key"] as String?).map {
                try JSONColumn.decode(ClientKeyBinding.self, $0, what: "token key")
            },
            issuedAt: WallInstant(unixMilliseconds: row["issued_at"]), expiresAt: row.instant("expires_at"),
            revokedAt: row.instant("revoked_at"))
        token.format = row["format"]
        token.audience = try (row["audience"] as String?).map {
            try JSONColumn.decode([String].self, $0, what: "token audience")
        }
        token.subject = row["subject"]
        token.parentTokenID = row["parent_token_id"]
        self.token = token
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = token.id
        container["grant_id"] = token.grantID
        container["token_hash"] = token.tokenHash
        container["management_token_hash"] = token.managementTokenHash
        container["label"] = token.label
        container["access"] = try JSONColumn.encode(token.access)
        container["flags"] = try JSONColumn.encode(token.flags)
        container["bound_key_thumbprint"] = token.boundKeyThumbprint
        container["bound_key"] = try token.boundKey.map { try JSONColumn.encode($0) }
        container["issued_at"] = token.issuedAt.unixMilliseconds
        container["expires_at"] = token.expiresAt?.unixMilliseconds
        container["revoked_at"] = token.revokedAt?.unixMilliseconds
        container["format"] = token.format
        container["audience"] = try token.audience.map { try JSONColumn.encode($0) }
        container["subject"] = token.subject
        container["parent_token_id"] = token.parentTokenID
    }

    /// The tokens `sql` selects (whole rows).
    static func tokens(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> [AccessTokenRecord] {
        try fetchAll(db, sql: sql, arguments: arguments).map(\.token)
    }

    /// The token `sql` selects (a whole row), if any.
    static func token(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> AccessTokenRecord? {
        try fetchOne(db, sql: sql, arguments: arguments)?.token
    }
}
