import GNAP
import GRDB

/// ``NonceStore``: the replay cache of accepted signatures.
extension ASDatabase {
    public func recordNonce(
        _ nonce: String, key: String, expiresAt: WallInstant, now: WallInstant, perKeyLimit: Int
    ) async throws -> NonceRecording {
        let limit = max(1, perKeyLimit)
        let now = now.unixMilliseconds
        return try await write { db in
            // One statement: insert unless the key is at its limit; an expired entry of the same pair is replaced,
            // a live one is left alone (no change: a replay). The count stops at the limit, so its cost is bounded.
            // A cached statement: this runs for every signed request, and parsing it cost a quarter of an Ed25519
            // verification each time (docs/performance.md).
            try db.cachedStatement(
                sql: """
                    INSERT INTO signature_nonces (key_id, nonce, expires_at)
                    SELECT ?, ?, ?
                    WHERE (SELECT COUNT(*) FROM (
                        SELECT 1 FROM signature_nonces WHERE key_id = ? AND expires_at > ? LIMIT ?)) < ?
                    ON CONFLICT (key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at
                        WHERE signature_nonces.expires_at <= ?
                    """
            ).execute(arguments: [key, nonce, expiresAt.unixMilliseconds, key, now, limit, limit, now])
            if db.changesCount == 1 { return .recorded }
            let live = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM signature_nonces WHERE key_id = ? AND nonce = ? AND expires_at > ?",
                arguments: [key, nonce, now])
            return live == true ? .replayed : .keyOverLimit
        }
    }

    public func purgeExpiredNonces(at now: WallInstant, limit: Int) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: """
                    DELETE FROM signature_nonces WHERE (key_id, nonce) IN (
                        SELECT key_id, nonce FROM signature_nonces WHERE expires_at <= ? LIMIT ?)
                    """, arguments: [now.unixMilliseconds, max(1, limit)])
            return db.changesCount
        }
    }
}
