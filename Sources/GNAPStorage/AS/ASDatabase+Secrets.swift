import Foundation
import GNAP
import GRDB

/// ``SecretStore``.
extension ASDatabase {
    public func secret(named name: String, create: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        // Its own transaction, not the group commit's: `create` does not escape, and this runs once at start-up.
        try await writer.write { db in
            if let existing = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = ?", arguments: [name])
            {
                return [UInt8](existing)
            }
            let value = create()
            try db.execute(sql: "INSERT INTO secrets (name, value) VALUES (?, ?)", arguments: [name, Data(value)])
            return value
        }
    }

    public func replaceSecret(named name: String, with value: [UInt8], ifCurrent current: [UInt8]) async throws
        -> Bool
    {
        try await write { db in
            try db.execute(
                sql: "UPDATE secrets SET value = ? WHERE name = ? AND value = ?",
                arguments: [Data(value), name, Data(current)])
            return db.changesCount > 0
        }
    }
}
