import GNAP
import PostgresNIO

/// ``NonceStore``: the replay cache of accepted signatures, shared by every instance.
extension PostgresStore: NonceStore {
    public func recordNonce(
        _ nonce: String, key: String, expiresAt: WallInstant, now: WallInstant, perKeyLimit: Int
    ) async throws -> NonceRecording {
        let limit = max(1, perKeyLimit)
        let now = now.unixMilliseconds
        return try await autocommit { connection in
            let logger = self.logger
            // One statement: insert unless the key is at its limit; an expired entry of the same pair is replaced,
            // a live one is left alone (no row returned: a replay). Two instances recording one pair at once meet
            // on the primary key: the second waits for the first and then finds it. The count stops at the limit.
            let recorded = try await connection.first(
                """
                INSERT INTO signature_nonces (key_id, nonce, expires_at)
                SELECT \(key), \(nonce), \(expiresAt.unixMilliseconds)
                WHERE (SELECT COUNT(*) FROM (
                    SELECT 1 FROM signature_nonces WHERE key_id = \(key) AND expires_at > \(now) LIMIT \(limit)
                ) AS live) < \(limit)
                ON CONFLICT (key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at
                    WHERE signature_nonces.expires_at <= \(now)
                RETURNING 1
                """, logger)
            if recorded != nil { return .recorded }
            let live = try await connection.first(
                """
                SELECT 1 FROM signature_nonces WHERE key_id = \(key) AND nonce = \(nonce) AND expires_at > \(now)
                """, logger)
            return live != nil ? .replayed : .keyOverLimit
        }
    }

    public func purgeExpiredNonces(at now: WallInstant, limit: Int) async throws -> Int {
        try await autocommit { connection in
            try await connection.first(
                """
                WITH purged AS (
                    DELETE FROM signature_nonces WHERE (key_id, nonce) IN (
                        SELECT key_id, nonce FROM signature_nonces WHERE expires_at <= \(now.unixMilliseconds)
                        LIMIT \(max(1, limit)))
                    RETURNING 1)
                SELECT COUNT(*) FROM purged
                """, self.logger
            ).map { Int(try $0.decode(Int64.self)) } ?? 0
        }
    }
}
