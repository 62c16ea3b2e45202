import GNAP
import GNAPStorage
import GRDB
import HTTPMessageSignatures
import TerminalSession

extension LocalDatabase {
    /// A row of `approver_identities` as a record.
    static func identity(_ row: Row) throws -> ApproverIdentity {
        ApproverIdentity(
            server: row["server"], deviceID: row["device_id"],
            privateKey: try JSONColumn.decode(JWK.self, row["private_jwk"], what: "approver key"),
            username: row["username"], displayName: row["display_name"],
            enrolledAt: WallInstant(unixMilliseconds: row["enrolled_at"]))
    }

    public func approverIdentities() async throws -> [ApproverIdentity] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM approver_identities ORDER BY server").map(Self.identity)
        }
    }

    public func sealedApproverKey(server: String) async throws -> SealedApproverKey? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sealed_approver_keys WHERE server = ?", arguments: [server])
                .map { row in
                    SealedApproverKey(
                        server: row["server"], envelope: row["envelope"],
                        sealedAt: WallInstant(unixMilliseconds: row["sealed_at"]))
                }
        }
    }

    public func saveSealedApproverIdentity(_ identity: ApproverIdentity, sealed: SealedApproverKey) async throws {
        guard sealed.server == identity.server else { throw StorageError.corruptRecord("sealed key of another server") }
        // Never write a private key next to its seal: the clear column keeps only the public members.
        guard !identity.privateKey.isPrivate else {
            throw StorageError.corruptRecord("sealed identity with a private key")
        }
        let jwk = try JSONColumn.encode(identity.privateKey)
        try await write { db in
            try Self.writeIdentity(identity, jwk: jwk, in: db)
            try db.execute(
                sql: "INSERT OR REPLACE INTO sealed_approver_keys (server, envelope, sealed_at) VALUES (?, ?, ?)",
                arguments: [sealed.server, sealed.envelope, sealed.sealedAt.unixMilliseconds])
        }
    }

    public func searchDecisions(matching query: String, limit: Int) async throws -> [DecisionRecord] {
        return try await read { db in
            // Exact terms where possible: a prefix query costs time in proportion to its matches (see
            // LocalSearchSchema+Expansion.swift).
            switch try LocalSearchSchema.match(for: query, in: db) {
            case .everything:
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM decisions ORDER BY decided_at DESC, rowid DESC LIMIT ?", arguments: [limit]
                ).map(Self.decisionRecord)
            case .nothing: return []
            case .query(let match):
                return try Row.fetchAll(db, sql: LocalSearchSchema.search, arguments: [match, limit])
                    .map(Self.decisionRecord)
            }
        }
    }
}
