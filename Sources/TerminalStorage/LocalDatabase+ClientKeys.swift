import Foundation
import GNAP
import GNAPStorage
import GRDB
import HTTPMessageSignatures
import TerminalSession

extension LocalDatabase {
    public func clientKey(name: String) async throws -> JWK? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT private_jwk FROM client_keys WHERE name = ?", arguments: [name])
                .map { try JSONColumn.decode(JWK.self, $0, what: "client key") }
        }
    }

    public func saveClientKey(name: String, jwk: JWK) async throws {
        let text = try JSONColumn.encode(jwk)
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO client_keys (name, private_jwk, created_at) VALUES (?, ?, ?)",
                arguments: [name, text, WallInstant(Date()).unixMilliseconds])
        }
    }

    public func deleteClientKey(name: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM client_keys WHERE name = ?", arguments: [name])
        }
    }

    /// One transaction: the old key under `name` is deleted and the pending row renamed, so no reader sees both
    /// keys or neither.
    public func promoteClientKey(_ pending: String, to name: String) async throws {
        try await write { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM client_keys WHERE name = ?)", arguments: [pending]) == true
            else { throw StorageError.failed(reason: "no client key is stored under '\(pending)'") }
            try db.execute(sql: "DELETE FROM client_keys WHERE name = ?", arguments: [name])
            try db.execute(sql: "UPDATE client_keys SET name = ? WHERE name = ?", arguments: [name, pending])
        }
    }

    /// The names client keys are stored under, sorted.
    public func clientKeyNames() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT name FROM client_keys ORDER BY name") }
    }
}
