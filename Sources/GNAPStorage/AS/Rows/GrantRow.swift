import GNAP
import GRDB

/// A `grants` row: the whole record as JSON (`record`) plus the columns SQL filters, sorts and constrains on, each
/// named once here, so INSERT and UPDATE cannot disagree on them.
struct GrantRow: PersistableRecord {
    static let databaseTableName = "grants"

    let grant: GrantRecord

    init(_ grant: GrantRecord) { self.grant = grant }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = grant.id
        container["instance_id"] = grant.instanceID
        container["status"] = grant.lifecycle.status.rawValue
        container["outcome"] = grant.lifecycle.outcome?.rawValue
        container["client_name"] = grant.clientDisplay?.name
        container["approver_account_id"] = grant.lifecycle.boundApprover?.accountID
        container["user_code_hash"] = grant.userCodeHash
        container["continuation_token_hash"] = grant.continuationTokenHash
        container["created_at"] = grant.lifecycle.createdAt.unixMilliseconds
        container["interaction_expires_at"] = grant.lifecycle.interactionExpiresAt.unixMilliseconds
        container["record"] = try JSONColumnMemos.grants.encode(grant)
        container["interaction_id_hash"] = grant.interactionIDHash
        InboxSchema.encodeColumns(of: grant, into: &container)
    }

    /// The grant stored under `key` in the unique column `column` (`id`, `user_code_hash`, `interaction_id_hash`).
    static func load(_ db: Database, _ column: String, _ key: String) throws -> GrantRecord? {
        guard
            let text = try String.fetchOne(
                db.cachedStatement(sql: "SELECT record FROM grants WHERE \(column) = ?"), arguments: [key])
        else { return nil }
        return try JSONColumnMemos.grants.decode(text)
    }
}
