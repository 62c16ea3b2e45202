import Foundation
import GNAP
import GNAPStorage
import GRDB
import HTTPMessageSignatures
import TerminalSession

/// The terminal side's SQLite store (file mode 0600: it holds private keys).
public struct LocalDatabase: ApproverStore, ClientKeyStore {
    public static let fileName = "gnapterm.sqlite"

    let writer: any DatabaseWriter

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try LocalMigrations.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the local store in `directory`.
    public static func open(directory: URL) throws -> LocalDatabase {
        let path = try DatabaseFile.prepare(directory: directory, fileName: fileName)
        return try DatabaseFile.opening(path) {
            try LocalDatabase(writer: DatabaseQueue(path: path, configuration: DatabaseFile.configuration()))
        }
    }

    public static func inMemory() throws -> LocalDatabase {
        try LocalDatabase(writer: DatabaseQueue(configuration: DatabaseFile.configuration()))
    }

    // MARK: ApproverStore

    public func approverIdentity(server: String) async throws -> ApproverIdentity? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM approver_identities WHERE server = ?", arguments: [server])
            else { return nil }
            return try Self.identity(row)
        }
    }

    /// The identity's row; `jwk` is its key as stored (the private key in the clear, or only the public members
    /// when the key is sealed).
    static func writeIdentity(_ identity: ApproverIdentity, jwk: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO approver_identities
                    (server, device_id, private_jwk, username, display_name, enrolled_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                identity.server, identity.deviceID, jwk, identity.username, identity.displayName,
                identity.enrolledAt.unixMilliseconds,
            ])
    }

    public func saveApproverIdentity(_ identity: ApproverIdentity) async throws {
        let jwk = try JSONColumn.encode(identity.privateKey)
        try await write { db in
            try Self.writeIdentity(identity, jwk: jwk, in: db)
            // A key saved in the clear replaces any sealed one (see `ApproverKeyStore`).
            try db.execute(sql: "DELETE FROM sealed_approver_keys WHERE server = ?", arguments: [identity.server])
        }
    }

    public func recordDecision(_ decision: DecisionRecord) async throws {
        let granted = try JSONColumn.encode(decision.grantedRights)
        let withheld = try JSONColumn.encode(decision.withheldRights)
        let released = try JSONColumn.encode(decision.releasedSubject)
        let grantedAccess = try decision.grantedAccess.map { try JSONColumn.encode($0) }
        let withheldAccess = try decision.withheldAccess.map { try JSONColumn.encode($0) }
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO decisions (id, decided_at, server, grant_id, client_name, client_uri, key_thumbprint,
                        decision, granted_rights, withheld_rights, released_subject, reason, granted_access,
                        withheld_access)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    decision.id, decision.decidedAt.unixMilliseconds, decision.server, decision.grantID,
                    decision.clientName, decision.clientURI, decision.keyThumbprint, decision.decision.rawValue,
                    granted, withheld, released, decision.reason, grantedAccess, withheldAccess,
                ])
        }
    }

    public func decisions(limit: Int) async throws -> [DecisionRecord] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM decisions ORDER BY decided_at DESC, rowid DESC LIMIT ?", arguments: [limit]
            ).map(Self.decisionRecord)
        }
    }

    /// A row of `decisions` as a record.
    static func decisionRecord(_ row: Row) throws -> DecisionRecord {
        guard let decision = DecisionRecord.Decision(rawValue: row["decision"]) else {
            throw StorageError.corruptRecord("decision kind")
        }
        return DecisionRecord(
            id: row["id"], decidedAt: WallInstant(unixMilliseconds: row["decided_at"]), server: row["server"],
            grantID: row["grant_id"], clientName: row["client_name"], clientURI: row["client_uri"],
            keyThumbprint: row["key_thumbprint"], decision: decision,
            grantedRights: try JSONColumn.decode([String].self, row["granted_rights"], what: "granted rights"),
            withheldRights: try JSONColumn.decode([String].self, row["withheld_rights"], what: "withheld rights"),
            releasedSubject: try JSONColumn.decode([String].self, row["released_subject"], what: "subject"),
            reason: row["reason"],
            grantedAccess: try (row["granted_access"] as String?).map {
                try JSONColumn.decode([AccessRight].self, $0, what: "granted access")
            },
            withheldAccess: try (row["withheld_access"] as String?).map {
                try JSONColumn.decode([AccessRight].self, $0, what: "withheld access")
            })
    }
}
