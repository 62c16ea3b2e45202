import GNAP
import GRDB

/// A `grants` row: the whole record as JSON (`record`) plus the columns SQL filters, sorts and constrains on, each
/// named once here (``columns``, in the order of ``arguments``), so INSERT and UPDATE cannot disagree on them.
///
/// Written through two cached statements rather than GRDB's record persistence, which built a persistence container
/// and its SQL for every grant inside the writer's serial section (in the time profile of docs/performance.md, the
/// row's insert took 10.8 % of the AS's time, of which the record's JSON was 2.4 %).
struct GrantRow {
    static let columns =
        [
            "id", "instance_id", "status", "outcome", "client_name", "approver_account_id", "user_code_hash",
            "continuation_token_hash", "created_at", "interaction_expires_at", "record", "interaction_id_hash",
        ] + InboxSchema.grantColumns

    let grant: GrantRecord
    /// The column values, in the order of ``columns``; the record's JSON is encoded here, before any transaction.
    let values: [DatabaseValue]

    init(_ grant: GrantRecord) throws {
        self.grant = grant
        var values: [(any DatabaseValueConvertible)?] = [
            grant.id,
            grant.instanceID,
            grant.lifecycle.status.rawValue,
            grant.lifecycle.outcome?.rawValue,
            grant.clientDisplay?.name,
            grant.lifecycle.boundApprover?.accountID,
            grant.userCodeHash,
            grant.continuationTokenHash,
            grant.lifecycle.createdAt.unixMilliseconds,
            grant.lifecycle.interactionExpiresAt.unixMilliseconds,
            try JSONColumnMemos.grants.encode(grant),
            grant.interactionIDHash,
        ]
        values += InboxSchema.grantColumnValues(of: grant)
        assert(values.count == Self.columns.count)
        self.values = values.map { $0?.databaseValue ?? .null }
    }

    private static let insertSQL =
        "INSERT INTO grants (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"

    /// Every column but `id` (the first), then the `id` of the row to change.
    private static let updateSQL =
        "UPDATE grants SET \(columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"

    func insert(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(values))
    }

    /// Rewrites every column of the row with this grant's `id`, which must exist.
    func update(_ db: Database) throws {
        try db.cachedStatement(sql: Self.updateSQL).execute(
            arguments: StatementArguments(values.dropFirst() + values.prefix(1)))
        guard db.changesCount == 1 else { throw StoreError.notFound("grant \(grant.id)") }
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
