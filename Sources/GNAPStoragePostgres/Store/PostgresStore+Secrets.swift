import GNAP
import PostgresNIO

/// ``SecretStore``. Instances starting together on an empty database agree on one value: the first insert wins and
/// every instance reads what is stored.
extension PostgresStore: SecretStore {
    public func secret(named name: String, create: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        if let stored = try await storedSecret(named: name) { return stored }
        // Made before the transaction (the store's work runs in a task of its own); unused if another won.
        let value = ByteBuffer(bytes: create())
        return try await transaction { connection in
            let logger = self.logger
            try await connection.run(
                "INSERT INTO secrets (name, value) VALUES (\(name), \(value)) ON CONFLICT (name) DO NOTHING", logger)
            let stored = try await connection.first("SELECT value FROM secrets WHERE name = \(name)", logger)
            guard let stored else { throw StoreError.notFound("secret \(name)") }
            return Array(buffer: try stored.decode(ByteBuffer.self))
        }
    }

    public func replaceSecret(named name: String, with value: [UInt8], ifCurrent current: [UInt8]) async throws
        -> Bool
    {
        let (new, old) = (ByteBuffer(bytes: value), ByteBuffer(bytes: current))
        return try await autocommit { connection in
            // One statement decides: of instances racing to wrap the same clear value, one changes it.
            try await connection.first(
                "UPDATE secrets SET value = \(new) WHERE name = \(name) AND value = \(old) RETURNING 1", self.logger)
                != nil
        }
    }

    private func storedSecret(named name: String) async throws -> [UInt8]? {
        try await autocommit { connection in
            try await connection.first("SELECT value FROM secrets WHERE name = \(name)", self.logger).map {
                Array(buffer: try $0.decode(ByteBuffer.self))
            }
        }
    }
}
