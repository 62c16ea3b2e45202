import GNAP
import Logging
import PostgresNIO

/// A `grants` row: the whole record as JSON (`record`) plus the columns SQL filters, sorts and constrains on, each
/// named once here, so INSERT and UPDATE cannot disagree on them.
struct GrantRow {
    let grant: GrantRecord

    init(_ grant: GrantRecord) { self.grant = grant }

    func insert(_ connection: PostgresConnection, _ logger: Logger) async throws {
        let grant = grant
        let inbox = InboxColumns(grant)
        try await connection.run(
            """
            INSERT INTO grants (id, instance_id, status, outcome, client_name, approver_account_id, user_code_hash,
                continuation_token_hash, interaction_id_hash, created_at, interaction_expires_at, record,
                granted_by_policy, inbox_account_id, inbox_fingerprint, inbox_decision, inbox_decided_at)
            VALUES (\(grant.id), \(grant.instanceID), \(grant.lifecycle.status.rawValue),
                \(grant.lifecycle.outcome?.rawValue), \(grant.clientDisplay?.name),
                \(grant.lifecycle.boundApprover?.accountID), \(grant.userCodeHash), \(grant.continuationTokenHash),
                \(grant.interactionIDHash), \(grant.lifecycle.createdAt.unixMilliseconds),
                \(grant.lifecycle.interactionExpiresAt.unixMilliseconds), \(try StoredJSON.encode(grant)),
                \(inbox.grantedByPolicy), \(inbox.accountID), \(inbox.fingerprint), \(inbox.decision),
                \(inbox.decidedAt))
            """, logger)
    }

    func update(_ connection: PostgresConnection, _ logger: Logger) async throws {
        let grant = grant
        let inbox = InboxColumns(grant)
        try await connection.run(
            """
            UPDATE grants SET instance_id = \(grant.instanceID), status = \(grant.lifecycle.status.rawValue),
                outcome = \(grant.lifecycle.outcome?.rawValue), client_name = \(grant.clientDisplay?.name),
                approver_account_id = \(grant.lifecycle.boundApprover?.accountID),
                user_code_hash = \(grant.userCodeHash), continuation_token_hash = \(grant.continuationTokenHash),
                interaction_id_hash = \(grant.interactionIDHash),
                created_at = \(grant.lifecycle.createdAt.unixMilliseconds),
                interaction_expires_at = \(grant.lifecycle.interactionExpiresAt.unixMilliseconds),
                record = \(try StoredJSON.encode(grant)), granted_by_policy = \(inbox.grantedByPolicy),
                inbox_account_id = \(inbox.accountID), inbox_fingerprint = \(inbox.fingerprint),
                inbox_decision = \(inbox.decision), inbox_decided_at = \(inbox.decidedAt)
            WHERE id = \(grant.id)
            """, logger)
    }

    static func decode(_ row: PostgresRow) throws -> GrantRecord {
        try StoredJSON.decode(GrantRecord.self, try row.decode(String.self), what: "grant")
    }

    /// The grant with id `id`, locked for this transaction (`FOR NO KEY UPDATE`: other changes of the grant wait,
    /// inserting its tokens and audit entries does not).
    static func lock(_ connection: PostgresConnection, id: String, _ logger: Logger) async throws -> GrantRecord? {
        try await connection.first("SELECT record FROM grants WHERE id = \(id) FOR NO KEY UPDATE", logger)
            .map(decode)
    }
}

/// The inbox columns of a grant row, derived from the record on every write (as the SQLite schema's): its addressee,
/// what makes it identical to another request, the addressee's own decision (approvals and denials by an admin or a
/// mismatched approver do not count towards a block), and whether standing access approved it.
struct InboxColumns {
    var grantedByPolicy: Bool
    var accountID: String?
    var fingerprint: String?
    var decision: String?
    var decidedAt: Int64?

    init(_ grant: GrantRecord) {
        let lifecycle = grant.lifecycle
        let inbox = lifecycle.inbox
        grantedByPolicy = lifecycle.isGrantedByPolicy
        accountID = inbox?.accountID
        fingerprint = inbox.map { _ in InboxLimits.fingerprint(of: grant.request) }
        if let inbox, let approval = lifecycle.approval, approval.approver.accountID == inbox.accountID {
            decision = "approved"
            decidedAt = approval.at.unixMilliseconds
        } else if let inbox, let denial = lifecycle.denial, denial.approver.accountID == inbox.accountID,
            denial.code == nil
        {
            decision = "denied"
            decidedAt = denial.at.unixMilliseconds
        }
    }
}
