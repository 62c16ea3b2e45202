import GNAP
import GNAPStorage
import GRDB
import TerminalSession

/// The device's grant, as one JSON record per name (the file is 0600; the tokens are live secrets the device itself
/// must present, so they cannot be stored hashed).
extension LocalDatabase: DeviceGrantStore {
    public func deviceGrant(name: String) async throws -> DeviceGrantRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM device_grants WHERE name = ?", arguments: [name])
                .map { try JSONColumn.decode(DeviceGrantRecord.self, $0, what: "device grant") }
        }
    }

    public func saveDeviceGrant(_ record: DeviceGrantRecord, name: String) async throws {
        let text = try JSONColumn.encode(record)
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO device_grants (name, server, record, received_at) VALUES (?, ?, ?, ?)",
                arguments: [name, record.server, text, record.receivedAt.unixMilliseconds])
        }
    }

    public func deleteDeviceGrant(name: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM device_grants WHERE name = ?", arguments: [name])
        }
    }
}
